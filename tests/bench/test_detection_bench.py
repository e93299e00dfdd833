"""Throughput of detect_segments vs lingua's multi-language mode (run by `make bench`).

A mixed document is generated from the labelled corpus pieces (seeded), sized in UTF-8 bytes.
The words of alphabetic pieces are shuffled (the last word stays last) so that repeated pieces
become distinct sentences: the detector scores each distinct sentence once, and a document
made of a few hundred repeated pieces would flatter it.
Our detector is timed on 100 KB, 1 MB and 10 MB (best of a few runs for the smaller sizes);
lingua's detect_multiple_languages_of, restricted to the same alphabetic languages plus
Chinese, is timed on the 1 MB document (best of two). The speed-up is asserted on wall-clock
time; linearity on CPU time of the process (all threads), which a shared machine disturbs less.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from service.detection import DEFAULT_LANGUAGES, detect_segments

pytestmark = pytest.mark.bench

CORPUS = Path(__file__).resolve().parents[1] / "data" / "detection" / "corpus.json"
KB = 1000
MB = 1000 * KB
MIN_SPEEDUP = 5.0
MAX_10MB_OVER_1MB = 15.0


def mixed_document(size_bytes: int, seed: int = 1208) -> str:
    """Corpus pieces in random order, joined the way pages join them."""
    docs = json.loads(CORPUS.read_text(encoding="utf-8"))["docs"]
    pieces = [piece[1] for doc in docs for piece in doc["pieces"]]
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < size_bytes:
        piece = rng.choice(pieces)
        words = piece.split(" ")
        if len(words) > 2 and piece.isascii():
            head = words[:-1]
            rng.shuffle(head)
            piece = " ".join([*head, words[-1]])
        ends_sentence = piece[-1] in ".!?。！？"
        sep = rng.choice([" ", "\n", "\n\n"] if ends_sentence else ["\n", "\n\n", " / ", " | "])
        parts.append(piece)
        parts.append(sep)
        size += len(piece.encode()) + len(sep.encode())
    return "".join(parts)


def letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def best_time(func, text: str, runs: int) -> tuple[float, float]:
    """Best (wall seconds, CPU seconds) over ``runs`` calls."""
    wall = cpu = float("inf")
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        func(text)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return wall, cpu


def test_detection_throughput() -> None:
    members = [Language.from_iso_code_639_1(IsoCode639_1.from_str(c)) for c in DEFAULT_LANGUAGES]
    lingua = LanguageDetectorBuilder.from_languages(*members, Language.CHINESE).build()
    warm = mixed_document(20 * KB, seed=1)
    detect_segments(warm)
    lingua.detect_multiple_languages_of(warm)

    docs = {label: mixed_document(size) for label, size in (("100 KB", 100 * KB), ("1 MB", MB))}
    docs["10 MB"] = mixed_document(10 * MB, seed=10)
    ours = {
        label: best_time(detect_segments, text, runs=1 if label == "10 MB" else 3)
        for label, text in docs.items()
    }
    theirs = best_time(lingua.detect_multiple_languages_of, docs["1 MB"], runs=2)

    rows = [("detect_segments", label, *ours[label], letters(docs[label])) for label in docs]
    rows.append(("lingua multi", "1 MB", *theirs, letters(docs["1 MB"])))
    speedup = theirs[0] / ours["1 MB"][0]
    ratio = ours["10 MB"][1] / ours["1 MB"][1]
    print()
    print(f"{'detector':<16} {'size':>6} {'wall s':>8} {'cpu s':>8} {'letters/s':>12}")
    for name, label, wall, cpu, count in rows:
        print(f"{name:<16} {label:>6} {wall:>8.3f} {cpu:>8.3f} {count / wall:>12,.0f}")
    print(
        f"speed-up vs lingua on 1 MB: {speedup:.1f}x wall, {theirs[1] / ours['1 MB'][1]:.1f}x cpu;"
        f" 10 MB / 1 MB cpu time: {ratio:.1f}"
    )

    assert speedup >= MIN_SPEEDUP
    assert ratio < MAX_10MB_OVER_1MB
