"""Alternative texts (pure): only model units vary, markers survive or the alternative goes."""

from __future__ import annotations

from collections.abc import Sequence

from service.detection import detect_segments
from service.translation.alternatives import alternative_texts
from service.translation.execute import execute
from service.translation.plan import Route, Target, TextPlan, plan_text
from service.translation.translator import sentence_spans

URL = "https://example.com/a?b=1"


class Runner:
    """A stand-in engine: the best output keeps each marker; alternatives may lose them."""

    def __init__(self, pivot: bool = False, keep_markers: bool = True) -> None:
        self.pivot, self.keep_markers = pivot, keep_markers

    def hops(self, source: str, target: str) -> Sequence[str]:
        return [f"{source}-en", f"en-{target}"] if self.pivot else [f"{source}-{target}"]

    def translate_hop(self, hop: str, sentences: Sequence[str]) -> list[str]:
        return [f"BEST {_markers(s)}" for s in sentences]

    def alternatives(self, hop: str, sentences: Sequence[str], count: int) -> list[list[str]]:
        kept = self.keep_markers
        return [[f"ALT{k} {_markers(s) if kept else ''}" for k in range(count)] for s in sentences]


def _markers(sentence: str) -> str:
    return " ".join(word for word in sentence.split() if word.isdigit() and len(word) == 4)


def _run(text: str, runner: Runner) -> tuple[TextPlan, set[int]]:
    plan = plan_text(
        text,
        detect_segments(text, ("en",)),
        Target("zh-Hans"),
        source=None,
        routes=lambda source, target: Route(source, target),
        sentences=sentence_spans,
    )
    by_model = {id(unit) for unit in plan.units if unit.output is None}
    execute([plan], runner)
    return plan, by_model


def test_only_translated_units_vary_and_markers_come_back() -> None:
    text = f"今天很好。 Read the report at {URL} now."
    runner = Runner()
    plan, by_model = _run(text, runner)
    others = alternative_texts(plan, by_model, 2, runner)
    assert len(others) == 2
    for k, other in enumerate(others):
        assert other.startswith("今天很好。") and URL in other and f"ALT{k}" in other


def test_an_alternative_that_loses_a_marker_is_dropped() -> None:
    runner = Runner(keep_markers=False)
    plan, by_model = _run(f"Read the report at {URL} now.", runner)
    assert alternative_texts(plan, by_model, 3, runner) == []


def test_pivots_and_known_units_have_none() -> None:
    pivot = Runner(pivot=True)
    plan, by_model = _run("The weather is lovely today.", pivot)
    assert alternative_texts(plan, by_model, 2, pivot) == []
    plan, _ = _run("The weather is lovely today.", Runner())
    assert alternative_texts(plan, set(), 2, Runner()) == []
