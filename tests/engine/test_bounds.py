"""Decoding is bounded by the source length: a model that never stops still returns quickly."""

from __future__ import annotations

import time
from pathlib import Path

from service.config import Settings
from service.engine import (
    MAX_DECODING_LENGTH,
    ModelRegistry,
    TranslationEngine,
    TranslatorPool,
    decoding_bound,
    detokenize,
    translate_tokens,
)


def test_bound_grows_with_the_source_and_is_capped() -> None:
    assert decoding_bound(1) == 12
    assert decoding_bound(20) == 50
    assert decoding_bound(10_000) == MAX_DECODING_LENGTH == 512


def test_runaway_model_stops_at_the_bound(
    runaway_package: Path, settings: Settings, tmp_path: Path
) -> None:
    registry = ModelRegistry(tmp_path / "models")
    model = registry.install_file(runaway_package)
    pool = TranslatorPool(settings)
    try:
        with pool.lease(model) as loaded:
            for text in ("Hi", "Hello, world.", "The weather in Paris is lovely today. " * 3):
                source = loaded.tokenizer.encode(text)
                (tokens,) = translate_tokens(loaded.translator, [source], beam_size=2)
                assert len(tokens) == decoding_bound(len(source))
            long_source = loaded.tokenizer.encode("Switzerland and Belgium. " * 150)
            assert len(long_source) > MAX_DECODING_LENGTH
            started = time.monotonic()
            (tokens,) = translate_tokens(loaded.translator, [long_source], beam_size=2)
            assert len(tokens) == MAX_DECODING_LENGTH
            assert time.monotonic() - started < 20
    finally:
        pool.close()


def test_batch_bound_comes_from_its_longest_source(
    runaway_package: Path, settings: Settings, tmp_path: Path
) -> None:
    registry = ModelRegistry(tmp_path / "models")
    model = registry.install_file(runaway_package)
    engine = TranslationEngine(registry, TranslatorPool(settings), None, settings)
    sentences = ["Hi", "Where is the station?", "France"]
    try:
        outputs = engine.translate(sentences, "en", "de")
        with engine.pool.lease(model) as loaded:
            sources = [loaded.tokenizer.encode(s) for s in sentences]
            tokens = translate_tokens(loaded.translator, sources, engine.beam_size)
            assert outputs == [detokenize(loaded.tokenizer, t) for t in tokens]
        bound = decoding_bound(max(map(len, sources)))
        assert [len(t) for t in tokens] == [bound] * len(sentences)
    finally:
        engine.pool.close()
