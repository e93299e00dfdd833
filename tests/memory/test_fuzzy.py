"""The difference a fuzzy suggestion shows (pure): whole words, both texts kept complete."""

from __future__ import annotations

from service.known.fuzzy import difference, fuzzy_matches
from service.known.memory import MemoryIndex, MemoryUnit


def _joined(runs: list[dict[str, str]]) -> tuple[str, str]:
    return "".join(r["text"] for r in runs), "".join(r["unit"] for r in runs)


def test_a_changed_word_is_one_run() -> None:
    runs = difference("The army held drills on Monday.", "The army held a drill on Monday.")
    assert _joined(runs) == ("The army held drills on Monday.", "The army held a drill on Monday.")
    changed = [(r["op"], r["text"], r["unit"]) for r in runs if r["op"] != "equal"]
    assert changed == [("insert", "", "a "), ("replace", "drills", "drill")]
    assert difference("the red car", "the blue car") == [
        {"op": "equal", "text": "the ", "unit": "the "},
        {"op": "replace", "text": "red", "unit": "blue"},
        {"op": "equal", "text": " car", "unit": " car"},
    ]


def test_chinese_differs_by_character() -> None:
    runs = difference("该说法源于一家地方报纸。", "该说法源于一家地方报刊。")
    assert [(r["op"], r["text"], r["unit"]) for r in runs] == [
        ("equal", "该说法源于一家地方报", "该说法源于一家地方报"),
        ("replace", "纸", "刊"),
        ("equal", "。", "。"),
    ]


def test_insertions_deletions_and_sameness() -> None:
    assert difference("Hello", "Hello") == [{"op": "equal", "text": "Hello", "unit": "Hello"}]
    assert difference("", "Hi") == [{"op": "insert", "text": "", "unit": "Hi"}]
    runs = difference("Talks resume today in Seoul.", "Talks resume in Seoul.")
    assert _joined(runs) == ("Talks resume today in Seoul.", "Talks resume in Seoul.")
    assert {r["op"] for r in runs} == {"equal", "delete"}


def test_matches_carry_the_difference_and_respect_the_cutoff() -> None:
    unit = MemoryUnit("en", "zh-Hans", "What people are saying", "人们在说什么", "catalog", "c")
    index = MemoryIndex([unit])
    (match,) = fuzzy_matches(index, "What people are saying now", "zh-Hans", source="en")
    assert match.score >= 75 and match.unit == unit
    assert _joined(match.diff) == ("What people are saying now", "What people are saying")
    assert fuzzy_matches(index, "Something else entirely", "zh-Hans") == []
    assert fuzzy_matches(index, "What people are saying now", "zh-Hans", source="fr") == []
