"""Benchmark of mixed-content translation (``make bench``): ratios measured in one run.

(a) Mixlate end to end (detect, plan, one batch per model hop, assemble) on a cold cache;
(b) the very sentences Mixlate sent, through raw ``ctranslate2.Translator.translate_batch``;
(c) ``argostranslate`` translating paragraph by paragraph (each from its dominant language),
    its sentence splitter replaced by a trivial one (the real ones need a download).
All three run the same small test models with the same beam size, models already loaded.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from service.config import Settings
from service.detection import detect_language
from service.languages import to_argos
from service.runtime import Runtime
from service.translation.translator import Item
from tests.bench.reference import RecordingEngine, argos_translations, raw_batches
from tests.support.samples import sample_page_text

pytestmark = pytest.mark.bench

TARGETS = ("en", "zh-Hans", "fr")


def _mixed_document(sample: str, paragraphs: int) -> str:
    """``paragraphs`` distinct paragraphs built from the sample page's, words reshuffled."""
    pool = [p for p in sample.split("\n\n") if p.strip()]
    rng = random.Random(7)
    out = []
    for i in range(paragraphs):
        words = list(rng.choice(pool))
        if words and words[0].isascii():
            tokens = "".join(words).split()
            rng.shuffle(tokens)
            out.append(f"{i}. " + " ".join(tokens))
        else:
            rng.shuffle(words)
            out.append(f"{i}、" + "".join(words).replace("\n", ""))
    return "\n\n".join(out)


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _fresh_runtime(settings: Settings, tmp_path: Path, name: str) -> Runtime:
    return Runtime(
        settings.with_overrides(
            data_dir=tmp_path / name, database_url=f"sqlite:///{tmp_path / name / 'm.db'}"
        )
    )


def _argos_per_paragraph(settings: Settings, document: str, target: str) -> float:
    """argostranslate on each paragraph, from its dominant language, trivial sentence split."""
    paragraphs = [p for p in document.split("\n\n") if p.strip()]
    sources = [detect_language(p)[0] for p in paragraphs]
    codes = {to_argos(s) for s in sources} - {to_argos(target)}
    translations = argos_translations(
        settings.models_dir, settings.beam_size, {(code, to_argos(target)) for code in codes}
    )
    started = time.perf_counter()
    for paragraph, source in zip(paragraphs, sources, strict=True):
        translation = translations.get((to_argos(source), to_argos(target)))
        if translation is not None:
            translation.translate(paragraph)
    return time.perf_counter() - started


@pytest.mark.parametrize("target", TARGETS)
def test_mixed_document_speed(settings: Settings, tmp_path: Path, target: str) -> None:
    sample = sample_page_text()
    document = _mixed_document(sample, 200)
    rows = []
    for name, text in (("sample page", sample), ("200 paragraphs", document)):
        runtime = _fresh_runtime(settings, tmp_path, f"{name[:3]}-{target}")
        translator = runtime.translator
        chosen = translator.resolve_target(target)
        translator.translate([Item("预热模型。Warm up the models.")], chosen)
        recorder = RecordingEngine(runtime.engine)
        translator.engine = recorder
        cold = _timed(partial(translator.translate, [Item(text)], chosen))
        sent = list(recorder.batches)
        warm = _timed(partial(translator.translate, [Item(text)], chosen))
        raw = raw_batches(runtime, sent)
        argos = _argos_per_paragraph(settings, text, target)
        rows.append((name, cold, raw, argos, warm))
        runtime.close()
    print(f"\n== target {target} (seconds; ratios) ==")
    print(
        f"{'input':16}{'(a) mixlate':>13}{'(b) raw ct2':>13}{'(c) argos':>11}"
        f"{'warm':>9}{'a/b':>7}{'c/a':>7}{'cold/warm':>11}"
    )
    for name, cold, raw, argos, warm in rows:
        print(
            f"{name:16}{cold:13.3f}{raw:13.3f}{argos:11.3f}{warm:9.4f}"
            f"{cold / raw:7.2f}{argos / cold:7.2f}{cold / warm:11.1f}"
        )
    page, big = rows
    assert big[1] / big[2] <= 1.2, "Mixlate adds more than 20% over raw translate_batch"
    floor = 1.3 if target == "fr" else 3.0
    assert big[3] / big[1] >= floor, f"argostranslate per paragraph is not {floor}x slower"
    assert page[1] / page[4] >= 50, "a warm repeat of the page is not 50x faster"
