"""Invariants over random mixes of snippets (seeded, no hypothesis), and thread safety."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

from service.detection import detect_segments

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
