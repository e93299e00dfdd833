"""Locale tag <-> directory mapping and locale discovery."""

from __future__ import annotations

import pytest

from service.catalogs import UnknownLocale, locale_dir_name, locale_tag
from service.catalogs.locales import available_locales


@pytest.mark.parametrize(
    ("tag", "directory"),
    [("zh-Hans", "zh_Hans"), ("zh-Hant", "zh_Hant"), ("pt-BR", "pt_BR"), ("en", "en")],
)
def test_mapping_both_ways(tag: str, directory: str) -> None:
    assert locale_dir_name(tag) == directory
    assert locale_tag(directory) == tag
    assert locale_dir_name(directory) == directory
    assert locale_tag(tag) == tag


def test_case_is_normalised() -> None:
    assert locale_dir_name("ZH-hans") == "zh_Hans"
    assert locale_tag("pt_br") == "pt-BR"


@pytest.mark.parametrize("bad", ["", "../etc", "zh/Hans", "xx-YY", "en US"])
def test_malformed_or_unknown_tags_are_refused(bad: str) -> None:
    with pytest.raises(UnknownLocale):
        locale_dir_name(bad)


def test_available_locales_ignores_other_entries(locales_dir) -> None:
    (locales_dir / "notes").mkdir()
    (locales_dir / "fr" / "LC_MESSAGES").mkdir(parents=True)
    assert available_locales(locales_dir) == ["en", "pt-BR", "zh-Hans", "zh-Hant"]
    assert available_locales(locales_dir / "missing") == []
