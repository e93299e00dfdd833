"""Context rules: decisions one sentence cannot make alone are taken from its neighbours.

Run in this order over the labelled units of one text:
1. Kanji-only sentences next to Japanese ones (same block) are Japanese: Japanese uses kanji,
   and "東京。" in a Japanese paragraph is not Chinese. Context never overrides script
   evidence: a sentence with a Simplified-only character ("会议室预订。", see ``chinese``) is
   never made Japanese, whatever its neighbours, and does not pass Japanese on to the next.
2. Chinese sentences without Simplified/Traditional evidence take the script of the nearest
   Chinese sentence that has some (same block first), else zh-Hans.
3. Weak alphabetic decisions (short or ambiguous for lingua) take the language of their
   neighbours in the same block when every neighbour is a strong alphabetic decision and they
   agree ("Menu." between two French sentences is French).
4. Sentences without letters (numbers, emoji, punctuation) join the language of the previous
   sentence in the block, else the next, else any neighbour; a text without letters at all is
   "und".
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from .chinese import HANS
from .latin import UNDETERMINED
from .sentences import Unit

JAPANESE = "ja"
UNDECIDED_CHINESE_FACTOR = 0.9  # confidence kept when the script came from context or default


class Kind(enum.Enum):
    """How a unit's language is decided."""

    NEUTRAL = "neutral"  # no letters
    ALPHA = "alpha"  # decided by lingua
    CJK = "cjk"  # decided by script


@dataclass(slots=True)
class Label:
    """The language decision for one unit, refined in place by the context rules."""

    kind: Kind
    lang: str | None = None
    confidence: float = 0.0
    weak: bool = False
    han_only: bool = False  # CJK sentence with no kana/Hangul/Japanese-only kanji
    simplified_only: bool = False  # has a character only Simplified Chinese writes: not Japanese


def apply_context(units: Sequence[Unit], labels: list[Label]) -> None:
    """Apply the context rules, in order, to ``labels`` (parallel to ``units``)."""
    before, after = _neighbours(units, labels)
    _japanese_kanji_sentences(labels, before, after)
    _fill_chinese_script(units, labels)
    _smooth_weak_alpha(labels, before, after)
    _attach_neutral(units, labels)


def _neighbours(units: Sequence[Unit], labels: list[Label]) -> tuple[list[int], list[int]]:
    """For each unit, the nearest non-neutral unit before and after it in its block (or -1)."""
    count = len(units)
    before = [-1] * count
    after = [-1] * count
    last, block = -1, -1
    for i in range(count):
        if units[i].block != block:
            last, block = -1, units[i].block
        before[i] = last
        if labels[i].kind is not Kind.NEUTRAL:
            last = i
    last, block = -1, -1
    for i in range(count - 1, -1, -1):
        if units[i].block != block:
            last, block = -1, units[i].block
        after[i] = last
        if labels[i].kind is not Kind.NEUTRAL:
            last = i
    return before, after


def _japanese_kanji_sentences(labels: list[Label], before: list[int], after: list[int]) -> None:
    candidates = [
        i for i, label in enumerate(labels) if label.han_only and not label.simplified_only
    ]
    if not candidates or not any(label.lang == JAPANESE for label in labels):
        return
    for i in candidates:
        if before[i] >= 0 and labels[before[i]].lang == JAPANESE:
            labels[i].lang = JAPANESE
    for i in reversed(candidates):
        if after[i] >= 0 and labels[after[i]].lang == JAPANESE:
            labels[i].lang = JAPANESE


def _fill_chinese_script(units: Sequence[Unit], labels: list[Label]) -> None:
    pending = [i for i, label in enumerate(labels) if label.kind is Kind.CJK and label.lang is None]
    if not pending:
        return
    known = [
        (units[i].block, label.lang)
        if label.kind is Kind.CJK and label.lang and label.lang.startswith("zh")
        else None
        for i, label in enumerate(labels)
    ]
    before = _nearest(known, forward=True)
    after = _nearest(known, forward=False)
    for i in pending:
        block = units[i].block
        choices = [c for c in (before[i], after[i]) if c is not None]
        same_block = [lang for b, lang in choices if b == block]
        lang = (same_block or [lang for _, lang in choices] or [HANS])[0]
        labels[i].lang = lang
        labels[i].confidence *= UNDECIDED_CHINESE_FACTOR


def _nearest(known: list[tuple[int, str] | None], forward: bool) -> list[tuple[int, str] | None]:
    """For each index, the closest known entry strictly before it (or after, if not forward)."""
    result: list[tuple[int, str] | None] = [None] * len(known)
    order = range(len(known)) if forward else range(len(known) - 1, -1, -1)
    last = None
    for i in order:
        result[i] = last
        if known[i] is not None:
            last = known[i]
    return result


def _smooth_weak_alpha(labels: list[Label], before: list[int], after: list[int]) -> None:
    updates = {}
    for i, label in enumerate(labels):
        if label.kind is not Kind.ALPHA or not label.weak:
            continue
        around = [labels[j] for j in (before[i], after[i]) if j >= 0]
        if around and all(n.kind is Kind.ALPHA and not n.weak for n in around):
            langs = {n.lang for n in around}
            if len(langs) == 1:
                updates[i] = langs.pop()
    for i, lang in updates.items():
        labels[i].lang = lang


def _attach_neutral(units: Sequence[Unit], labels: list[Label]) -> None:
    if all(label.kind is Kind.NEUTRAL for label in labels):
        for label in labels:
            label.lang = UNDETERMINED
        return
    known = [
        (units[i].block, label.lang) if label.kind is not Kind.NEUTRAL else None
        for i, label in enumerate(labels)
    ]
    before = _nearest(known, forward=True)
    after = _nearest(known, forward=False)
    for i, label in enumerate(labels):
        if label.kind is not Kind.NEUTRAL:
            continue
        block = units[i].block
        ordered = [c for c in (before[i], after[i]) if c is not None]
        same_block = [lang for b, lang in ordered if b == block]
        label.lang = (same_block or [lang for _, lang in ordered])[0]
