"""Sentence/unit splitting: terminators, abbreviations, decimals, separators, bullets, blocks."""

from __future__ import annotations

import pytest

from service.detection.sentences import split_units


def pieces(text: str) -> list[str]:
    return [text[u.start : u.end] for u in split_units(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello world. This is it.", ["Hello world.", "This is it."]),
        ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
        ("我喜欢。你呢？太好了！就这样；", ["我喜欢。", "你呢？", "太好了！", "就这样；"]),
        ("他说：“好的。”然后走了。", ["他说：“好的。”", "然后走了。"]),
        ("我喜欢。I like it.我也喜欢！", ["我喜欢。", "I like it.", "我也喜欢！"]),
        ('He said "hi." Then he left.', ['He said "hi."', "Then he left."]),
    ],
)
def test_terminators(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The talks with the U.S. delegation ended.",
        "Dr. Smith met Mr. Lee and Prof. Tanaka.",
        "Bring fruit, e.g. apples, i.e. something fresh.",
        "It costs $3.50 or 3.14159 units in v1.2.3 today.",
        "See Fig. 3 and No. 12 for details.",
        "Wait... what happened next?",
        "J. R. R. Tolkien wrote it.",
        "Visit https://example.com/a.b/c.html for more.",
    ],
)
def test_no_split_inside_sentence(text: str) -> None:
    assert pieces(text) == [text]


def test_full_width_digits_and_punctuation() -> None:
    assert pieces("价格：１２９９元（含税）！限时优惠。") == [
        "价格：１２９９元（含税）！",
        "限时优惠。",
    ]


def test_line_breaks_and_blocks() -> None:
    text = "First line\nSecond line\r\n\r\nNew paragraph\n \n\nThird"
    units = split_units(text)
    assert [text[u.start : u.end] for u in units] == [
        "First line",
        "Second line",
        "New paragraph",
        "Third",
    ]
    assert [u.block for u in units] == [0, 0, 1, 2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("登录 / Login | 注册", ["登录", "Login", "注册"]),
        ("首页/Home", ["首页", "Home"]),
        ("Home/首页", ["Home", "首页"]),
        ("保存   Save draft\t预览\u3000Publish", ["保存", "Save draft", "预览", "Publish"]),
        ("北京 · Sunny · 晴", ["北京", "Sunny", "晴"]),
        ("and/or is fine", ["and/or is fine"]),
        ("Wi Sung-lac met 2020-2025", ["Wi Sung-lac met 2020-2025"]),
    ],
)
def test_separators(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Breaking news: 台风登陆。", ["Breaking news:", "台风登陆。"]),
        ("语言：English", ["语言：", "English"]),
        ("Time: 14:32 today", ["Time: 14:32 today"]),
        ('He said: "你好"', ['He said: "你好"']),
        ("时间：2025年", ["时间：2025年"]),
        ("Q: 如何取消订阅？", ["Q: 如何取消订阅？"]),
    ],
)
def test_colon_splits_only_across_scripts(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


def test_bullets_stay_outside_units() -> None:
    text = "- one\n* two\n• 三\n1. four\n2) five\n3、六\n（7） seven"
    assert pieces(text) == ["one", "two", "三", "four", "five", "六", "seven"]


def test_offsets_are_exact_and_trimmed() -> None:
    text = "  \u3000Hello there.  \n\n  你好。 \t"
    units = split_units(text)
    assert [text[u.start : u.end] for u in units] == ["Hello there.", "你好。"]
    for unit in units:
        assert not text[unit.start].isspace() and not text[unit.end - 1].isspace()


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\u3000 "])
def test_blank(text: str) -> None:
    assert split_units(text) == []
