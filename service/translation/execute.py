"""Execution: send every pending unit of a whole request to the engine, one batch per model.

Each unit travels along the hops of its route (``zh→en`` or, pivoting, ``zh→en`` then
``en→fr``), resolved once per request by the runner. Units with the most hops left go first,
so that when a request holds Chinese to pivot and English to translate directly, all ``en→fr``
sentences meet in one batch. A unit whose protected-span markers did not come back intact is
translated again piece by piece (the stretches between its protected spans) in one more
round, with its glossary terms' outputs put between the pieces, so a protected span is never
lost or changed and a term always comes out as its entry.

Whether the first, marked decode is worth it depends on the route's models (``MarkerOdds``):
on a route that drops markers, marked units go piece by piece from the start; on a route not
known yet, a few marked units go first as probes and the others wait one round for the
verdict (each later round holds whatever is left, so a request takes at most three rounds).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from typing import Protocol

from service.translation.assemble import join_units
from service.translation.chinese_script import convert_script
from service.translation.marker_odds import PROBES, MarkerOdds, Verdict
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


def execute(plans: Iterable[TextPlan], engine: HopRunner, odds: MarkerOdds | None = None) -> None:
    """Fill ``output`` of every unit of ``plans``, calling the engine once per model hop per
    round; ``odds`` is the translator's long-lived record of which routes keep markers."""
    odds = odds if odds is not None else MarkerOdds()
    routes: dict[Pair, Hashable] = {}
    waiting = [(unit, plan) for plan in plans for unit in plan.units if unit.output is None]
    while waiting:
        marked, whole, split, waiting = _round(waiting, engine, odds, routes)
        _translate(whole + [(piece, plan) for _, plan, pieces in split for piece in pieces], engine)
        for unit, plan, pieces in split:
            _join_pieces(unit, plan, pieces)
        for unit, plan in marked:
            restored = restore_markers(unit.output or "", unit.markers)
            odds.note(_route_key(unit, engine, routes), restored is not None)
            if restored is not None:
                unit.output = restored
            else:
                unit.output = None
                waiting.append((unit, _Split(plan)))


class _Split:
    """A plan whose unit is to be translated piece by piece: its markers came back broken."""

    __slots__ = ("plan",)

    def __init__(self, plan: TextPlan) -> None:
        self.plan = plan


def _round(
    waiting: list[tuple[Unit, TextPlan | _Split]],
    engine: HopRunner,
    odds: MarkerOdds,
    routes: dict[Pair, Hashable],
) -> tuple[
    list[tuple[Unit, TextPlan]],
    list[tuple[Unit, TextPlan]],
    list[tuple[Unit, TextPlan, list[Unit]]],
    list[tuple[Unit, TextPlan | _Split]],
]:
    """This round's (marked units, all units sent whole, units sent as pieces, units left)."""
    marked: list[tuple[Unit, TextPlan]] = []
    whole: list[tuple[Unit, TextPlan]] = []
    split: list[tuple[Unit, TextPlan, list[Unit]]] = []
    left: list[tuple[Unit, TextPlan | _Split]] = []
    probes: dict[Hashable, int] = defaultdict(int)
    for unit, plan in waiting:
        if isinstance(plan, _Split):
            split.append((unit, plan.plan, _pieces(unit, plan.plan)))
            continue
        if not unit.markers:
            whole.append((unit, plan))
            continue
        key = _route_key(unit, engine, routes)
        verdict = odds.verdict(key)
        if verdict is Verdict.DROPS:
            split.append((unit, plan, _pieces(unit, plan)))
        elif verdict is Verdict.KEEPS or probes[key] < PROBES:
            probes[key] += verdict is Verdict.UNKNOWN
            marked.append((unit, plan))
            whole.append((unit, plan))
        else:
            left.append((unit, plan))  # until the probes tell
    return marked, whole, split, left


def _pieces(unit: Unit, plan: TextPlan) -> list[Unit]:
    return [unit_for(plan.text, start, end, unit.route) for start, end in unit.pieces]


def _join_pieces(unit: Unit, plan: TextPlan, pieces: list[Unit]) -> None:
    terms = [Unit(start, end, "", unit.route, output=out) for start, end, out in unit.terms]
    parts = sorted(pieces + terms, key=lambda part: part.start)
    unit.output = join_units(plan.text, unit.start, unit.end, parts, plan.target.lang)


def _route_key(unit: Unit, engine: HopRunner, routes: dict[Pair, Hashable]) -> Hashable:
    """The models a unit travels through: what keeps or drops its markers."""
    pair = (unit.route.model_source, unit.route.model_target)
    if pair not in routes:
        routes[pair] = tuple(engine.hops(*pair))
    return routes[pair]


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
