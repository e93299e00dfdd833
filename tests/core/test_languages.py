"""Language tag mapping between the API's BCP-47 tags and Argos codes."""

import pytest

from service.languages import (
    LanguageTag,
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


@pytest.mark.parametrize(
    ("tag", "language", "variant", "locale", "dir_name"),
    [
        ("zh-Hant-TW", "zh-Hant", "tw", "zh-Hant-TW", "zh_Hant_TW"),
        ("zh_Hant_HK", "zh-Hant", "hk", "zh-Hant-HK", "zh_Hant_HK"),
        ("zh-hans", "zh-Hans", None, "zh-Hans", "zh_Hans"),
        ("pt_BR", "pt-BR", None, "pt-BR", "pt_BR"),
        ("EN-us", "en", None, "en-US", "en_US"),
    ],
)
def test_one_parse_gives_every_form(
    tag: str, language: str, variant: str | None, locale: str, dir_name: str
) -> None:
    parsed = LanguageTag.parse(tag)
    assert (parsed.language, parsed.variant, parsed.locale, parsed.dir_name) == (
        language,
        variant,
        locale,
        dir_name,
    )
    assert LanguageTag.parse(tag) is parsed  # parsed once, then reused


def test_argos_only_codes_have_no_locale() -> None:
    parsed = LanguageTag.parse("zt")
    assert (parsed.language, parsed.variant, parsed.argos) == ("zh-Hant", "tw", "zt")
    with pytest.raises(UnknownLanguage):
        _ = parsed.dir_name
    with pytest.raises(UnknownLanguage):
        LanguageTag.parse("not a language")
