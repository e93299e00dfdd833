"""Alternative translations of a text (LibreTranslate's ``alternatives``), from the beam.

Contract: only the units a model translated get alternatives (kept, converted, catalog and
other known translations never change), and only along a one-model route: the other
hypotheses of a pivot's second model would translate a first model's best guess. An
alternative whose protected-span markers do not come back exactly once is dropped, so a URL
or a placeholder is never lost. Alternative ``k`` of a text is the text with each such unit's
``k``-th other hypothesis (or its best one when it has fewer); duplicates are left out.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from typing import Protocol

from service.translation.assemble import assemble
from service.translation.chinese_script import convert_script
from service.translation.execute import restore_markers
from service.translation.plan import TextPlan, Unit


class AlternativesRunner(Protocol):
    """The hops of a model pair, and other hypotheses of sentences along one hop."""

    def hops(self, source: str, target: str) -> Sequence[Hashable]: ...

    def alternatives(
        self, hop: Hashable, sentences: Sequence[str], count: int
    ) -> list[list[str]]: ...


def _finished(unit: Unit, plan: TextPlan, output: str) -> str | None:
    restored = restore_markers(output, unit.markers) if unit.markers else output
    if restored is not None and unit.route.convert_output:
        return convert_script(restored, "zh-Hans", "zh-Hant", plan.target.variant)
    return restored


def alternative_texts(
    plan: TextPlan, model_units: Collection[int], count: int, runner: AlternativesRunner
) -> list[str]:
    """Up to ``count`` other translations of ``plan``'s text (units already have outputs).

    ``model_units`` holds the ``id`` of every unit a model translated in this request.
    """
    chosen = [unit for unit in plan.units if id(unit) in model_units and unit.output]
    by_hop: dict[Hashable, list[Unit]] = {}
    for unit in chosen:
        hops = runner.hops(unit.route.model_source, unit.route.model_target)
        if len(hops) == 1:
            by_hop.setdefault(hops[0], []).append(unit)
    others: dict[int, list[str]] = {}
    for hop, units in by_hop.items():
        found = runner.alternatives(hop, [unit.source_text for unit in units], count)
        for unit, outputs in zip(units, found, strict=True):
            finished = [_finished(unit, plan, output) for output in outputs]
            others[id(unit)] = [text for text in finished if text and text != unit.output]
    depth = min(count, max((len(found) for found in others.values()), default=0))
    best = {id(unit): unit.output for unit in plan.units}
    texts: list[str] = []
    try:
        for k in range(depth):
            for unit in plan.units:
                found = others.get(id(unit), [])
                unit.output = found[k] if k < len(found) else best[id(unit)]
            texts.append(assemble(plan).translation)
    finally:
        for unit in plan.units:
            unit.output = best[id(unit)]
    translation = assemble(plan).translation
    return [text for text in dict.fromkeys(texts) if text != translation]
