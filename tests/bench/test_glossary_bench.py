"""Benchmark: the sample page with a 5,000-entry glossary against none (goal ≤ 1.1×).

Each repetition builds two fresh runtimes (cold result and sentence caches), warms the models
and the glossary index with an unrelated sentence, then times the sample page into English
and into Simplified Chinese: once with no glossary, once with 5,000 entries (the page's names
in both directions plus generated names that never occur in it). The best of three
repetitions is reported, as the ratio glossary / none.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from service.config import Settings
from service.known.glossary import GlossaryEntry
from service.runtime import Runtime
from service.translation.translator import Item
from tests.glossary.conftest import NAMES
from tests.support.samples import sample_page_text

pytestmark = pytest.mark.bench

ENTRIES = 5_000
TARGETS = ("en", "zh-Hans")
WARM_UP = "The weather in Seoul was mild. 首尔天气温和。"


def _glossary() -> list[GlossaryEntry]:
    rng = random.Random(13)
    entries = []
    for chinese, english in NAMES:
        entries.append(GlossaryEntry("zh-Hans", chinese, "en", english))
        entries.append(GlossaryEntry("en", english, "zh-Hans", chinese))
    while len(entries) < ENTRIES:
        latin = " ".join(
            rng.choice("BCDFGKLMNPRSTVZ") + "".join(rng.choices("aeiouyrnl", k=rng.randint(3, 7)))
            for _ in range(2)
        )
        han = "".join(chr(rng.randint(0x5000, 0x8FFF)) for _ in range(3))
        entries.append(GlossaryEntry("en", latin, "zh-Hans", han))
        entries.append(GlossaryEntry("zh-Hans", han, "en", latin))
    return entries[:ENTRIES]


def _runtime(settings: Settings, directory: Path) -> Runtime:
    return Runtime(
        settings.with_overrides(data_dir=directory, database_url=f"sqlite:///{directory / 'm.db'}")
    )


def _timed_page(runtime: Runtime, text: str) -> float:
    translator = runtime.translator
    for target in TARGETS:
        translator.translate([Item(WARM_UP)], translator.resolve_target(target))
    started = time.perf_counter()
    for target in TARGETS:
        translator.translate([Item(text)], translator.resolve_target(target))
    return time.perf_counter() - started


def test_a_large_glossary_costs_little(settings: Settings, tmp_path: Path) -> None:
    text = sample_page_text()
    entries = _glossary()
    assert len(entries) == ENTRIES
    plain_times, glossary_times = [], []
    for repetition in range(3):
        plain = _runtime(settings, tmp_path / f"plain{repetition}")
        with_glossary = _runtime(settings, tmp_path / f"glossary{repetition}")
        with_glossary.glossary.add(entries)
        try:
            plain_times.append(_timed_page(plain, text))
            glossary_times.append(_timed_page(with_glossary, text))
        finally:
            plain.close()
            with_glossary.close()
    ratio = min(glossary_times) / min(plain_times)
    print(
        f"\nsample page into {', '.join(TARGETS)}: no glossary {min(plain_times) * 1000:.0f} ms, "
        f"{ENTRIES} entries {min(glossary_times) * 1000:.0f} ms, ratio {ratio:.2f}x"
    )
    assert ratio <= 1.1
