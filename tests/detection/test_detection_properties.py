"""Invariants over random mixes of snippets (seeded), hypothesis-generated text, threads.

The hypothesis properties hold for any ``str``: control characters, lone surrogates, huge runs
of one script and random mixes of Latin, Han, kana, Hangul, Cyrillic, Arabic, digits,
punctuation and whitespace. Examples are bounded so the module runs in a few seconds.
"""

from __future__ import annotations

import math
import random
from concurrent.futures import ThreadPoolExecutor

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.detection import detect_language, detect_segments, language_shares
from service.detection.bilingual import split_bilingual
from service.detection.sentences import split_units

EXTRA_SNIPPETS = [
    "😀",
    "👍🏽 OK",
    "１２３",
    "  ",
    "\u00a0",
    "e.g.",
    "U.S.",
    "...",
    "—",
    "https://example.com/a/b?c=d",
    "3.14",
    "「引用」",
    "Ｆｕｌｌｗｉｄｔｈ",
    "Привет",
    "ひらがな",
    "한국어",
    "- ",
    "1. ",
    "|",
    "/",
    "：",
    "。",
]
SEPARATORS = ["", " ", "  ", "\n", "\n\n", "\r\n", "\t", " / ", "|", "\u3000", ". ", "。", "\n- "]
LANGS = {"en", "fr", "de", "es", "pt", "it", "zh-Hans", "zh-Hant", "ja", "ko", "und"}


def random_texts(corpus, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    snippets = [text for doc in corpus for _, text in doc.pieces] + EXTRA_SNIPPETS
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 8)):
            snippet = rng.choice(snippets)
            if rng.random() < 0.3 and len(snippet) > 1:
                a, b = sorted(rng.sample(range(len(snippet) + 1), 2))
                snippet = snippet[a:b]
            parts.append(snippet)
            parts.append(rng.choice(SEPARATORS))
        texts.append("".join(parts))
    return texts


def check_invariants(text: str) -> None:
    segments = detect_segments(text)
    previous_end = 0
    previous_lang = None
    for seg in segments:
        assert 0 <= previous_end <= seg.start < seg.end <= len(text), (text, segments)
        piece = text[seg.start : seg.end]
        assert piece and piece == piece.strip(), (text, seg)
        assert seg.lang in LANGS
        assert 0.0 <= seg.confidence <= 1.0
        assert seg.lang != previous_lang or text[previous_end : seg.start].strip(), (text, seg)
        previous_end, previous_lang = seg.end, seg.lang
    covered = [False] * len(text)
    for seg in segments:
        covered[seg.start : seg.end] = [True] * (seg.end - seg.start)
    assert all(covered[i] for i, c in enumerate(text) if c.isalpha()), (text, segments)
    if not text.strip():
        assert segments == []


def test_invariants_over_random_mixes(corpus) -> None:
    for text in random_texts(corpus, 400, seed=20251208):
        check_invariants(text)


def test_offsets_shift_with_leading_whitespace(corpus) -> None:
    for text in random_texts(corpus, 60, seed=7):
        base = detect_segments(text)
        shifted = detect_segments(" \n\u3000" + text)
        assert [(s.start - 3, s.end - 3, s.lang) for s in shifted] == [
            (s.start, s.end, s.lang) for s in base
        ]


def test_pure_paragraphs_keep_their_language(corpus) -> None:
    rng = random.Random(3)
    paragraphs = [
        (lang, text)
        for doc in corpus
        for lang, text in doc.pieces
        if len(text) > 40 and lang in ("en", "zh-Hans", "zh-Hant", "ja", "ko", "fr", "de")
    ]
    for _ in range(30):
        chosen = rng.sample(paragraphs, 4)
        text = "\n\n".join(t for _, t in chosen)
        got = {text[s.start : s.end]: s.lang for s in detect_segments(text)}
        for lang, paragraph in chosen:
            found = [got[piece] for piece in got if paragraph in piece]
            assert found == [lang], (lang, paragraph, found)


def test_thread_safe(corpus) -> None:
    texts = [doc.text for doc in corpus]
    fresh_set = ("en", "nl", "sv")  # its detectors are first built concurrently below
    with ThreadPoolExecutor(max_workers=4) as pool:
        first = list(pool.map(lambda t: detect_segments(t, fresh_set), texts))
        expected = [detect_segments(t) for t in texts]
        for _ in range(2):
            assert list(pool.map(detect_segments, texts)) == expected
            assert list(pool.map(lambda t: detect_segments(t, fresh_set), texts)) == first


def _chars(low: int, high: int) -> st.SearchStrategy[str]:
    return st.characters(min_codepoint=low, max_codepoint=high, categories=None)


