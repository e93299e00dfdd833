"""Locale names and catalog paths: BCP-47 tags (API) <-> gettext directory names (disk)."""

from __future__ import annotations

from pathlib import Path

from service.catalogs.errors import UnknownLocale
from service.languages import LanguageTag, UnknownLanguage

DOMAIN = "messages"
SOURCE_LOCALE = "en"
"""Language the msgids are written in."""


def _parsed(locale: str) -> LanguageTag:
    try:
        tag = LanguageTag.parse(locale)
    except UnknownLanguage as exc:
        raise UnknownLocale(locale) from exc
    if tag.locale_parts is None:  # an Argos-only code such as "zt" names no catalog
        raise UnknownLocale(locale)
    return tag


def locale_dir_name(locale: str) -> str:
    """BCP-47 tag (or directory name) → directory name: ``zh-Hans`` → ``zh_Hans``.

    Raises UnknownLocale for malformed tags or languages Babel does not know, so the
    result is always safe to use as a path component.
    """
    return _parsed(locale).dir_name


def locale_tag(locale: str) -> str:
    """Directory name (or BCP-47 tag) → BCP-47 tag: ``pt_BR`` → ``pt-BR``."""
    return _parsed(locale).locale


def catalog_path(locales_dir: Path, locale: str, suffix: str = ".po") -> Path:
    """Path of a locale's ``messages.po`` (or ``.mo`` with ``suffix=".mo"``)."""
    return locales_dir / locale_dir_name(locale) / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def template_path(locales_dir: Path) -> Path:
    """Path of the ``messages.pot`` template."""
    return locales_dir / f"{DOMAIN}.pot"


def available_locales(locales_dir: Path) -> list[str]:
    """BCP-47 tags of the locales that have a ``messages.po`` in ``locales_dir``, sorted."""
    if not locales_dir.is_dir():
        return []
    tags = []
    for child in locales_dir.iterdir():
        if not (child / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
            continue
        try:
            if locale_dir_name(child.name) == child.name:
                tags.append(locale_tag(child.name))
        except UnknownLocale:
            continue
    return sorted(tags)
