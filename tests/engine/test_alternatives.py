"""Other hypotheses from the beam, through the real engine and test models."""

from __future__ import annotations

from collections.abc import Callable

from service.engine import TranslationEngine
from tests.engine.conftest import SAMPLE_EN

MakeEngine = Callable[..., TranslationEngine]


def test_alternatives_are_other_hypotheses_of_the_same_model(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False, beam_size=4)
    model = engine.route("en", "zh").models[0]
    best = engine.translate(SAMPLE_EN, "en", "zh")
    others = engine.alternatives(model, SAMPLE_EN, 3)
    assert len(others) == len(SAMPLE_EN)
    assert any(others), "a beam of 4 gives other hypotheses for some sentence"
    for sentence_best, alternatives in zip(best, others, strict=True):
        assert len(alternatives) <= 3
        assert sentence_best not in alternatives
        assert len(set(alternatives)) == len(alternatives)
    assert engine.alternatives(model, [], 2) == []
    assert engine.alternatives(model, [""], 2) == [[]]
