"""Glossary terms through plan → execute → assemble, with stand-in models.

One stand-in gives markers back, one drops every digit (so every marker is lost): the terms
must come out as their entries either way, through the marker or the piece-by-piece path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from service.detection import detect_segments
from service.known.glossary import GlossaryEntry
from service.known.terms import TermIndex
from service.translation.assemble import assemble
from service.translation.chinese_script import convert_script
from service.translation.execute import execute
from service.translation.known import Known
from service.translation.marker_odds import PROBES, MarkerOdds, Verdict
from service.translation.plan import Route, Target, plan_text
from service.translation.translator import sentence_spans


class StandIn:
    """Upper-cases what it gets (``drop_digits``: and loses every digit, markers included)."""

    def __init__(self, drop_digits: bool) -> None:
        self.drop_digits = drop_digits
        self.sent: list[str] = []

    def hops(self, source: str, target: str) -> list[tuple[str, str]]:
        return [] if source == target else [(source, target)]

    def translate_hop(self, hop: tuple[str, str], sentences: Sequence[str]) -> list[str]:
        self.sent += sentences
        out = [f"<{s.upper()}>" for s in sentences]
        return [re.sub(r"[0-9]", "", s) for s in out] if self.drop_digits else out


def _routes(source: str, target: str) -> Route:
    if target == "zh-Hant":
        return Route(source, "zh-Hans", convert_output=True)
    return Route(source, target)


ENTRIES = [
    GlossaryEntry("zh-Hans", "李在明", "en", "Lee Jae Myung", id=1),
    GlossaryEntry("zh-Hans", "平壤", "en", "Pyongyang", id=2),
    GlossaryEntry("en", "Pyongyang", "zh-Hans", "平壤", id=3),
    GlossaryEntry("en", "Dokdo", "zh-Hans", "独岛", id=4),
    GlossaryEntry("en", "Mixlate", "zh-Hans", None, do_not_translate=True, id=5),
]


def _run(text: str, target: str, drop_digits: bool):
    index = TermIndex(ENTRIES, convert_script)
    known = Known(terms=index.matches, revision=1)
    engine = StandIn(drop_digits)
    plan = plan_text(
        text,
        detect_segments(text),
        Target(target),
        source=None,
        routes=_routes,
        sentences=sentence_spans,
        known=known,
    )
    execute([plan], engine)
    return plan, assemble(plan), engine


@pytest.mark.parametrize("drop_digits", [False, True])
def test_chinese_terms_come_out_as_their_entries(drop_digits: bool) -> None:
    text = "李在明总统访问平壤，李在明表示满意。"
    plan, result, engine = _run(text, "en", drop_digits)
    assert result.translation.count("Lee Jae Myung") == 2
    assert result.translation.count("Pyongyang") == 1
    assert not any("李在明" in sent or "平壤" in sent for sent in engine.sent)
    used = [term for segment in plan.segments for term in segment.terms]
    assert [(u.entry, text[u.start : u.end]) for u in used] == [
        (1, "李在明"),
        (2, "平壤"),
        (1, "李在明"),
    ]


@pytest.mark.parametrize("drop_digits", [False, True])
@pytest.mark.parametrize("target", ["zh-Hans", "zh-Hant"])
def test_english_terms_and_do_not_translate(drop_digits: bool, target: str) -> None:
    text = "Mixlate reports that Pyongyang spoke about Dokdo in 2025."
    _, result, engine = _run(text, target, drop_digits)
    dokdo = "独岛" if target == "zh-Hans" else "獨島"
    assert result.translation.count("平壤") == 1
    assert result.translation.count(dokdo) == 1
    assert result.translation.count("Mixlate") == 1
    assert "2025" in result.translation  # protected spans still come back
    assert not any("Dokdo" in sent or "Mixlate" in sent for sent in engine.sent)


def test_a_line_of_terms_only_needs_no_model() -> None:
    plan, result, engine = _run("李在明", "en", drop_digits=False)
    assert result.translation == "Lee Jae Myung"
    assert engine.sent == []
    assert plan.segments[0].action == "translated"


def test_a_term_inside_a_url_is_left_to_the_url() -> None:
    text = "See https://example.org/Dokdo for Dokdo."
    _, result, _ = _run(text, "zh-Hans", drop_digits=False)
    assert "https://example.org/Dokdo" in result.translation
    assert result.translation.count("独岛") == 1


MANY = "".join(f"第{n}次，李在明访问平壤。" for n in range(1, 13))


def _marked(sent: list[str]) -> list[str]:
    return [sentence for sentence in sent if re.search(r"9\d{3}", sentence)]


@pytest.mark.parametrize("drop_digits", [False, True])
def test_a_few_units_probe_an_unknown_route_then_the_rest_follow_the_verdict(
    drop_digits: bool,
) -> None:
    index = TermIndex(ENTRIES, convert_script)
    odds = MarkerOdds()

    def run() -> tuple[str, StandIn]:
        engine = StandIn(drop_digits)
        plan = plan_text(
            MANY,
            detect_segments(MANY),
            Target("en"),
            source=None,
            routes=_routes,
            sentences=sentence_spans,
            known=Known(terms=index.matches, revision=1),
        )
        execute([plan], engine, odds)
        return assemble(plan).translation, engine

    first, engine = run()
    assert first.count("Lee Jae Myung") == first.count("Pyongyang") == 12
    marked = len(_marked(engine.sent))
    second, again = run()
    assert second.count("Lee Jae Myung") == 12
    if drop_digits:  # four probes wasted, then every unit piece by piece from the start
        assert marked == PROBES and _marked(again.sent) == []
        assert odds.verdict((("zh-Hans", "en"),)) is Verdict.DROPS
    else:  # the markers come back: every unit keeps them
        assert marked == 12 and len(_marked(again.sent)) == 12
        assert odds.verdict((("zh-Hans", "en"),)) is Verdict.KEEPS
