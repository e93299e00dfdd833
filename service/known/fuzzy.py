"""Fuzzy memory matches: units whose source sentence is like the one being translated.

Similarity is rapidfuzz's normalised Indel ratio (0-100) between the normalised sentences;
matches at or above ``CUTOFF`` (75) are offered to a human as suggestions, never used by the
pipeline on their own. Each match carries the difference between the sentence asked about
and the unit's source (``equal``/``insert``/``delete``/``replace`` runs), so a page can
highlight what changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from service.known.memory import MemoryIndex, MemoryUnit
from service.known.text import normalized

CUTOFF = 75.0


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    """A unit like the sentence asked about, how alike (``score``), and where they differ."""

    unit: MemoryUnit
    score: float
    diff: list[dict[str, str]]

    def to_dict(self) -> dict[str, object]:
        return {"score": round(self.score, 1), "unit": self.unit.to_dict(), "diff": self.diff}


def difference(text: str, other: str) -> list[dict[str, str]]:
    """The runs turning ``text`` into ``other``: op, the text's part, the other's part."""
    runs = []
    for op in Levenshtein.opcodes(text, other):
        runs.append(
            {
                "op": op.tag,
                "text": text[op.src_start : op.src_end],
                "unit": other[op.dest_start : op.dest_end],
            }
        )
    return runs


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
