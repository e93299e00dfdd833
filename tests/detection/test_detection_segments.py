"""The public API: languages by script, the matrix-language rule, merging, shares, /detect."""

from __future__ import annotations

import dataclasses

import pytest

from service.detection import (
    DEFAULT_LANGUAGES,
    Segment,
    detect_language,
    detect_segments,
    language_shares,
)


def labelled(text: str, languages=None) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.lang) for s in detect_segments(text, languages)]


def only_lang(text: str) -> str:
    segments = detect_segments(text)
    assert len(segments) == 1, labelled(text)
    return segments[0].lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("登录", "zh-Hans"),
        ("拒绝", "zh-Hans"),
        ("Settings", "en"),
        ("Password", "en"),
        ("帳號設定", "zh-Hant"),
        ("ログイン", "ja"),
        ("로그인", "ko"),
        ("Déconnexion", "fr"),
        ("Einstellungen", "de"),
    ],
)
def test_single_word_ui_strings(text: str, lang: str) -> None:
    assert only_lang(text) == lang


@pytest.mark.parametrize(
    "text",
    [
        "AI 生成的图像",
        "由 AI 报道",
        "由 AI 报道 AI 生成的图像",
        "此网站使用 cookie",
        "这个 feature 我们下周 release",
        "我们使用 Google Analytics and Facebook Pixel 来统计访问量",
        "OpenAI CEO Sam Altman 表示",
        "请访问 https://www.example.com/help/faq.html 了解更多信息。",
        "周末一起去吃 hotpot 吗？🔥",
        "iPhone 16 发布会",
        "iPhone 15 Pro 用户",  # a CamelCase brand is borrowed, not a lowercase English word
        "“Make it work, make it right, make it fast” 是他最喜欢的一句话。",
        "Q: 如何取消订阅？",
    ],
)
def test_matrix_chinese_keeps_borrowed_words(text: str) -> None:
    assert labelled(text) == [(text, "zh-Hans")]


@pytest.mark.parametrize(
    "text",
    [
        'In Mandarin, "你好" is the most common greeting.',
        "The restaurant 老北京炸酱面 serves hand-pulled noodles in Brooklyn.",
        "Click 设置 to open the settings page.",
        'Koreans say "안녕하세요" when they meet someone politely.',
        'The Japanese word "ありがとう" means thank you.',
        "The app supports 简体中文, 繁體中文, and 日本語.",
        "She whispered 我爱你 and walked away.",
    ],
)
def test_matrix_english_keeps_quoted_cjk(text: str) -> None:
    assert labelled(text) == [(text, "en")]


def test_japanese_is_never_chinese() -> None:
    text = "東京駅から新幹線で大阪へ向かいました。会議室予約。とても便利でした。"
    assert labelled(text) == [(text, "ja")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "明日の会議は十時から始まります。会议室预订。よろしくお願いします。",
            [
                ("明日の会議は十時から始まります。", "ja"),
                ("会议室预订。", "zh-Hans"),
                ("よろしくお願いします。", "ja"),
            ],
        ),
        (
            "写真は駅の様子です。\n图片来源：新华社\n東京駅",
            [("写真は駅の様子です。", "ja"), ("图片来源：新华社", "zh-Hans"), ("東京駅", "ja")],
        ),
        (
            "展示会の案内です。东京国际展览中心",
            [("展示会の案内です。", "ja"), ("东京国际展览中心", "zh-Hans")],
        ),
    ],
)
def test_context_never_makes_simplified_only_text_japanese(text: str, expected) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("这是気温", "zh-Hans"),  # 这 is Simplified-only, 気 Japanese-only: no kana, not ja
        ("新华社駅", "zh-Hans"),
        ("会议室駅前", "zh-Hans"),
        ("駅前の这", "ja"),  # kana outweighs the Simplified-only character
        ("東京駅", "ja"),
    ],
)
def test_simplified_only_character_rules_out_japanese_without_kana(text: str, lang: str) -> None:
    assert labelled(text) == [(text, lang)]


def test_kanji_only_japanese_sentence_still_takes_its_neighbours() -> None:
    text = "明日の会議は十時から始まります。会議室予約。よろしくお願いします。"
    assert labelled(text) == [(text, "ja")]


def test_korean() -> None:
    text = "서울시는 내년부터 대중교통 요금을 인상한다고 밝혔다."
    assert labelled(text) == [(text, "ko")]