SCRIPTS = {
    "latin": st.one_of(_chars(0x41, 0x5A), _chars(0x61, 0x7A), _chars(0xC0, 0x24F)),
    "han": _chars(0x4E00, 0x9FFF),
    "kana": _chars(0x3041, 0x30FF),
    "hangul": _chars(0xAC00, 0xD7A3),
    "cyrillic": _chars(0x400, 0x4FF),
    "arabic": _chars(0x600, 0x6FF),
    "digit": st.sampled_from("0123456789１２３٣"),
    "punctuation": st.sampled_from(".,;:!?。，、！？；：…-–—/／|｜·•()（）[]「」『』“”\"'《》%@#"),
    "whitespace": st.sampled_from(" \t\n\r\v\f\x1c\x85\u00a0\u2028\u2029\u3000\u200b"),
    "control": st.one_of(_chars(0x0, 0x1F), _chars(0x7F, 0x9F)),
    "surrogate": _chars(0xD800, 0xDFFF),
    "other": st.one_of(_chars(0x1F300, 0x1F6FF), _chars(0x300, 0x36F), _chars(0xFF01, 0xFF5E)),
}
ANY_CHAR = st.one_of(*SCRIPTS.values())
RUN = st.tuples(st.sampled_from(sorted(SCRIPTS)), st.integers(1, 3000), st.booleans())
WORDS = st.sampled_from(
    [
        "Related articles",
        "相关文章",
        "登录",
        "Sign in",
        "cookie",
        "AI",
        "ログイン",
        "로그인",
        "Привет",
        "مرحبا",
        "U.S.",
        "e.g.",
        "https://example.com/a",
        "这个",
        "feature",
        "東京駅",
        "会议室预订",
        "Menu",
        "菜单",
        "3 comments",
        "3条评论",
        "Cookie",
        "设置",
        "関連記事",
        "気温",
    ]
)


@st.composite
def script_runs(draw: st.DrawFn) -> str:
    """A few runs of one script each, some of them huge, some made of varied characters."""
    parts = []
    for script, length, varied in draw(st.lists(RUN, min_size=1, max_size=5)):
        if varied:
            parts.append(draw(st.text(SCRIPTS[script], min_size=1, max_size=min(length, 200))))
        else:
            parts.append(draw(SCRIPTS[script]) * length)
    return "".join(parts)


MIXED_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    script_runs(),
    st.lists(st.one_of(WORDS, st.text(ANY_CHAR, max_size=4)), max_size=30).map(" ".join),
    st.text(max_size=200),  # hypothesis' own mix, any code point
)
PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(MIXED_TEXT)
def test_segments_are_ordered_disjoint_and_trimmed_for_any_text(text: str) -> None:
    check_invariants(text)


@PROPERTY_SETTINGS
@given(MIXED_TEXT)
def test_language_shares_sum_to_one_or_are_empty(text: str) -> None:
    shares = language_shares(text, detect_segments(text))
    assert all(0.0 < share <= 1.0 for share in shares.values()), shares
    assert not shares or math.isclose(sum(shares.values()), 1.0, abs_tol=0.001 * len(shares))
    lang, confidence = detect_language(text)
    assert lang in LANGS and 0.0 <= confidence <= 1.0


@PROPERTY_SETTINGS
@given(MIXED_TEXT)
def test_bilingual_cut_loses_nothing_but_whitespace(text: str) -> None:
    for unit in split_units(text):
        parts = split_bilingual(text, unit)
        assert 1 <= len(parts) <= 3, (text, unit, parts)
        position = unit.start
        for part in parts:
            assert position <= part.start < part.end <= unit.end, (text, unit, parts)
            assert part.block == unit.block
            piece = text[part.start : part.end]
            assert piece == piece.strip() and not text[position : part.start].strip()
            position = part.end
        assert position == unit.end, (text, unit, parts)


LABELS = [
    ("Home", "首页"),
    ("Search", "搜索"),
    ("Sign in", "登录"),
    ("Related articles", "相关文章"),
    ("Breaking News", "突发新闻"),
    ("3 comments", "3条评论"),
    ("Read our privacy policy", "阅读我们的隐私政策"),
    ("Page 2 of 10", "第2页，共10页"),
    ("Accept all cookies", "接受所有 Cookie"),
    ("Cookie settings", "Cookie 设置"),
]


@PROPERTY_SETTINGS
@given(st.sampled_from(LABELS), st.booleans(), st.sampled_from([" ", "  ", " \t ", "\u3000"]))
def test_a_label_beside_its_translation_is_two_segments(
    label: tuple[str, str], english_first: bool, space: str
) -> None:
    pair = [(label[0], "en"), (label[1], "zh-Hans")]
    if not english_first:
        pair.reverse()
    text = space.join(piece for piece, _ in pair)
    assert [(text[s.start : s.end], s.lang) for s in detect_segments(text)] == pair


BORROWED = ["Cookie", "cookie", "AI", "App", "iPhone", "Wi-Fi", "CEO", "PDF", "GitHub", "5G"]
CHINESE_PHRASES = ["设置", "生成的图像", "下载", "用户", "密码", "表示", "格式", "我们下周发布"]


@PROPERTY_SETTINGS
@given(
    st.sampled_from(BORROWED),
    st.sampled_from(CHINESE_PHRASES),
    st.sampled_from(["", "支持", "由", "此网站使用", "这个"]),
)
def test_a_borrowed_word_stays_inside_its_chinese_label(word: str, after: str, before: str) -> None:
    text = f"{before} {word} {after}".strip()
    assert [(text[s.start : s.end], s.lang) for s in detect_segments(text)] == [(text, "zh-Hans")]
