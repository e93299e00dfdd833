"""Language codes: the API speaks BCP-47, Argos packages use their own codes; mapped here only."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

# Argos codes that differ from the BCP-47 tag the API uses for the same language.
_ARGOS_TO_BCP47 = {"zh": "zh-Hans", "zt": "zh-Hant", "pb": "pt-BR"}
_BCP47_TO_ARGOS = {tag: code for code, tag in _ARGOS_TO_BCP47.items()}

# Regional Chinese tags and the script (and OpenCC phrasing) they stand for.
_CHINESE_ALIASES = {
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-my": "zh-Hans",
    "zh-hans": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "zh-hant": "zh-Hant",
    "zh-tw": "zh-Hant",
    "zh-hant-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant-hk": "zh-Hant",
}

CHINESE_TAGS = ("zh-Hans", "zh-Hant")


class UnknownLanguage(ValueError):
    """A language tag that is not a well-formed, known language; ``tag`` is what was given."""

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


def canonical(tag: str) -> str:
    """Normalise a caller's language tag to the BCP-47 form the service uses internally.

    ``zh``, ``zh-CN`` → ``zh-Hans``; ``zh-TW``, ``zh-HK`` → ``zh-Hant``; ``pb`` → ``pt-BR``;
    ``EN`` → ``en``. Raises UnknownLanguage for tags Babel does not know.
    """
    cleaned = tag.strip().replace("_", "-")
    lowered = cleaned.lower()
    if lowered in _CHINESE_ALIASES:
        return _CHINESE_ALIASES[lowered]
    if lowered in _ARGOS_TO_BCP47:
        return _ARGOS_TO_BCP47[lowered]
    try:
        locale = Locale.parse(cleaned, sep="-")
    except (ValueError, UnknownLocaleError) as exc:
        raise UnknownLanguage(tag) from exc
    if locale.territory and locale.language == "pt":
        return f"pt-{locale.territory}"
    return locale.language


def chinese_variant(tag: str) -> str | None:
    """The OpenCC phrasing a Traditional Chinese request asks for: 'tw', 'hk' or None."""
    lowered = tag.strip().replace("_", "-").lower()
    if lowered in ("zh-hk", "zh-mo", "zh-hant-hk"):
        return "hk"
    if lowered in ("zh-hant", "zh-tw", "zh-hant-tw", "zt"):
        return "tw"
    return None


def to_argos(tag: str) -> str:
    """BCP-47 tag → Argos package code (``zh-Hans`` → ``zh``)."""
    return _BCP47_TO_ARGOS.get(tag, tag)


def from_argos(code: str) -> str:
    """Argos package code → BCP-47 tag (``zt`` → ``zh-Hant``)."""
    return _ARGOS_TO_BCP47.get(code, code)


def display_name(tag: str, in_locale: str | None = None) -> str:
    """The language's name in its own language, or in ``in_locale`` (English, 简体中文).

    CLDR's name for the whole tag wins ("Simplified Chinese", "简体中文"); otherwise Babel
    composes one ("Portuguese (Brazil)"). Raises UnknownLanguage for tags Babel cannot parse.
    """
    try:
        locale = Locale.parse(tag, sep="-")
        shown_in = Locale.parse(in_locale, sep="-") if in_locale else locale
    except (ValueError, UnknownLocaleError) as exc:
        raise UnknownLanguage(tag) from exc
    name = shown_in.languages.get(tag.replace("-", "_")) or locale.get_display_name(shown_in)
    name = name or tag
    return name[:1].upper() + name[1:]
