"""Fuzzy memory matches: units whose source sentence is like the one being translated.

Similarity is rapidfuzz's normalised Indel ratio (0-100) between the normalised sentences;
matches at or above ``CUTOFF`` (75) are offered to a human as suggestions, never used by the
pipeline on their own. Each match carries the difference between the sentence asked about
and the unit's source (``equal``/``insert``/``delete``/``replace`` runs of whole words), so
a page can highlight what changed without computing anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from service.known.memory import MemoryIndex, MemoryUnit
from service.known.text import normalized

CUTOFF = 75.0
# One Han, kana character, or a word, a run of spaces, one other sign.
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\w+|\s+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    """A unit like the sentence asked about, how alike (``score``), and where they differ."""

    unit: MemoryUnit
    score: float
    diff: list[dict[str, str]]

    def to_dict(self) -> dict[str, object]:
        return {"score": round(self.score, 1), "unit": self.unit.to_dict(), "diff": self.diff}


def _tokens(text: str) -> list[str]:
    """``text`` cut into the pieces a difference is made of (they join back into ``text``)."""
    return _TOKEN.findall(text)


def difference(text: str, other: str) -> list[dict[str, str]]:
    """The runs turning ``text`` into ``other``: op, the text's part, the other's part.

    Runs are whole words (a Chinese or Japanese character is a word), so a changed word shows
    as one change rather than as scattered letters; ``equal`` runs keep both texts complete.
    """
    mine, theirs = _tokens(text), _tokens(other)
    mine_at, theirs_at = _offsets(mine), _offsets(theirs)
    runs = []
    for op in Levenshtein.opcodes(mine, theirs):
        runs.append(
            {
                "op": op.tag,
                "text": text[mine_at[op.src_start] : mine_at[op.src_end]],
                "unit": other[theirs_at[op.dest_start] : theirs_at[op.dest_end]],
            }
        )
    return runs


def _offsets(tokens: list[str]) -> list[int]:
    """The character offset where each token starts, and the total length at the end."""
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return offsets


def fuzzy_matches(
    index: MemoryIndex,
    text: str,
    target: str,
    limit: int = 5,
    cutoff: float = CUTOFF,
    source: str | None = None,
) -> list[FuzzyMatch]:
    """The ``limit`` best units for ``text`` into ``target`` scoring at least ``cutoff``
    (from ``source`` only, when given)."""
    candidates = index.for_target(target, source)
    query = normalized(text)
    if not candidates or not query:
        return []
    found = process.extract(
        query, list(candidates), scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff
    )
    return [
        FuzzyMatch(candidates[source], score, difference(query, source))
        for source, score, _ in found
    ]
