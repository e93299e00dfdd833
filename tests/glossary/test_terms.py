"""Term matching on its own: longest first, CJK without boundaries, flags, Chinese scripts."""

from __future__ import annotations

from service.known.glossary import GlossaryEntry
from service.known.terms import TermIndex
from service.translation.chinese_script import convert_script


def _entry(source: str, term: str, target: str, translation: str | None, **flags: object):
    return GlossaryEntry(source, term, target, translation, **flags)  # type: ignore[arg-type]


def _found(index: TermIndex, text: str, source: str, target: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.output) for m in index.matches(text, source, target)]


def test_longest_term_wins_and_matches_do_not_overlap() -> None:
    index = TermIndex(
        [
            _entry("en", "Korea", "zh-Hans", "韩国"),
            _entry("en", "North Korea", "zh-Hans", "朝鲜"),
            _entry("en", "Korean Peninsula", "zh-Hans", "朝鲜半岛"),
        ]
    )
    text = "North Korea and Korea meet on the Korean Peninsula."
    assert _found(index, text, "en", "zh-Hans") == [
        ("North Korea", "朝鲜"),
        ("Korea", "韩国"),
        ("Korean Peninsula", "朝鲜半岛"),
    ]


def test_cjk_terms_match_inside_running_text() -> None:
    index = TermIndex([_entry("zh-Hans", "平壤", "en", "Pyongyang")])
    assert _found(index, "朝鲜平壤方面表示", "zh-Hans", "en") == [("平壤", "Pyongyang")]


def test_whole_word_and_case_rules() -> None:
    index = TermIndex(
        [
            _entry("en", "Lee", "zh-Hans", "李"),
            _entry("en", "AI", "zh-Hans", "人工智能", case_sensitive=True),
            _entry("en", "ing", "zh-Hans", "X", whole_word=False),
        ]
    )
    assert _found(index, "Leeds", "en", "zh-Hans") == []
    assert _found(index, "LEE said", "en", "zh-Hans") == [("LEE", "李")]
    assert _found(index, "ai and AI", "en", "zh-Hans") == [("AI", "人工智能")]
    assert _found(index, "talking", "en", "zh-Hans") == [("ing", "X")]
    assert _found(index, "Lee说", "en", "zh-Hans") == [("Lee", "李")]  # CJK is no word neighbour


def test_do_not_translate_keeps_the_term() -> None:
    index = TermIndex([_entry("en", "Mixlate", "fr", None, do_not_translate=True)])
    assert _found(index, "Mixlate works", "en", "fr") == [("Mixlate", "Mixlate")]
    assert (
        GlossaryEntry("en", "Mixlate", "fr", None, do_not_translate=True)
        .to_dict()
        .get("translation", "absent")
        == "absent"
    )


def test_simplified_entry_serves_traditional_unless_one_exists() -> None:
    index = TermIndex(
        [
            _entry("en", "Dokdo", "zh-Hans", "独岛"),
            _entry("en", "Wi Sung-lac", "zh-Hans", "魏圣洛"),
            _entry("en", "Wi Sung-lac", "zh-Hant", "韋聖洛"),
        ],
        convert_script,
    )
    text = "Dokdo and Wi Sung-lac"
    assert _found(index, text, "en", "zh-Hant") == [("Dokdo", "獨島"), ("Wi Sung-lac", "韋聖洛")]
    assert _found(index, text, "en", "zh-Hans") == [("Dokdo", "独岛"), ("Wi Sung-lac", "魏圣洛")]


def test_simplified_term_matches_traditional_source_text() -> None:
    index = TermIndex([_entry("zh-Hans", "独岛", "en", "Dokdo")], convert_script)
    assert _found(index, "關於獨島的報導", "zh-Hant", "en") == [("獨島", "Dokdo")]


def test_other_pairs_are_not_consulted() -> None:
    index = TermIndex([_entry("zh-Hans", "平壤", "en", "Pyongyang")])
    assert _found(index, "平壤", "zh-Hans", "fr") == []
    assert len(index) == 1
