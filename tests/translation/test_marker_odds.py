"""MarkerOdds: the verdict on a route from the marked units tried on it."""

from __future__ import annotations

from service.translation.marker_odds import PROBES, REPROBE_EVERY, MarkerOdds, Verdict


def test_a_route_is_judged_after_its_probes_and_one_that_drops_is_probed_now_and_then() -> None:
    odds = MarkerOdds()
    assert odds.verdict("keeps") is Verdict.UNKNOWN
    for kept in [True, False, True, False][:PROBES]:
        odds.note("keeps", kept)
        odds.note("drops", False)
    assert odds.verdict("keeps") is Verdict.KEEPS
    verdicts = [odds.verdict("drops") for _ in range(REPROBE_EVERY * 3)]
    assert verdicts.count(Verdict.UNKNOWN) == 3 and verdicts.count(Verdict.DROPS) == 93
    for _ in range(PROBES * 4):  # the probes now bring markers back: the route recovers
        odds.note("drops", True)
    assert odds.verdict("drops") is Verdict.KEEPS
