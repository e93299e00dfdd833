"""TranslationEngine over real (tiny, random-weight) models: batching, routing, caching."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from argostranslate.tokenizer import BPETokenizer

from service.engine import (
    ModelNotInstalled,
    ModelRegistry,
    TranslationCache,
    TranslationEngine,
    detokenize,
    translate_tokens,
)
from service.store import Database
from tests.engine.conftest import SAMPLE_EN, SAMPLE_FR, SAMPLE_ZH

MakeEngine = Callable[..., TranslationEngine]


def test_batch_keeps_order_and_equals_one_by_one(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False)
    for sentences, source, target in ((SAMPLE_EN, "en", "zh"), (SAMPLE_ZH, "zh", "en")):
        batch = engine.translate(sentences, source, target)
        single = [engine.translate([s], source, target)[0] for s in sentences]
        assert batch == single
        assert all(batch) and len(set(batch)) > 1
        assert engine.translate(sentences[::-1], source, target) == batch[::-1]


def test_one_model_call_per_batch_with_duplicates_sent_once(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False)
    sentences = ["France", "Japan", "France", "", "   ", "Japan"]

    outputs = engine.translate(sentences, "en", "zh-Hans")

    assert engine.stats.model_calls == 1
    assert engine.stats.sentences_translated == 2
    assert outputs[0] == outputs[2] and outputs[1] == outputs[5]
    assert outputs[3:5] == ["", "   "]


def test_blank_or_same_language_never_calls_a_model(make_engine: MakeEngine) -> None:
    engine = make_engine()
    assert engine.translate(["", " "], "en", "zh") == ["", " "]
    assert engine.translate(SAMPLE_EN, "en", "en") == SAMPLE_EN
    assert engine.translate(SAMPLE_ZH, "zh", "zh-CN") == SAMPLE_ZH
    assert engine.translate([], "en", "fr") == []
    assert engine.stats.model_calls == 0
    assert engine.pool.load_count() == 0


def test_output_is_argos_detokenized_without_the_target_prefix(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False)
    model = engine.route("en", "fr").models[0]
    assert model.target_prefix == "__fr__"

    outputs = engine.translate(SAMPLE_EN, "en", "fr")

    with engine.pool.lease(model) as loaded:
        sources = [loaded.tokenizer.encode(s) for s in SAMPLE_EN]
        tokens = translate_tokens(loaded.translator, sources, engine.beam_size, "__fr__")
        assert outputs == [detokenize(loaded.tokenizer, t, "__fr__") for t in tokens]
    assert all(t and t[0] != "__fr__" for t in tokens)
    assert not any(o.startswith(" ") or "__fr__" in o for o in outputs)


def test_bpe_package_uses_its_own_tokenizer(
    make_engine: MakeEngine, bpe_package: Path, tmp_path: Path
) -> None:
    ModelRegistry(tmp_path / "models").install_file(bpe_package)
    engine = make_engine(cached=False, models_dir=tmp_path / "models")

    batch = engine.translate(SAMPLE_FR, "fr", "en")

    assert batch == [engine.translate([s], "fr", "en")[0] for s in SAMPLE_FR]
    assert all(batch) and not any("@@ " in output for output in batch)
    with engine.pool.lease(engine.route("fr", "en").models[0]) as loaded:
        assert isinstance(loaded.tokenizer, BPETokenizer)
        assert "@@" in " ".join(loaded.tokenizer.encode("Bonjour le monde, Royaume-Uni"))


def test_pivot_through_english_equals_two_hops(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False)
    route = engine.route("zh", "fr")
    assert route.pivot == "en"
    assert engine.hops("zh", "fr") == [("zh-Hans", "en"), ("en", "fr")]
    assert engine.hops("en", "en") == []

    outputs = engine.translate(SAMPLE_ZH, "zh", "fr")

    assert engine.stats.model_calls == 2
    english = engine.translate(SAMPLE_ZH, "zh", "en")
    assert outputs == engine.translate(english, "en", "fr")


def test_missing_pair_names_the_install_command(make_engine: MakeEngine) -> None:
    engine = make_engine()
    with pytest.raises(ModelNotInstalled) as caught:
        engine.translate(["Bonjour"], "fr", "zh")
    assert "fr → zh-Hans" in str(caught.value)
    assert "mixlate models install fr zh-Hans" in str(caught.value)
    assert not engine.can_translate("fr", "zh")
    assert engine.can_translate("zh-TW", "zh-Hant")


def test_pairs_and_reachable_targets(make_engine: MakeEngine) -> None:
    engine = make_engine()
    assert engine.pairs() == [
        {"from": "en", "to": "fr", "via": None},
        {"from": "en", "to": "zh-Hans", "via": None},
        {"from": "zh-Hans", "to": "en", "via": None},
        {"from": "zh-Hans", "to": "fr", "via": "en"},
    ]
    assert engine.reachable_targets("zh") == ["en", "fr"]
    assert engine.reachable_targets("fr") == []
    assert engine.is_reachable("fr") and not engine.is_reachable("de")


def test_cache_hits_skip_the_model(make_engine: MakeEngine) -> None:
    engine = make_engine()
    first = engine.translate(SAMPLE_EN, "en", "zh")
    assert (engine.stats.model_calls, engine.stats.sentences_translated) == (1, len(SAMPLE_EN))

    assert engine.translate(SAMPLE_EN, "en", "zh") == first
    assert engine.stats.model_calls == 1
    assert engine.stats.cache_hits == len(SAMPLE_EN)

    extra = ["Switzerland", SAMPLE_EN[0]]
    engine.translate(extra, "en", "zh")
    assert (engine.stats.model_calls, engine.stats.sentences_translated) == (2, len(SAMPLE_EN) + 1)


def test_cache_survives_a_restart(make_engine: MakeEngine, database: Database) -> None:
    first = make_engine().translate(SAMPLE_ZH, "zh", "fr")

    restarted = make_engine()
    assert isinstance(restarted.cache, TranslationCache)
    assert restarted.translate(SAMPLE_ZH, "zh", "fr") == first
    assert restarted.stats.model_calls == 0
    assert restarted.stats.cache_hits == 2 * len(SAMPLE_ZH)
    assert restarted.pool.load_count() == 0


def test_cache_is_keyed_by_options(make_engine: MakeEngine) -> None:
    make_engine().translate(SAMPLE_EN, "en", "zh")
    wider = make_engine(beam_size=4)
    wider.translate(SAMPLE_EN, "en", "zh")
    assert wider.stats.cache_hits == 0
    assert wider.stats.sentences_translated == len(SAMPLE_EN)
