"""Accuracy on the labelled corpus and on the shared sample page.

The corpus score is printed (run with ``-s`` to see it:
``python -m pytest tests/detection/test_detection_corpus.py -s``) and recorded as the
``detection_corpus_score`` property (visible in ``--junitxml`` reports).
"""

from __future__ import annotations

from service.detection import detect_segments

MIN_SCORE = 0.99


def _predicted(text: str) -> list[str | None]:
    labels: list[str | None] = [None] * len(text)
    for seg in detect_segments(text):
        labels[seg.start : seg.end] = [seg.lang] * (seg.end - seg.start)
    return labels


def test_corpus_is_large_and_varied(corpus) -> None:
    assert len(corpus) >= 60
    langs = {lang for doc in corpus for lang, _ in doc.pieces}
    assert {"en", "zh-Hans", "zh-Hant", "ja", "ko", "fr", "de"} <= langs


def test_corpus_letter_accuracy(corpus, record_property) -> None:
    """Share of letters whose predicted language is the gold one (letters: str.isalpha)."""
    total = correct = 0
    misses: dict[str, int] = {}
    for doc in corpus:
        predicted = _predicted(doc.text)
        for char, gold, guess in zip(doc.text, doc.gold, predicted, strict=True):
            if not char.isalpha():
                continue
            total += 1
            if guess == gold:
                correct += 1
            else:
                misses[doc.id] = misses.get(doc.id, 0) + 1
    score = correct / total
    record_property("detection_corpus_score", round(score, 4))
    print(f"\ndetection corpus: {score:.4f} of {total} letters correct; misses: {misses}")
    assert score >= MIN_SCORE, misses


def test_sample_page_every_line(sample_page: str, seed_gold) -> None:
    gold = seed_gold
    lines = sample_page.split("\n")
    predicted = _predicted(sample_page)
    offset_of = [0]
    for line in lines:
        offset_of.append(offset_of[-1] + len(line) + 1)
    non_empty = [n + 1 for n, line in enumerate(lines) if line.strip()]
    assert non_empty == [row[0] for row in gold]
    for number, lang, prefix in gold:
        line = lines[number - 1]
        assert line.strip().startswith(prefix)
        start = offset_of[number - 1]
        wrong = {predicted[start + k] for k, c in enumerate(line) if c.isalpha()} - {lang}
        assert not wrong, (number, lang, line[:60], wrong)
