"""The reader-facing names of an article's fields (review page headings), through gettext.

A field is named as the review API names it (``title``, ``captions.0``, ``related.2.title``,
see ``service.review.sentences.field_name``); its heading is a catalog msgid with the item's
number counted from 1 ("Related article 3 — title"). A name this table does not know is shown
as it is, so a new field is never hidden. Pure: the caller passes the locale-bound gettext.
"""

from __future__ import annotations

from collections.abc import Iterable

from service.articles.ui_strings import N_, Gettext

# Fields without an index: the name → msgid.
PLAIN: dict[str, str] = {
    "title": N_("Title"),
    "summary": N_("Summary"),
    "body": N_("Article text"),
    # The reader page's own heading of the reactions.
    "reactions": N_("What people are saying"),
}
# Fields of a list's items: (list, part or "" for a plain item) → msgid with %(number)s.
ITEMS: dict[tuple[str, str], str] = {
    # TRANSLATORS: a heading of the review page; %(number)s counts the article's captions.
    ("captions", ""): N_("Caption %(number)s"),
    # TRANSLATORS: a heading of the review page; the image's text alternative for the blind.
    ("images", "alt"): N_("Image %(number)s — alt text"),
    ("images", "caption"): N_("Image %(number)s — caption"),
    ("related", "title"): N_("Related article %(number)s — title"),
    ("related", "summary"): N_("Related article %(number)s — summary"),
}


def field_heading(name: str, gettext: Gettext) -> str:
    """The localized heading of field ``name`` (the name itself when it is not known)."""
    if name in PLAIN:
        return gettext(PLAIN[name])
    parts = name.split(".")
    if len(parts) in (2, 3) and parts[1].isdigit():
        msgid = ITEMS.get((parts[0], parts[2] if len(parts) == 3 else ""))
        if msgid is not None:
            return gettext(msgid, number=int(parts[1]) + 1)
    return name


def field_headings(names: Iterable[str], gettext: Gettext) -> dict[str, str]:
    """``{name: heading}`` for every field name."""
    return {name: field_heading(name, gettext) for name in names}
