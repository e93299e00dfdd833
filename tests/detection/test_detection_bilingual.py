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
        ("我的账户 My account", [("我的账户", "zh-Hans"), ("My account", "en")]),
        ("We're hiring 我们在招聘", [("We're hiring", "en"), ("我们在招聘", "zh-Hans")]),
        ("You may also like 猜你喜欢", [("You may also like", "en"), ("猜你喜欢", "zh-Hans")]),
    ],
)
def test_bilingual_label_is_two_segments(text: str, expected) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("首页 Home", [("首页", "zh-Hans"), ("Home", "en")]),
        ("Subscribe 订阅我们的新闻", [("Subscribe", "en"), ("订阅我们的新闻", "zh-Hans")]),
        ("English 中文", [("English", "en"), ("中文", "zh-Hans")]),
        ("Share 分享", [("Share", "en"), ("分享", "zh-Hans")]),
        ("Search 搜索", [("Search", "en"), ("搜索", "zh-Hans")]),
        ("Menu 菜单", [("Menu", "en"), ("菜单", "zh-Hans")]),
        ("Video 视频", [("Video", "en"), ("视频", "zh-Hans")]),
        ("Sign Up 注册", [("Sign Up", "en"), ("注册", "zh-Hans")]),
        ("Sign In 登录", [("Sign In", "en"), ("登录", "zh-Hans")]),
        ("Related Articles 相关文章", [("Related Articles", "en"), ("相关文章", "zh-Hans")]),
        ("Breaking News 突发新闻", [("Breaking News", "en"), ("突发新闻", "zh-Hans")]),
    ],
)
def test_one_word_and_title_case_english_is_a_phrase(text: str, expected) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 comments 3条评论", [("3 comments", "en"), ("3条评论", "zh-Hans")]),
        ("Page 2 of 10 第2页，共10页", [("Page 2 of 10", "en"), ("第2页，共10页", "zh-Hans")]),
        ("首页 Page 2 of 10", [("首页", "zh-Hans"), ("Page 2 of 10", "en")]),  # "10" completes "of"
        (
            "2024 annual report 2024年度报告",
            [("2024 annual report", "en"), ("2024年度报告", "zh-Hans")],
        ),
    ],
)
def test_number_led_english_keeps_its_numbers(text: str, expected) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Accept all cookies 接受所有 Cookie",
            [("Accept all cookies", "en"), ("接受所有 Cookie", "zh-Hans")],
        ),
        ("Manage cookies 管理 Cookie", [("Manage cookies", "en"), ("管理 Cookie", "zh-Hans")]),
        ("管理 Cookie Manage cookies", [("管理 Cookie", "zh-Hans"), ("Manage cookies", "en")]),
        ("Cookie settings Cookie 设置", [("Cookie settings", "en"), ("Cookie 设置", "zh-Hans")]),
        (
            "AI-generated image AI 生成的图像",
            [("AI-generated image", "en"), ("AI 生成的图像", "zh-Hans")],
        ),
        ("Download the App 下载 App", [("Download the App", "en"), ("下载 App", "zh-Hans")]),
    ],
)
def test_borrowed_word_next_to_the_chinese_half_belongs_to_it(text: str, expected) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Related articles 相关文章.", [("Related articles", "en"), ("相关文章.", "zh-Hans")]),
        ("登录 Sign in。", [("登录", "zh-Hans"), ("Sign in。", "en")]),
    ],
)
def test_a_terminator_after_the_second_half_does_not_join_the_halves(text: str, expected) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("相关文章 関連記事", [("相关文章", "zh-Hans"), ("関連記事", "ja")]),
        (
            "Related articles 相关文章 関連記事",
            [("Related articles", "en"), ("相关文章", "zh-Hans"), ("関連記事", "ja")],
        ),
        (
            "関連記事 相关文章 Related articles",
            [("関連記事", "ja"), ("相关文章", "zh-Hans"), ("Related articles", "en")],
        ),
    ],
)
def test_simplified_chinese_next_to_japanese_is_cut_and_never_japanese(text: str, expected) -> None:
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
    ("text", "parts"),
    [
        ("Page 2 of 10 第2页", ["Page 2 of 10", "第2页"]),  # English keeps its trailing number
        ("3 comments 3条评论", ["3 comments", "3条评论"]),  # Chinese keeps its attached one
        ("登录 3 items", ["登录", "3 items"]),  # before English: the first space
        ("Cookie 设置", ["Cookie 设置"]),
    ],
)
def test_split_bilingual_cut(text: str, parts: list[str]) -> None:
    units = split_bilingual(text, Unit(0, len(text), 0))
    assert [text[u.start : u.end] for u in units] == parts


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("这个 feature 我们下周 release", "zh-Hans"),  # alternating runs
        ("我们下周 release 这个 feature", "zh-Hans"),
        ("此网站使用 cookie", "zh-Hans"),  # one borrowed word
        ("AI 生成的图像", "zh-Hans"),  # an acronym
        ("由 AI 报道 AI 生成的图像", "zh-Hans"),
        ("Cookie 设置", "zh-Hans"),  # a loanword
        ("App 下载", "zh-Hans"),
        ("Wi-Fi 密码", "zh-Hans"),
        ("iPhone 用户", "zh-Hans"),  # a CamelCase brand
        ("CEO 表示", "zh-Hans"),
        ("支持 PDF 格式", "zh-Hans"),
        ("Ctrl+Enter 保存当前句子。", "zh-Hans"),  # a key combination is code
        ("New York Times 报道称，谈判仍在进行中。", "zh-Hans"),  # a name, then a sentence
        ("我喜欢 Python", "zh-Hans"),  # a Chinese clause with an English object
        ("Python 是一种编程语言", "zh-Hans"),  # an English subject of a Chinese predicate
        ("Tesla 发布了新车", "zh-Hans"),
        ("I love 火锅", "en"),  # an English clause with a Chinese object
        ("The app supports 简体中文", "en"),
        ("打开 Settings", "zh-Hans"),
        ("OpenAI CEO Sam Altman 表示", "zh-Hans"),  # names only
        ("使用 GitHub 登录", "zh-Hans"),  # a borrowed name between CJK runs
        ("登录 to continue", "zh-Hans"),  # lowercase start continues the sentence
        ("Sign in with 微信", "en"),  # "with" needs its complement
        ("欢迎来到 Mixlate, the best translator", "zh-Hans"),  # 到 needs its complement
        ('He said "你好" to everyone', "en"),  # quoted
        ("欢迎，Ana！", "zh-Hans"),  # a comma joins the halves into one sentence
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
