"""The UI strings of the reader page (gettext msgids) and the API's ``"ui"`` object.

The msgids are marked with ``N_`` so ``pybabel extract`` puts them into ``messages.pot``;
they are looked up at request time through a locale-bound gettext (the catalog repository's,
which notices catalog edits), never cached here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Gettext = Callable[..., str]


def N_(msgid: str) -> str:  # noqa: N802 (the gettext marker's conventional name)
    """Mark ``msgid`` for extraction without translating it."""
    return msgid


# Keys of the API's "ui" object → msgids. Strings with placeholders are listed separately.
UI_MESSAGES: dict[str, str] = {
    "ai_generated_image": N_("AI-generated image"),
    "what_people_are_saying": N_("What people are saying"),
    "related_articles": N_("Related articles"),
    "reported_by_ai": N_("Reported by AI"),
    "cookie_title": N_("This website uses cookies"),
    # TRANSLATORS: the link text inside the cookie banner's sentence (%(privacy_policy)s).
    "privacy_policy": N_("privacy policy"),
    "decline": N_("Decline"),
    "accept": N_("Accept"),
    "show_original": N_("Show original"),
    "show_translation": N_("Show translation"),
    "original_notice": N_("You are reading the original text."),
    "language_switcher": N_("Language"),
    "skip_to_content": N_("Skip to content"),
    "source": N_("Source"),
}
# TRANSLATORS: %(privacy_policy)s is the "privacy policy" link.
COOKIE_TEXT = N_(
    "We use cookies for analytics to improve our website. Read our %(privacy_policy)s for more "
    "information."
)
# The cookie banner's text when the site has configured no privacy policy to link.
COOKIE_TEXT_PLAIN = N_("We use cookies for analytics to improve our website.")
# TRANSLATORS: %(date)s is the localized date, e.g. "December 7, 2025".
PUBLISHED_ON = N_("Published on %(date)s")
# TRANSLATORS: %(language)s names the languages, e.g. "Chinese" or "English and Japanese".
TRANSLATED_FROM = N_("Translated from %(language)s")
# TRANSLATORS: %(language)s names the languages no installed model translates, e.g. "French".
LEFT_AS_PUBLISHED = N_(
    "Parts of this article are shown as published, in %(language)s: no translation from it "
    "is installed."
)
BY_AUTHOR = N_("By %(author)s")
# TRANSLATORS: %(minutes)s is a number formatted for the locale, e.g. "3" or "1,250".
READING_TIME = N_("%(minutes)s min read")
NOT_FOUND = N_("This article does not exist.")
UNAVAILABLE = N_("This article cannot be shown in this language right now.")

# Every msgid the page and the API use (for checks that the catalogs are complete).
ALL_MSGIDS: tuple[str, ...] = (
    *UI_MESSAGES.values(),
    COOKIE_TEXT,
    COOKIE_TEXT_PLAIN,
    PUBLISHED_ON,
    TRANSLATED_FROM,
    LEFT_AS_PUBLISHED,
    BY_AUTHOR,
    READING_TIME,
    NOT_FOUND,
    UNAVAILABLE,
)


def ui_strings(
    gettext: Gettext,
    *,
    published: str | None = None,
    languages: str | None = None,
    left: str | None = None,
    author: str = "",
    reading_minutes: str | None = None,
    privacy_link: bool = True,
) -> dict[str, Any]:
    """The page's UI strings through ``gettext(msgid, **variables)`` (bound to one locale).

    ``published`` (a localized date), ``languages`` (the localized list of the languages the
    content was translated from), ``left`` (those it keeps as published, for want of a model),
    ``author`` and ``reading_minutes`` (a localized number) fill
    the strings with placeholders; those strings are null when there is nothing to fill in.
    Without ``privacy_link`` (no privacy URL configured) the cookie text names no policy.
    """
    strings: dict[str, Any] = {key: gettext(msgid) for key, msgid in UI_MESSAGES.items()}
    strings["cookie_text"] = (
        gettext(COOKIE_TEXT, privacy_policy=strings["privacy_policy"])
        if privacy_link
        else gettext(COOKIE_TEXT_PLAIN)
    )
    strings["published_on"] = gettext(PUBLISHED_ON, date=published) if published else None
    strings["translated_from"] = gettext(TRANSLATED_FROM, language=languages) if languages else None
    strings["left_as_published"] = gettext(LEFT_AS_PUBLISHED, language=left) if left else None
    strings["by_author"] = gettext(BY_AUTHOR, author=author) if author else None
    strings["reading_time"] = (
        gettext(READING_TIME, minutes=reading_minutes) if reading_minutes else None
    )
    return strings
