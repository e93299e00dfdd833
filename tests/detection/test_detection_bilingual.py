"""Bilingual labels: a phrase next to its translation is two segments; code-switching is one."""

from __future__ import annotations

import pytest

from service.detection import bilingual, detect_segments
from service.detection.bilingual import split_bilingual
from service.detection.sentences import Unit


def labelled(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.lang) for s in detect_segments(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Related articles 相关文章", [("Related articles", "en"), ("相关文章", "zh-Hans")]),
        (
            "Read our privacy policy 阅读我们的隐私政策",
            [("Read our privacy policy", "en"), ("阅读我们的隐私政策", "zh-Hans")],
        ),
        ("登录 Sign in", [("登录", "zh-Hans"), ("Sign in", "en")]),
        ("了解更多 Learn more", [("了解更多", "zh-Hans"), ("Learn more", "en")]),
        (
            "Log in with GitHub 使用 GitHub 登录",
            [("Log in with GitHub", "en"), ("使用 GitHub 登录", "zh-Hans")],
        ),
        ("帳號設定 Account settings", [("帳號設定", "zh-Hant"), ("Account settings", "en")]),
        ("ログイン Sign in", [("ログイン", "ja"), ("Sign in", "en")]),
        ("로그인 Sign in", [("로그인", "ko"), ("Sign in", "en")]),
        ("Sign in登录", [("Sign in", "en"), ("登录", "zh-Hans")]),
        ("Next page 下一页。", [("Next page", "en"), ("下一页。", "zh-Hans")]),
    ],
)
def test_bilingual_label_is_two_segments(text: str, expected) -> None:
    assert labelled(text) == expected


def test_offsets_are_exact_and_whitespace_belongs_to_no_segment() -> None:
    text = "  Related articles \t 相关文章 \n"
    segments = detect_segments(text)
    assert [(s.start, s.end, s.lang) for s in segments] == [
        (2, 18, "en"),
        (21, 25, "zh-Hans"),
    ]


def test_split_keeps_the_block_and_cuts_at_the_first_space() -> None:
    text = "x\n\nContact us  » 联系我们"
    unit = Unit(3, len(text), 1)
    first, second = split_bilingual(text, unit)
    assert (text[first.start : first.end], first.block) == ("Contact us", 1)
    assert (text[second.start : second.end], second.block) == ("» 联系我们", 1)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("这个 feature 我们下周 release", "zh-Hans"),  # alternating runs
        ("此网站使用 cookie", "zh-Hans"),  # one borrowed word
        ("AI 生成的图像", "zh-Hans"),  # an acronym
        ("打开 Settings", "zh-Hans"),
        ("OpenAI CEO Sam Altman 表示", "zh-Hans"),  # names only
        ("使用 GitHub 登录", "zh-Hans"),  # a borrowed name between CJK runs
        ("登录 to continue", "zh-Hans"),  # lowercase start continues the sentence
        ("Sign in with 微信", "en"),  # "with" needs its complement
        ("欢迎来到 Mixlate, the best translator", "zh-Hans"),  # 到 needs its complement
        ('He said "你好" to everyone', "en"),  # quoted
        ("The app supports 简体中文.", "en"),  # an English terminator
        ("Please read the following terms of use carefully before you continue 条款", "en"),
    ],
)
def test_code_switching_stays_one_segment(text: str, lang: str) -> None:
    assert labelled(text) == [(text, lang)]


def test_long_unit_is_prose_not_a_label(monkeypatch) -> None:
    english = " ".join(["Read our privacy policy"] * 8)
    chinese = "阅读我们的隐私政策" * 6
    text = f"{english} {chinese}"
    unit = Unit(0, len(text), 0)
    assert len(text) > bilingual.MAX_LABEL
    assert split_bilingual(text, unit) == (unit,)
    monkeypatch.setattr(bilingual, "MAX_LABEL", len(text))
    assert len(split_bilingual(text, unit)) == 2
