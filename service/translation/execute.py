"""Execution: send every pending unit of a whole request to the engine, one batch per model.

Each unit travels along the hops of its route (``zh→en`` or, pivoting, ``zh→en`` then
``en→fr``), resolved once per request by the runner. Units with the most hops left go first,
so that when a request holds Chinese to pivot and English to translate directly, all ``en→fr``
sentences meet in one batch. A unit whose protected-span markers did not come back intact is
translated again piece by piece (the stretches between its protected spans) in one more
round, with its glossary terms' outputs put between the pieces, so a protected span is never
lost or changed and a term always comes out as its entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from typing import Protocol

from service.translation.assemble import join_units
from service.translation.chinese_script import convert_script
from service.translation.plan import TextPlan, Unit, unit_for

Hop = Hashable
Pair = tuple[str, str]


class HopRunner(Protocol):
    """What execution needs: a model pair's hops (models), and one batch along one hop."""

    def hops(self, source: str, target: str) -> Sequence[Hop]: ...

    def translate_hop(self, hop: Hop, sentences: Sequence[str]) -> list[str]: ...


class _Travel:
    """A unit on its way: its current text and the hops still ahead."""

    __slots__ = ("unit", "plan", "text", "hops")

    def __init__(self, unit: Unit, plan: TextPlan, hops: list[Hop]) -> None:
        self.unit, self.plan, self.text, self.hops = unit, plan, unit.source_text, hops


def execute(plans: Iterable[TextPlan], engine: HopRunner) -> None:
    """Fill ``output`` of every unit of ``plans``, calling the engine once per model hop."""
    pending = [(unit, plan) for plan in plans for unit in plan.units if unit.output is None]
    _translate(pending, engine)
    fallback: list[tuple[Unit, TextPlan, list[Unit]]] = []
    for unit, plan in pending:
        if not unit.markers:
            continue
        restored = restore_markers(unit.output or "", unit.markers)
        if restored is not None:
            unit.output = restored
            continue
        pieces = [unit_for(plan.text, start, end, unit.route) for start, end in unit.pieces]
        fallback.append((unit, plan, pieces))
    _translate([(piece, plan) for _, plan, pieces in fallback for piece in pieces], engine)
    for unit, plan, pieces in fallback:
        terms = [Unit(start, end, "", unit.route, output=out) for start, end, out in unit.terms]
        parts = sorted(pieces + terms, key=lambda part: part.start)
        unit.output = join_units(plan.text, unit.start, unit.end, parts, plan.target.lang)


def restore_markers(output: str, markers: Sequence[tuple[str, str]]) -> str | None:
    """``output`` with each marker put back as its span, or None unless each occurs once."""
    for marker, original in markers:
        pattern = re.compile(rf"(?<![0-9]){marker}(?![0-9])")
        if len(pattern.findall(output)) != 1:
            return None
        output = pattern.sub(lambda _match, text=original: text, output)
    return output


def _translate(units: list[tuple[Unit, TextPlan]], engine: HopRunner) -> None:
    """Set ``output`` of ``units`` from their ``source_text``, one engine call per hop."""
    routes: dict[Pair, Sequence[Hop]] = {}
    travelling: list[_Travel] = []
    for unit, plan in units:
        pair = (unit.route.model_source, unit.route.model_target)
        if pair not in routes:
            routes[pair] = engine.hops(*pair)
        travelling.append(_Travel(unit, plan, list(routes[pair])))
    while any(travel.hops for travel in travelling):
        most = max(len(travel.hops) for travel in travelling)
        batches: dict[Hop, list[_Travel]] = defaultdict(list)
        for travel in travelling:
            if len(travel.hops) == most:
                batches[travel.hops.pop(0)].append(travel)
        for hop, batch in batches.items():
            outputs = engine.translate_hop(hop, [travel.text for travel in batch])
            for travel, output in zip(batch, outputs, strict=True):
                travel.text = output
    for travel in travelling:
        output = travel.text
        if travel.unit.route.convert_output:
            output = convert_script(output, "zh-Hans", "zh-Hant", travel.plan.target.variant)
        travel.unit.output = output
