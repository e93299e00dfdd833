"""Fixtures for the glossary tests: an app over the test models, tokens, the sample names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Headers = dict[str, str]

# The sample page's names: (Chinese, English); Traditional forms follow OpenCC (s2twp).
NAMES = (
    ("李在明", "Lee Jae Myung"),
    ("尹民浩", "Yoon Min-ho"),
    ("平壤", "Pyongyang"),
    ("独岛", "Dokdo"),
    ("魏圣洛", "Wi Sung-lac"),
)
TRADITIONAL = {"独岛": "獨島", "魏圣洛": "魏聖洛"}


def _entry(source: str, term: str, target: str, translation: str) -> dict[str, object]:
    return {"source": source, "term": term, "target": target, "translation": translation}


def name_entries() -> list[dict[str, object]]:
    """Both directions, zh-Hans targets, and one explicit zh-Hant target (the others derive)."""
    entries: list[dict[str, object]] = []
    for chinese, english in NAMES:
        entries.append(_entry("zh-Hans", chinese, "en", english))
        entries.append(_entry("en", english, "zh-Hans", chinese))
    entries.append(
        {"source": "en", "term": "Wi Sung-lac", "target": "zh-Hant", "translation": "魏聖洛"}
    )
    return entries


@pytest.fixture
def localizer(token: Callable[[str, str], Headers]) -> Headers:
    return token("lena", "localizer")