def test_traditional_context_fills_neutral_sentences() -> None:
    text = "歡迎光臨本店。\n中文\n營業時間為每天上午十點至晚上九點。"
    assert labelled(text) == [(text, "zh-Hant")]


def test_adjacent_sentences_merge_and_whitespace_stays_out() -> None:
    text = "  Hello there. How are you?\n\n你好。最近怎么样？ \nFine, thanks.  "
    assert labelled(text) == [
        ("Hello there. How are you?", "en"),
        ("你好。最近怎么样？", "zh-Hans"),
        ("Fine, thanks.", "en"),
    ]


def test_slash_and_pipe_separated_items() -> None:
    assert labelled("登录 / Log in | 注册 | Create account") == [
        ("登录", "zh-Hans"),
        ("Log in", "en"),
        ("注册", "zh-Hans"),
        ("Create account", "en"),
    ]


def test_bullets_keep_their_language() -> None:
    text = "- Fixed a crash when opening large files\n- 修复了打开大文件时崩溃\n- Faster search"
    assert [lang for _, lang in labelled(text)] == ["en", "zh-Hans", "en"]
    assert labelled(text)[1][0] == "修复了打开大文件时崩溃"


def test_numbers_and_emoji_join_a_neighbour() -> None:
    text = "Results are in.\n2025-12-08 14:32 👍\n结果出来了。"
    assert labelled(text) == [
        ("Results are in.\n2025-12-08 14:32 👍", "en"),
        ("结果出来了。", "zh-Hans"),
    ]


@pytest.mark.parametrize("text", ["", " ", "\n\t\u3000"])
def test_blank_text(text: str) -> None:
    assert detect_segments(text) == []
    assert language_shares(text, []) == {}
    assert detect_language(text) == ("und", 0.0)


def test_text_without_letters_is_undetermined() -> None:
    assert detect_segments(" 12345 ") == [Segment(1, 6, "und", 0.0)]


def test_unconfigured_alphabet_is_undetermined() -> None:
    assert only_lang("Привет, как дела?") == "und"


def test_languages_parameter() -> None:
    text = "De vergadering begint morgen om negen uur in het stadhuis."
    assert only_lang(text) != "nl"
    assert labelled(text, ["en", "nl"]) == [(text, "nl")]
    assert labelled("Bonjour tout le monde", ["fr"]) == [("Bonjour tout le monde", "fr")]
    assert labelled("这是中文。", ("en", "zh-Hans", "pt-BR")) == [("这是中文。", "zh-Hans")]
    with pytest.raises(ValueError):
        detect_segments("hello", ["xx"])
    with pytest.raises(ValueError):
        detect_segments("hello", ["zh"])
    assert DEFAULT_LANGUAGES == ("en", "fr", "de", "es", "pt", "it")


def test_short_ambiguous_strings_favour_english() -> None:
    for word in ("Hello", "Cancel", "Menu", "Login", "Home"):
        assert only_lang(word) == "en", word


def test_weak_sentence_takes_its_paragraph_language() -> None:
    text = (
        "Le gouvernement a annoncé une nouvelle aide pour les agriculteurs. Menu. "
        "Les premières indemnités seront versées avant la fin du mois."
    )
    assert [lang for _, lang in labelled(text)] == ["fr"]


def test_segment_is_frozen_with_slots() -> None:
    seg = detect_segments("Hello world, how are you today?")[0]
    assert not hasattr(seg, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        seg.lang = "fr"  # type: ignore[misc]
    assert 0.0 <= seg.confidence <= 1.0


def test_language_shares() -> None:
    text = "Hello world. 你好世界。"
    shares = language_shares(text, detect_segments(text))
    assert shares == {"en": 0.714, "zh-Hans": 0.286}


def test_detect_language_weighs_han_characters() -> None:
    lang, confidence = detect_language("Hello world. 你好世界。")  # 10 letters vs 4 Han (=12)
    assert lang == "zh-Hans"
    assert 0.4 < confidence < 0.7
    lang, confidence = detect_language("The quick brown fox jumps over the lazy dog.")
    assert lang == "en" and confidence > 0.9
    assert detect_language("Das ist ein ganz normaler deutscher Satz.")[0] == "de"
    assert detect_language("12345") == ("und", 0.0)
