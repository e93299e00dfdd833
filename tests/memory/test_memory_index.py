"""Exact matching of memory units: width and whitespace normalised, newest first, scripts."""

from __future__ import annotations

from service.known.memory import MemoryIndex, MemoryUnit
from service.translation.chinese_script import convert_script


def _unit(source_text: str, target: str, target_text: str) -> MemoryUnit:
    return MemoryUnit("zh-Hans", target, source_text, target_text, "review", "r")


def test_width_and_whitespace_do_not_matter() -> None:
    index = MemoryIndex([_unit("尹民浩 说 ２０２５ 年。", "en", "Yoon Min-ho said so in 2025.")])
    assert index.exact("  尹民浩  说 2025 年。\n", "en") == "Yoon Min-ho said so in 2025."
    assert index.exact("尹民浩说2025年。", "en") is None  # spaces are not removed, only collapsed
    assert index.exact("尹民浩 说 ２０２５ 年。", "fr") is None


def test_the_newest_unit_wins() -> None:
    index = MemoryIndex([_unit("平壤。", "en", "Pyongyang."), _unit("平壤。", "en", "P'yŏngyang.")])
    assert index.exact("平壤。", "en") == "P'yŏngyang."


def test_simplified_units_serve_traditional_targets() -> None:
    units = [MemoryUnit("en", "zh-Hans", "About Dokdo.", "关于独岛。", "review", "r")]
    index = MemoryIndex(units, convert_script)
    assert index.exact("About Dokdo.", "zh-Hant") == "關於獨島。"
    traditional = MemoryUnit("en", "zh-Hant", "About Dokdo.", "談獨島。", "review", "r")
    assert MemoryIndex([*units, traditional], convert_script).exact("About Dokdo.", "zh-Hant") == (
        "談獨島。"
    )
