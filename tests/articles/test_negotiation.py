"""Locale negotiation: explicit tags, Accept-Language with q-values, Chinese fallbacks."""

from __future__ import annotations

import pytest

from service.articles.negotiation import (
    choose_locale,
    match_locale,
    negotiate,
    parse_accept_language,
)

AVAILABLE = ["en", "zh-Hans", "zh-Hant"]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en-US", "en"),
        ("en_GB", "en"),
        ("zh-Hans", "zh-Hans"),
        ("zh_hant", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant-TW", "zh-Hant"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("fr", None),
        ("xx-invalid", None),
        ("", None),
        (None, None),
        ("x" * 200, None),
    ],
)
def test_match_locale(tag: str | None, expected: str | None) -> None:
    assert match_locale(tag, AVAILABLE) == expected


def test_bare_language_matches_a_regional_request() -> None:
    assert match_locale("pt-BR", ["en", "pt"]) == "pt"
    assert match_locale("es-419", ["es"]) == "es"


def test_accept_language_is_ordered_by_quality() -> None:
    header = "fr-CH, fr;q=0.9, en;q=0.5, zh-TW;q=0.8, de;q=0, *;q=0.1"
    assert parse_accept_language(header) == ["fr-CH", "fr", "zh-TW", "en"]
    assert negotiate(header, AVAILABLE) == "zh-Hant"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-TW,zh;q=0.9", "zh-Hant"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("en-US,en;q=0.9", "en"),
        ("de-DE, fr;q=0.5", "en"),
        ("", "en"),
        (None, "en"),
        ("garbage;;;q=abc,,", "en"),
    ],
)
def test_negotiate_with_fallbacks(header: str | None, expected: str) -> None:
    assert negotiate(header, AVAILABLE) == expected


def test_default_must_be_available() -> None:
    assert negotiate("de", ["zh-Hans"]) == "zh-Hans"
    assert negotiate("de", []) == "en"


def test_choose_locale_prefers_candidates_in_order() -> None:
    assert choose_locale(["zh-TW", "en"], "zh-CN", AVAILABLE) == "zh-Hant"
    assert choose_locale(["klingon", "zh-CN"], "en", AVAILABLE) == "zh-Hans"
    assert choose_locale([None, None], "zh", AVAILABLE) == "zh-Hans"
