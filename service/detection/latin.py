"""Language decision for alphabetic (Latin-script) sentences with lingua.

Detectors are built per configured language set, under a lock, and shared by all threads.
Building one loads its languages' models (about 0.6 s and 180 MB for the six defaults, once per
process): lingua otherwise loads them inside the first call that needs them, holding the GIL
for about a second, which stalled every request thread of a fresh server. ``preload`` builds
them before a server takes requests. Sentences are scored in batches per document (in
parallel by lingua when large), each distinct sentence once.

Speed: lingua's high-accuracy mode costs about 2 µs per character below 120 characters, so a
sentence of 40 characters or more is first scored by the low-accuracy (trigram) detector on
its first ``_LOW_SAMPLE`` characters, and only an unsure result (below ``_SURE``) is scored
again in high-accuracy mode on up to ``_SAMPLE`` characters; short strings always get
high-accuracy mode. Short or ambiguous strings favour English: another language wins only with
a confidence of at least ``FAVOUR_THRESHOLD`` (``WORD_FAVOUR_THRESHOLD`` for a single word:
lingua gives "Password" to Italian at 0.7).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from lingua import (
    ConfidenceValue,
    IsoCode639_1,
    Language,
    LanguageDetector,
    LanguageDetectorBuilder,
)

from .scripts import LATIN_RE

DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "es", "pt", "it")
UNDETERMINED = "und"
ENGLISH = "en"
FAVOUR_THRESHOLD = 0.6
WORD_FAVOUR_THRESHOLD = 0.75
_SAMPLE = 300
_SHORT = 40
_LOW_SAMPLE = 64
_SURE = 0.9
_PARALLEL_BATCH = 16
# Handled by script, never by lingua.
_CJK_CODES = ("zh", "ja", "ko")

_lock = threading.Lock()
_Detector = tuple[LanguageDetector, dict[Language, str]]
_detectors: dict[tuple[tuple[str, ...], bool], _Detector] = {}


class LatinGuess(NamedTuple):
    """lingua's decision for one sentence; ``weak`` when it is short or ambiguous."""

    lang: str
    confidence: float
    weak: bool


# No configured language uses this alphabet (e.g. Cyrillic with Latin-only languages).
_UNKNOWN = LatinGuess(UNDETERMINED, 0.0, False)


def normalize_languages(languages: Iterable[str] | None) -> tuple[str, ...]:
    """Validate a language set: lowercase ISO 639-1 primary subtags, sorted, no CJK codes.

    Region subtags are dropped ("pt-BR" → "pt"). Raises ValueError for unknown codes or when no
    alphabetic language is left.
    """
    codes = DEFAULT_LANGUAGES if languages is None else languages
    if isinstance(codes, str):
        codes = (codes,)
    result: set[str] = set()
    for code in codes:
        primary = code.strip().replace("_", "-").split("-")[0].lower()
        if primary in _CJK_CODES:
            continue
        try:
            IsoCode639_1.from_str(primary)
        except ValueError:
            raise ValueError(f"unknown language code: {code!r}") from None
        result.add(primary)
    if not result:
        raise ValueError("languages must include at least one alphabetic language")
    return tuple(sorted(result))


def _detector(languages: tuple[str, ...], low_accuracy: bool) -> _Detector:
    key = (languages, low_accuracy)
    found = _detectors.get(key)
    if found is not None:
        return found
    with _lock:
        found = _detectors.get(key)
        if found is None:
            members = [Language.from_iso_code_639_1(IsoCode639_1.from_str(c)) for c in languages]
            builder = LanguageDetectorBuilder.from_languages(*members)
            builder = builder.with_preloaded_language_models()
            if low_accuracy:
                builder = builder.with_low_accuracy_mode()
            found = (builder.build(), dict(zip(members, languages, strict=True)))
            _detectors[key] = found
        return found


def preload(languages: tuple[str, ...]) -> None:
    """Build both detectors of ``languages`` (normalised), their models loaded, now."""
    for low_accuracy in (False, True):
        _detector(languages, low_accuracy)


def _sample(text: str, size: int) -> str:
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size)
    return text[: cut if cut > size // 2 else size]


def _scores(detector: LanguageDetector, samples: list[str]) -> list[list[ConfidenceValue]]:
    if len(samples) >= _PARALLEL_BATCH:
        return detector.compute_language_confidence_values_in_parallel(samples)
    return [detector.compute_language_confidence_values(s) for s in samples]


def guess_latin(texts: Sequence[str], languages: tuple[str, ...]) -> list[LatinGuess]:
    """Decide the language of each alphabetic sentence (``languages`` normalised).

    Repeated sentences (captions, UI strings) are scored once.
    """
    if len(languages) == 1:
        only = languages[0]
        return [LatinGuess(only, 1.0, False) if LATIN_RE.search(t) else _UNKNOWN for t in texts]
    distinct = list(dict.fromkeys(texts))
    guesses = dict(zip(distinct, _guess_distinct(distinct, languages), strict=True))
    return [guesses[t] for t in texts]


def _guess_distinct(texts: list[str], languages: tuple[str, ...]) -> list[LatinGuess]:
    precise, codes = _detector(languages, low_accuracy=False)
    quick, _ = _detector(languages, low_accuracy=True)
    results: list[list[ConfidenceValue]] = [[] for _ in texts]
    long_ones = [i for i, t in enumerate(texts) if len(t) >= _SHORT]
    quick_scores = _scores(quick, [_sample(texts[i], _LOW_SAMPLE) for i in long_ones])
    for i, values in zip(long_ones, quick_scores, strict=True):
        results[i] = values
    unsure = [i for i, values in enumerate(results) if not values or values[0].value < _SURE]
    precise_scores = _scores(precise, [_sample(texts[i], _SAMPLE) for i in unsure])
    for i, values in zip(unsure, precise_scores, strict=True):
        results[i] = values
    favour_english = ENGLISH in languages
    return [
        _decide(values, codes, len(text.split()) == 1, favour_english)
        for text, values in zip(texts, results, strict=True)
    ]


def _decide(
    values: list[ConfidenceValue], codes: dict[Language, str], one_word: bool, favour_english: bool
) -> LatinGuess:
    top = values[0] if values else None
    if top is None or top.value <= 0.0:
        return _UNKNOWN
    lang = codes[top.language]
    threshold = WORD_FAVOUR_THRESHOLD if one_word else FAVOUR_THRESHOLD
    if lang != ENGLISH and top.value < threshold and favour_english:
        english = next(v.value for v in values if codes[v.language] == ENGLISH)
        return LatinGuess(ENGLISH, english, True)
    return LatinGuess(lang, top.value, top.value < threshold)
