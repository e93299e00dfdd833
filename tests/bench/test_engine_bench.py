"""Engine throughput on the tiny test models (run by `make bench`): batching and the cache.

500 distinct English sentences (seeded joins of CLDR names) are translated en→zh one call per
sentence, then in one batch, then again from a warm SQLite cache. The models are random and
tiny, so the figures compare code paths, not translation speed of real packages.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from service.config import Settings
from service.engine import ModelRegistry, TranslationCache, TranslationEngine, TranslatorPool
from service.store import open_database
from tests.support.argos_builder import corpus

pytestmark = pytest.mark.bench

SENTENCES = 500
MIN_BATCH_SPEEDUP = 2.0
MIN_CACHE_SPEEDUP = 5.0


def _sentences() -> list[str]:
    rng = random.Random(11)
    names = corpus("en")
    joined = (" ".join(rng.sample(names, rng.randint(2, 6))) for _ in range(2 * SENTENCES))
    return list(dict.fromkeys(joined))[:SENTENCES]


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def test_batching_and_cache_throughput(settings: Settings, tmp_path: Path) -> None:
    sentences = _sentences()
    db = open_database(f"sqlite:///{tmp_path / 'bench.db'}")
    registry = ModelRegistry(settings.models_dir)
    pool = TranslatorPool(settings)
    try:
        uncached = TranslationEngine(registry, pool, None, settings)
        uncached.translate(sentences[:5], "en", "zh")  # load the model outside the timings
        one_by_one = _timed(lambda: [uncached.translate([s], "en", "zh") for s in sentences])
        batched = _timed(lambda: uncached.translate(sentences, "en", "zh"))
        cached = TranslationEngine(registry, pool, TranslationCache(db), settings)
        cold = _timed(lambda: cached.translate(sentences, "en", "zh"))
        restarted = TranslationEngine(registry, pool, TranslationCache(db), settings)
        warm = _timed(lambda: restarted.translate(sentences, "en", "zh"))
    finally:
        pool.close()
        db.dispose()

    rate = len(sentences) / batched
    print(
        f"\n{len(sentences)} sentences en→zh: one by one {one_by_one:.2f}s, "
        f"one batch {batched:.2f}s ({rate:.0f}/s), cold cache {cold:.2f}s, "
        f"warm cache after restart {warm:.3f}s"
    )
    assert restarted.stats.model_calls == 0
    assert one_by_one / batched >= MIN_BATCH_SPEEDUP
    assert cold / warm >= MIN_CACHE_SPEEDUP
