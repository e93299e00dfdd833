"""Choosing the locale to serve from what a reader asks for (pure; no Flask).

Tags are matched against the available locales (BCP-47, e.g. ``en``, ``zh-Hans``) in this
order: exact (case-insensitive, ``_`` or ``-``), the Chinese regional aliases (``zh-TW``,
``zh-HK`` → ``zh-Hant``; ``zh``, ``zh-CN``, ``zh-SG`` → ``zh-Hans``), then Babel's
``Locale.negotiate`` (``en-US`` → ``en``, with CLDR aliases), then the bare language.
``Accept-Language`` is walked in order of its q-values; nothing matching gives the default.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel import Locale, UnknownLocaleError

from service.languages import UnknownLanguage, canonical

DEFAULT_LOCALE = "en"


def parse_accept_language(header: str | None) -> list[str]:
    """The tags of an ``Accept-Language`` header, best first (q=0 and ``*`` dropped)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(ranked)]


def match_locale(tag: str | None, available: Sequence[str]) -> str | None:
    """The available locale that serves ``tag``, or None."""
    if not tag or len(tag) > 64:
        return None
    by_key = {locale.lower().replace("_", "-"): locale for locale in available}
    cleaned = tag.strip().replace("_", "-")
    if cleaned.lower() in by_key:
        return by_key[cleaned.lower()]
    try:
        canon = canonical(cleaned)
    except UnknownLanguage:
        return None
    if canon.lower() in by_key:
        return by_key[canon.lower()]
    if canon.startswith("zh-"):
        return None
    try:
        negotiated = Locale.negotiate([cleaned], list(by_key), sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        negotiated = None
    if negotiated is not None:
        found = by_key.get(str(negotiated).lower().replace("_", "-"))
        if found:
            return found
    return by_key.get(canon.split("-")[0].lower())


def negotiate(
    accept_language: str | None, available: Sequence[str], default: str = DEFAULT_LOCALE
) -> str:
    """The locale to serve a reader whose browser sends ``accept_language``."""
    for tag in parse_accept_language(accept_language):
        found = match_locale(tag, available)
        if found is not None:
            return found
    return default if default in available or not available else available[0]


def choose_locale(
    candidates: Sequence[str | None],
    accept_language: str | None,
    available: Sequence[str],
    default: str = DEFAULT_LOCALE,
) -> str:
    """The first candidate (e.g. ``?lang=``, then a cookie) that matches, else negotiation."""
    for candidate in candidates:
        found = match_locale(candidate, available)
        if found is not None:
            return found
    return negotiate(accept_language, available, default)
