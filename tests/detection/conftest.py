"""Fixtures for the detection tests: the labelled corpus and the shared sample page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.samples import sample_page_text

DATA = Path(__file__).resolve().parents[1] / "data" / "detection"


@dataclass(frozen=True)
class GoldDoc:
    """A corpus document: its text and the gold language of every character (None = separator)."""

    id: str
    text: str
    gold: list[str | None]
    pieces: list[tuple[str, str]]


def load_corpus() -> list[GoldDoc]:
    raw = json.loads((DATA / "corpus.json").read_text(encoding="utf-8"))
    docs = []
    for entry in raw["docs"]:
        parts: list[str] = []
        gold: list[str | None] = []
        pieces = entry["pieces"]
        for i, piece in enumerate(pieces):
            lang, text = piece[0], piece[1]
            parts.append(text)
            gold.extend([lang] * len(text))
            if i < len(pieces) - 1:
                sep = piece[2] if len(piece) > 2 else entry["sep"]
                assert not any(c.isalpha() for c in sep), (entry["id"], sep)
                parts.append(sep)
                gold.extend([None] * len(sep))
        docs.append(GoldDoc(entry["id"], "".join(parts), gold, [(p[0], p[1]) for p in pieces]))
    return docs


@pytest.fixture(scope="session")
def corpus() -> list[GoldDoc]:
    return load_corpus()


@pytest.fixture(scope="session")
def seed_gold() -> list[tuple[int, str, str]]:
    """[line number, language, line prefix] for every non-empty line of the sample page."""
    raw = json.loads((DATA / "seed-page.gold.json").read_text(encoding="utf-8"))
    return [tuple(row) for row in raw["lines"]]


@pytest.fixture(scope="session")
def sample_page() -> str:
    return sample_page_text()
