"""Language tag mapping between the API's BCP-47 tags and Argos codes."""

import pytest

from service.languages import (
    UnknownLanguage,
    canonical,
    chinese_variant,
    display_name,
    from_argos,
    to_argos,
)


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en-US", "en"),
        ("zh", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh_SG", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zt", "zh-Hant"),
        ("pb", "pt-BR"),
        ("pt-BR", "pt-BR"),
        ("pt", "pt"),
        ("fr-CA", "fr"),
        ("ja", "ja"),
    ],
)
def test_canonical(tag: str, expected: str) -> None:
    assert canonical(tag) == expected


@pytest.mark.parametrize("tag", ["", "xx-nope", "qq", "123", "en--US"])
def test_unknown_tags_are_rejected(tag: str) -> None:
    with pytest.raises(UnknownLanguage):
        canonical(tag)


def test_argos_codes_round_trip() -> None:
    for tag in ("zh-Hans", "zh-Hant", "pt-BR", "en", "fr"):
        assert from_argos(to_argos(tag)) == tag
    assert to_argos("zh-Hans") == "zh"
    assert to_argos("zh-Hant") == "zt"


def test_chinese_variant() -> None:
    assert chinese_variant("zh-HK") == "hk"
    assert chinese_variant("zh-TW") == "tw"
    assert chinese_variant("zh-Hant") == "tw"
    assert chinese_variant("zh-Hans") is None


def test_display_names_in_own_language() -> None:
    assert display_name("en") == "English"
    assert display_name("ja") == "日本語"
    assert display_name("zh-Hans") == "简体中文"
    assert display_name("zh-Hant") == "繁體中文"
    assert display_name("zh-Hans", "en") == "Simplified Chinese"
    assert display_name("pt-BR", "en") == "Brazilian Portuguese"
