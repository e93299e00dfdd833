"""Chinese script decisions made with OpenCC: zh-Hans vs zh-Hant, and Japanese-only kanji.

Evidence for Simplified is a character that OpenCC's s2t changes in context and that no
Traditional standard keeps as is (s2tw and s2hk change it too: 台 is fine in Taiwan and Hong
Kong, so it is no evidence). Evidence for Traditional is a character that t2s changes in
context while s2t keeps it. Converting whole sentences lets OpenCC's phrase tables keep
characters valid in both scripts in context (公里, 皇后, 干扰). Candidate characters come from
regexes built once from OpenCC's own per-character conversion, so text with nothing to decide
costs one regex scan, and all sentences of a document are converted in one call per direction.
A kanji form that jp2t changes and whose Traditional form has another Simplified form (気, 駅,
図) is Japanese-only.

A Simplified-only character (这, 们, 说, 发, 对) rules Japanese out: s2t changes it, no
Traditional standard keeps it, Japanese does not write it as a shinjitai form (jp2t keeps it and
t2jp does not give it back from its Traditional form: 国, 学, 会 are shinjitai) and it is not one
of ``JAPANESE_AS_WRITTEN``, the characters OpenCC reads as simplified merges that Japanese writes
as they are (机 "desk", 干, 后, 里, 岩, 携 ...).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import NamedTuple

import opencc

HANS = "zh-Hans"
HANT = "zh-Hant"
# Characters OpenCC's s2t changes (as simplified merges) that Japanese writes as they are
# (jōyō and jinmeiyō kanji, common names): never evidence against Japanese.
JAPANESE_AS_WRITTEN = frozenset(
    "丑云侭俣准凄冲凛凶占厘厨叶后岩干庄征怜据携斗晒朴机杰栖洒涌淀游猪碍筑肴辟郁采里雇"
)
_SAMPLE = 200  # characters of a sentence examined; evidence saturates well before this
_BMP_HAN = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]

_lock = threading.Lock()
_built: list[_Tables] = []


class _Tables(NamedTuple):
    s2t: opencc.OpenCC
    t2s: opencc.OpenCC
    hans_candidates: re.Pattern[str]
    hant_candidates: re.Pattern[str]
    kept_by_traditional: frozenset[str]  # changed by s2t, kept by s2tw or s2hk (台, 着)
    japanese_only: re.Pattern[str]
    simplified_only: re.Pattern[str]


def _char_class(chars: list[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def _per_char(converter: opencc.OpenCC, chars: list[str]) -> list[str]:
    converted = converter.convert("\n".join(chars)).split("\n")
    return converted if len(converted) == len(chars) else chars


def _build() -> _Tables:
    s2t, s2tw, s2hk, t2s, jp2t, t2jp = (
        opencc.OpenCC(name) for name in ("s2t", "s2tw", "s2hk", "t2s", "jp2t", "t2jp")
    )
    chars = [chr(c) for low, high in _BMP_HAN for c in range(low, high + 1)]
    trad, simp, kyuji = _per_char(s2t, chars), _per_char(t2s, chars), _per_char(jp2t, chars)
    taiwan, hong_kong, kyuji_simp = (
        _per_char(s2tw, chars),
        _per_char(s2hk, chars),
        _per_char(t2s, kyuji),
    )
    hans = [c for c, t in zip(chars, trad, strict=True) if t != c]
    kept = frozenset(
        c
        for c, t, tw, hk in zip(chars, trad, taiwan, hong_kong, strict=True)
        if t != c and (tw == c or hk == c)
    )
    hant = [c for c, t, s in zip(chars, trad, simp, strict=True) if s != c and t == c]
    japanese = [
        c
        for c, t, s, k, ks in zip(chars, trad, simp, kyuji, kyuji_simp, strict=True)
        if k != c and t == c and s == c and ks not in (c, k)
    ]
    shinjitai_of_trad = _per_char(t2jp, trad)
    simplified = [
        c
        for c, t, k, j in zip(chars, trad, kyuji, shinjitai_of_trad, strict=True)
        if t != c and c not in kept and k == c and j != c and c not in JAPANESE_AS_WRITTEN
    ]
    return _Tables(
        s2t,
        t2s,
        _char_class(hans),
        _char_class(hant),
        kept,
        _char_class(japanese),
        _char_class(simplified),
    )


def _tables() -> _Tables:
    if not _built:
        with _lock:
            if not _built:
                _built.append(_build())
    return _built[0]


def preload() -> None:
    """Build the tables now (about 0.2 s), before a server takes requests."""
    _tables()


def _convert_all(converter: opencc.OpenCC, samples: list[str]) -> list[str]:
    """Convert many line-free strings in one call; per string if lengths do not line up."""
    joined = converter.convert("\n".join(samples)).split("\n")
    if len(joined) == len(samples) and all(
        len(a) == len(b) for a, b in zip(joined, samples, strict=True)
    ):
        return joined
    return [converter.convert(s) for s in samples]


def variant_evidence(texts: Sequence[str]) -> list[tuple[int, int]]:
    """Count (Simplified-only, Traditional-only) characters in each of ``texts``.

    Only the first ``_SAMPLE`` characters of each text are examined.
    """
    tables = _tables()
    samples = [t[:_SAMPLE].replace("\n", " ") for t in texts]
    hans_at = [[m.start() for m in tables.hans_candidates.finditer(s)] for s in samples]
    hant_at = [[m.start() for m in tables.hant_candidates.finditer(s)] for s in samples]
    busy = [i for i, s in enumerate(samples) if hans_at[i] or hant_at[i]]
    evidence = [(0, 0)] * len(samples)
    if not busy:
        return evidence
    busy_samples = [samples[i] for i in busy]
    traditional = _convert_all(tables.s2t, busy_samples)
    simplified = _convert_all(tables.t2s, busy_samples)
    kept = tables.kept_by_traditional
    for i, sample, trad, simp in zip(busy, busy_samples, traditional, simplified, strict=True):
        if len(trad) != len(sample) or len(simp) != len(sample):
            evidence[i] = (len(hans_at[i]), len(hant_at[i]))
            continue
        hans = sum(1 for k in hans_at[i] if trad[k] != sample[k] and sample[k] not in kept)
        hant = sum(1 for k in hant_at[i] if simp[k] != sample[k] and trad[k] == sample[k])
        evidence[i] = (hans, hant)
    return evidence


def chinese_variants(texts: Sequence[str]) -> list[str | None]:
    """``zh-Hans`` or ``zh-Hant`` for each text when its characters tell, else None.

    Repeated texts are examined once.
    """
    distinct = list(dict.fromkeys(texts))
    variants = {
        text: HANS if hans > hant else HANT if hant > hans else None
        for text, (hans, hant) in zip(distinct, variant_evidence(distinct), strict=True)
    }
    return [variants[t] for t in texts]


def chinese_variant(text: str) -> str | None:
    """``zh-Hans`` or ``zh-Hant`` when the characters of ``text`` tell, else None."""
    return chinese_variants([text])[0]


def has_japanese_kanji(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds a kanji form used only in Japanese (気, 駅, 図...)."""
    stop = len(text) if end is None else end
    return _tables().japanese_only.search(text, start, stop) is not None


def has_simplified_only(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds a character only Simplified Chinese writes (这, 们, 发)."""
    stop = len(text) if end is None else end
    return _tables().simplified_only.search(text, start, stop) is not None
