"""Read-side views of catalog entries: state, JSON-ready dicts, filters and statistics."""

from __future__ import annotations

from typing import Any

from babel.messages.catalog import Catalog, Message

from service.catalogs.errors import EntryKey
from service.catalogs.validation import validate_edit

STATES = ("translated", "fuzzy", "untranslated")


def entry_key(message: Message) -> EntryKey:
    """(msgid, msgctxt) of a message; for plural entries the msgid is the singular."""
    msgid = message.id[0] if message.pluralizable else message.id
    return msgid, message.context


def msgstr_value(message: Message) -> str | list[str]:
    """The translation as the API shows it: a string, or a list of plural forms."""
    if not message.pluralizable:
        return message.string if isinstance(message.string, str) else ""
    if isinstance(message.string, str):
        return [message.string]
    return list(message.string or ())


def translated_texts(value: str | list[str]) -> list[str]:
    """The non-empty strings of a msgstr value."""
    if isinstance(value, str):
        return [value] if value else []
    return [text for text in value if text]


def entry_state(message: Message) -> str:
    """``translated``, ``fuzzy`` or ``untranslated`` (a plural entry needs every form)."""
    value = msgstr_value(message)
    complete = bool(value) if isinstance(value, str) else bool(value) and all(value)
    if not complete:
        return "untranslated"
    return "fuzzy" if message.fuzzy else "translated"


def live_messages(catalog: Catalog) -> list[Message]:
    """The catalog's entries without the header and the obsolete ones."""
    return [message for message in catalog if message.id]


def _location(filename: str, lineno: int | None) -> str:
    return f"{filename}:{lineno}" if lineno else filename


def entry_dict(message: Message, locale: str, num_plurals: int) -> dict[str, Any]:
    """JSON-ready view of one entry, with the validation problems of its translation."""
    msgid, msgctxt = entry_key(message)
    value = msgstr_value(message)
    msgid_plural = message.id[1] if message.pluralizable else None
    problems = validate_edit(msgid, value, locale, msgid_plural, num_plurals)
    return {
        "msgid": msgid,
        "msgid_plural": msgid_plural,
        "msgctxt": msgctxt,
        "msgstr": value if isinstance(value, str) else None,
        "msgstr_plural": value if isinstance(value, list) else None,
        "flags": sorted(message.flags),
        "translator_comments": list(message.user_comments),
        "auto_comments": list(message.auto_comments),
        "locations": [_location(filename, lineno) for filename, lineno in message.locations],
        "state": entry_state(message),
        "problems": [problem.to_dict() for problem in problems],
    }


def _matches(message: Message, needle: str) -> bool:
    ids = list(message.id) if message.pluralizable else [message.id]
    texts = [*ids, message.context or "", *translated_texts(msgstr_value(message))]
    return any(needle in text.casefold() for text in texts)


def select_entries(
    catalog: Catalog, locale: str, state: str | None = None, q: str | None = None
) -> list[dict[str, Any]]:
    """Entry dicts in catalog order, optionally only one state and/or containing ``q``.

    ``q`` is matched case-insensitively against msgid, msgid_plural, msgctxt and msgstr.
    """
    if state is not None and state not in STATES:
        raise ValueError(f"state must be one of {STATES}, not {state!r}")
    needle = q.casefold() if q else None
    return [
        entry_dict(message, locale, catalog.num_plurals)
        for message in live_messages(catalog)
        if (state is None or entry_state(message) == state)
        and (needle is None or _matches(message, needle))
    ]


def catalog_stats(catalog: Catalog) -> dict[str, Any]:
    """total / translated / fuzzy / untranslated counts and percent translated."""
    counts = dict.fromkeys(STATES, 0)
    for message in live_messages(catalog):
        counts[entry_state(message)] += 1
    total = sum(counts.values())
    percent = round(100 * counts["translated"] / total, 1) if total else 0.0
    return {"total": total, **counts, "percent": percent}
