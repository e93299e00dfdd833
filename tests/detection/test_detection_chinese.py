"""zh-Hans vs zh-Hant from OpenCC, Japanese-only kanji and Simplified-only characters."""

from __future__ import annotations

import pytest

from service.detection.chinese import (
    HANS,
    HANT,
    chinese_variant,
    chinese_variants,
    has_japanese_kanji,
    has_simplified_only,
    variant_evidence,
)


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("我们使用 cookie 进行分析以改进我们的网站。", HANS),
        ("我們使用 cookie 進行分析以改進我們的網站。", HANT),
        ("拒绝", HANS),
        ("登录", HANS),
        ("設定", HANT),
        ("後來", HANT),
        ("台灣的公里數", HANT),  # 台 is kept in Taiwan and Hong Kong: no Simplified evidence
        ("干扰", HANS),
        ("中文", None),  # same in both scripts
        ("公里", None),  # 里 is valid Traditional in this phrase
        ("皇后", None),
        ("", None),
    ],
)
def test_variant(text: str, variant: str | None) -> None:
    assert chinese_variant(text) == variant


def test_batch_matches_single_calls() -> None:
    texts = ["我们的网站", "我們的網站", "中文", "A mixed 网站 line", "繁體中文"]
    assert chinese_variants(texts) == [chinese_variant(t) for t in texts]
    assert variant_evidence(texts)[1] == (0, 2)


@pytest.mark.parametrize(
    ("text", "japanese"),
    [("東京駅", True), ("気象", True), ("図書館", True), ("中国", False), ("東京", False)],
)
def test_japanese_only_kanji(text: str, japanese: bool) -> None:
    assert has_japanese_kanji(text) is japanese


@pytest.mark.parametrize(
    ("text", "simplified_only"),
    [
        ("这是", True),
        ("会议室预订", True),  # 议, 预, 订
        ("图片来源", True),
        ("会議室予約", False),
        ("国会", False),  # 国 and 会 are Japanese shinjitai as well
        ("学校", False),
        ("机の上", False),  # 机 "desk": Japanese writes it as it is
        ("携帯電話", False),
        ("台湾", False),  # kept by Traditional standards
        ("東京", False),
    ],
)
def test_simplified_only_characters(text: str, simplified_only: bool) -> None:
    assert has_simplified_only(text) is simplified_only
    assert has_simplified_only(f"x{text}x", 1, len(text) + 1) is simplified_only
