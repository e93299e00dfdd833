"""Language codes: the API speaks BCP-47, Argos packages use their own codes; mapped here only."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import parse_locale

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


@dataclass(frozen=True, slots=True)
class LanguageTag:
    """A caller's language tag, parsed once (``parse`` is cached), in every form we need.

    ``language`` is what models translate: ``zh``, ``zh-CN`` → ``zh-Hans``; ``zh-TW``,
    ``zh-HK`` → ``zh-Hant``; ``pb`` → ``pt-BR``; ``EN``, ``en-US`` → ``en``. ``variant`` is the
    OpenCC phrasing a Traditional Chinese request asks for (``tw``, ``hk`` or None).
    ``locale_parts`` (language, script, territory, variant) keep the whole locale, as a UI
    catalog is named (``zh_Hant_TW``); they are None for codes that are only Argos codes.
    """

    language: str
    variant: str | None
    locale_parts: tuple[str | None, str | None, str | None, str | None] | None

    @staticmethod
    @lru_cache(maxsize=4096)
    def parse(tag: str) -> LanguageTag:
        """The tag's forms; raises UnknownLanguage for tags Babel does not know."""
        if not isinstance(tag, str):
            raise UnknownLanguage(str(tag))
        cleaned = tag.strip().replace("_", "-")
        lowered = cleaned.lower()
        parts = _locale_parts(cleaned)
        variant = _VARIANTS.get(lowered)
        if lowered in _CHINESE_ALIASES:
            return LanguageTag(_CHINESE_ALIASES[lowered], variant, parts)
        if lowered in _ARGOS_TO_BCP47:
            return LanguageTag(_ARGOS_TO_BCP47[lowered], variant, parts)
        if parts is None:
            raise UnknownLanguage(tag)
        language, _script, territory, _variant = parts
        if territory and language == "pt":
            return LanguageTag(f"pt-{territory}", None, parts)
        return LanguageTag(str(language), None, parts)

    @property
    def locale(self) -> str:
        """The whole locale as a BCP-47 tag (``zh-Hant-TW``, ``pt-BR``)."""
        return "-".join(self._parts())

    @property
    def dir_name(self) -> str:
        """The whole locale as a gettext directory name (``zh_Hant_TW``)."""
        return "_".join(self._parts())

    @property
    def argos(self) -> str:
        """The Argos package code of ``language`` (``zh-Hans`` → ``zh``)."""
        return to_argos(self.language)

    def _parts(self) -> list[str]:
        if self.locale_parts is None:
            raise UnknownLanguage(self.language)
        return [part for part in self.locale_parts if part]


_VARIANTS = {"zh-hk": "hk", "zh-mo": "hk", "zh-hant-hk": "hk"} | dict.fromkeys(
    ("zh-hant", "zh-tw", "zh-hant-tw", "zt"), "tw"
)


def _locale_parts(
    cleaned: str,
) -> tuple[str | None, str | None, str | None, str | None] | None:
    """(language, script, territory, variant) of a Babel-known locale, or None."""
    try:
        language, territory, script, variant = parse_locale(cleaned.replace("-", "_"))
        Locale(language, territory, script, variant)
    except (ValueError, UnknownLocaleError):
        return None
    return language, script, territory, variant


def canonical(tag: str) -> str:
    """The language models translate for a caller's tag (``LanguageTag.language``)."""
    return LanguageTag.parse(tag).language


def chinese_variant(tag: str) -> str | None:
    """The OpenCC phrasing a Traditional Chinese request asks for: 'tw', 'hk' or None."""
    try:
        return LanguageTag.parse(tag).variant
    except UnknownLanguage:
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
