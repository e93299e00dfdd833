"""Exact matching of memory units: width and whitespace normalised, newest first, scripts,
and only for the source language the unit was approved from."""

from __future__ import annotations

from service.known.memory import MemoryIndex, MemoryUnit
from service.translation.chinese_script import convert_script


def _unit(source_text: str, target: str, target_text: str) -> MemoryUnit:
    return MemoryUnit("zh-Hans", target, source_text, target_text, "review", "r")


def test_width_and_whitespace_do_not_matter() -> None:
    index = MemoryIndex([_unit("尹民浩 说 ２０２５ 年。", "en", "Yoon Min-ho said so in 2025.")])
    said = "Yoon Min-ho said so in 2025."
    assert index.exact("  尹民浩  说 2025 年。\n", "zh-Hans", "en") == said
    # Spaces are not removed, only collapsed.
    assert index.exact("尹民浩说2025年。", "zh-Hans", "en") is None
    assert index.exact("尹民浩 说 ２０２５ 年。", "zh-Hans", "fr") is None


def test_the_newest_unit_wins() -> None:
    index = MemoryIndex([_unit("平壤。", "en", "Pyongyang."), _unit("平壤。", "en", "P'yŏngyang.")])
    assert index.exact("平壤。", "zh-Hans", "en") == "P'yŏngyang."


def test_simplified_units_serve_traditional_targets() -> None:
    units = [MemoryUnit("en", "zh-Hans", "About Dokdo.", "关于独岛。", "review", "r")]
    index = MemoryIndex(units, convert_script)
    assert index.exact("About Dokdo.", "en", "zh-Hant") == "關於獨島。"
    traditional = MemoryUnit("en", "zh-Hant", "About Dokdo.", "談獨島。", "review", "r")
    both = MemoryIndex([*units, traditional], convert_script)
    assert both.exact("About Dokdo.", "en", "zh-Hant") == "談獨島。"


def test_a_unit_answers_only_its_own_source_language() -> None:
    units = [
        MemoryUnit("fr", "en", "Paris est magnifique.", "Paris is magnificent.", "review", "r"),
        MemoryUnit("zh-Hans", "en", "OK。", "Fine.", "review", "r"),
    ]
    index = MemoryIndex(units)
    assert index.exact("Paris est magnifique.", "fr", "en") == "Paris is magnificent."
    assert index.exact("Paris est magnifique.", "en", "en") is None
    assert index.exact("Paris est magnifique.", "de", "en") is None
    assert index.exact("OK。", "fr", "en") is None
    assert index.for_target("en", "fr") == {"Paris est magnifique.": units[0]}
    assert len(index.for_target("en")) == 2


def test_the_chinese_scripts_share_units_the_asked_one_first() -> None:
    simplified = MemoryUnit("zh-Hans", "en", "平壤。", "Pyongyang.", "review", "r")
    index = MemoryIndex([simplified])
    assert index.exact("平壤。", "zh-Hant", "en") == "Pyongyang."  # the same characters
    traditional = MemoryUnit("zh-Hant", "en", "平壤。", "P'yŏngyang.", "review", "r")
    both = MemoryIndex([traditional, simplified])
    assert both.exact("平壤。", "zh-Hant", "en") == "P'yŏngyang."
    assert both.exact("平壤。", "zh-Hans", "en") == "Pyongyang."
    assert both.for_target("en", "zh-Hant")["平壤。"] is traditional
