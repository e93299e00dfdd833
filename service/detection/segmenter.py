"""Mixed-language segmentation: label each sentence, apply context, merge neighbours.

A line pairing a phrase with its translation ("Related articles 相关文章") is first cut in two
(see ``bilingual``). Per sentence: no CJK characters → lingua decides among the configured
alphabetic languages; CJK characters → the matrix rule (see ``matrix``) decides CJK vs
alphabetic; a CJK sentence is Japanese if it has kana, Korean if it has Hangul, else Chinese,
with zh-Hans vs zh-Hant from OpenCC. A Japanese-only kanji (気, 駅) makes a sentence without
kana Japanese unless it also has a Simplified-only character (这, 们): without kana, script
evidence against Japanese wins ("这是気温", "新华社駅" are zh-Hans), with kana, kana wins
("駅前の这" is ja). Context rules then fill what one sentence cannot tell (never against script
evidence), and adjacent sentences of one language merge into one segment. Whitespace between
segments belongs to no segment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import chinese, latin
from .bilingual import split_bilingual
from .chinese import chinese_variants, has_japanese_kanji, has_simplified_only
from .context import JAPANESE, Kind, Label, apply_context
from .latin import UNDETERMINED, guess_latin, normalize_languages
from .matrix import HAN_WEIGHT, decide
from .scripts import (
    count_cjk,
    count_hangul,
    count_kana,
    count_letters,
    has_alpha,
    has_cjk,
    has_letter,
)
from .sentences import Unit, split_units

KOREAN = "ko"
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Segment:
    """``text[start:end]`` is in language ``lang`` (BCP-47) with ``confidence`` in 0..1."""

    start: int
    end: int
    lang: str
    confidence: float


def detect_segments(text: str, languages: Sequence[str] | None = None) -> list[Segment]:
    """Split ``text`` into language segments with code-point offsets into ``text``.

    ``languages`` is the set of alphabetic languages lingua chooses among (default en, fr, de,
    es, pt, it); Chinese (zh-Hans/zh-Hant), Japanese and Korean are always recognised by script.
    A text without any letter gives one "und" segment; an empty or blank text gives none.
    Any ``str`` is accepted: lone surrogates (which JSON can carry) count as symbols.
    """
    codes = normalize_languages(languages)
    if _SURROGATE_RE.search(text):
        # OpenCC and lingua take UTF-8; one replacement code point each keeps every offset.
        text = _SURROGATE_RE.sub("\ufffd", text)
    units = [part for unit in split_units(text) for part in split_bilingual(text, unit)]
    labels = [_label(text, unit) for unit in units]
    chinese = [i for i, label in enumerate(labels) if label.han_only]
    variants = chinese_variants([text[units[i].start : units[i].end] for i in chinese])
    for i, variant in zip(chinese, variants, strict=True):
        labels[i].lang = variant
    alpha = [i for i, label in enumerate(labels) if label.kind is Kind.ALPHA]
    guesses = guess_latin([text[units[i].start : units[i].end] for i in alpha], codes)
    for i, guess in zip(alpha, guesses, strict=True):
        label = labels[i]
        label.lang = guess.lang
        label.confidence *= guess.confidence
        label.weak = guess.weak
    apply_context(units, labels)
    return _merge(units, labels)


def load_detectors(languages: Sequence[str] | None = None) -> None:
    """Load now what the first detection would load inside a request, holding the GIL for
    about a second: lingua's models for ``languages`` and OpenCC's tables."""
    latin.preload(normalize_languages(languages))
    chinese.preload()


def _label(text: str, unit: Unit) -> Label:
    """Decide by script; Chinese script (han_only) and lingua's languages are filled later."""
    start, end, _ = unit
    if not has_cjk(text, start, end):
        if has_letter(text, start, end):
            return Label(Kind.ALPHA, confidence=1.0)
        return Label(Kind.NEUTRAL)
    if has_alpha(text, start, end):
        decision = decide(text, start, end)
        if not decision.cjk:
            return Label(Kind.ALPHA, confidence=decision.share)
        share = decision.share
        kana, hangul = decision.counts.kana, decision.counts.hangul
    else:
        share = 1.0
        kana, hangul = count_kana(text, start, end), count_hangul(text, start, end)
    if kana and kana >= hangul:
        return Label(Kind.CJK, JAPANESE, share)
    if hangul:
        return Label(Kind.CJK, KOREAN, share)
    # Without kana a Simplified-only character outweighs a Japanese-only kanji: Chinese text
    # quotes a Japanese place name ("新华社駅"), a Japanese sentence without kana writes no 这.
    simplified = has_simplified_only(text, start, end)
    if not simplified and has_japanese_kanji(text, start, end):
        return Label(Kind.CJK, JAPANESE, share)
    return Label(Kind.CJK, None, share, han_only=True, simplified_only=simplified)


def _merge(units: Sequence[Unit], labels: Sequence[Label]) -> list[Segment]:
    segments: list[Segment] = []
    run_start = run_end = 0
    run_lang: str | None = None
    weighted = weight = 0.0

    def close() -> None:
        if run_lang is not None:
            confidence = round(weighted / weight, 3) if weight else 0.0
            segments.append(Segment(run_start, run_end, run_lang, confidence))

    for unit, label in zip(units, labels, strict=True):
        if label.lang != run_lang:
            close()
            run_start, run_lang, weighted, weight = unit.start, label.lang, 0.0, 0.0
        run_end = unit.end
        if label.kind is not Kind.NEUTRAL:
            size = unit.end - unit.start
            weighted += label.confidence * size
            weight += size
    close()
    return segments


def language_shares(text: str, segments: Sequence[Segment]) -> dict[str, float]:
    """Share of the letters of ``text`` covered by each language's segments (3 decimals)."""
    totals: dict[str, int] = {}
    for seg in segments:
        totals[seg.lang] = totals.get(seg.lang, 0) + count_letters(text, seg.start, seg.end)
    letters = sum(totals.values())
    if not letters:
        return {}
    return {lang: round(n / letters, 3) for lang, n in totals.items() if n}


def detect_language(text: str, languages: Sequence[str] | None = None) -> tuple[str, float]:
    """The dominant language of ``text`` and a confidence in 0..1.

    Dominance weighs letters by information, as the sentence rule does: a Han character counts
    as three letters. The confidence is the winner's weighted share times its segments' mean
    confidence. A text without letters gives ("und", 0.0).
    """
    segments = detect_segments(text, languages)
    weights: dict[str, float] = {}
    confidences: dict[str, float] = {}
    for seg in segments:
        letters = count_letters(text, seg.start, seg.end)
        weight = letters + (HAN_WEIGHT - 1) * count_cjk(text, seg.start, seg.end)
        weights[seg.lang] = weights.get(seg.lang, 0.0) + weight
        confidences[seg.lang] = confidences.get(seg.lang, 0.0) + weight * seg.confidence
    total = sum(weights.values())
    if not total:
        return UNDETERMINED, 0.0
    lang = max(weights, key=weights.__getitem__)
    mean_confidence = confidences[lang] / weights[lang]
    return lang, round(weights[lang] / total * mean_confidence, 3)
