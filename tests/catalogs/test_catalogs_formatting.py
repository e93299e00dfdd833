"""Formatting translations: what validation refuses and what rendering does with the rest."""

from __future__ import annotations

import pytest
from markupsafe import Markup, escape

from service.catalogs import validate_edit
from service.catalogs.formatting import is_python_format, render, stray_percents


def codes(problems) -> list[str]:
    return [problem.code for problem in problems]


def test_python_format_is_decided_by_the_msgid() -> None:
    assert is_python_format("By %(author)s") and is_python_format("%d files")
    assert not is_python_format("Skip to content")
    assert not is_python_format("100%% sure", "100% sure", None)
    assert is_python_format("One file", "%(num)d files")


def test_stray_percents_are_found() -> None:
    assert stray_percents("%(a)s %% %d") == []
    assert stray_percents("50%") == [2]
    assert stray_percents("%(a)s 50%。") == [8]
    assert stray_percents("%(a)% %") == [0, 4, 6]


def test_literal_msgids_render_their_translation_unformatted() -> None:
    assert render("跳到正文 50%", "Skip to content", {}, ("Skip to content",)) == "跳到正文 50%"
    assert render("100%% {x}", "Plain", {"x": 1}, ("Plain",)) == "100%% {x}"


@pytest.mark.parametrize("bad", ["%(author)s 50%", "%(x)s", "%s", "%(author)d", "%"])
def test_a_translation_that_does_not_format_falls_back_to_the_source(bad, caplog) -> None:
    assert render(bad, "By %(author)s", {"author": "Li"}, ("By %(author)s",)) == "By Li"
    assert "does not format" in caplog.text


def test_good_translations_are_formatted_and_markup_is_escaped() -> None:
    text = render(escape("作者 %(author)s"), escape("By %(author)s"), {"author": "<b>"}, ("By",))
    assert text == "作者 %(author)s", "a msgid without placeholders is not formatted"
    found = render(escape("作者 %(author)s"), escape("x"), {"author": "<b>"}, ("By %(author)s",))
    assert isinstance(found, Markup) and found == "作者 &lt;b&gt;"


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("By %(author)s", "作者 %(author)s，100%"),
        ("Published on %(date)s", "%(date)s 50% off"),
    ],
)
def test_stray_or_bad_percent_in_a_python_format_translation_fails(msgid, msgstr) -> None:
    assert codes(validate_edit(msgid, msgstr, "zh-Hans")) in (["format"], ["placeholders"])


def test_literal_percent_in_a_literal_translation_passes() -> None:
    assert validate_edit("Skip to content", "跳到正文 50%", "zh-Hans") == []
    assert validate_edit("By %(author)s", "作者 %(author)s，100%%", "zh-Hans") == []
    assert codes(validate_edit("Skip to content", "跳到 %s", "zh-Hans")) == ["placeholders"]


def test_plural_forms_are_format_checked_against_either_msgid() -> None:
    found = validate_edit("One file", ["一个", "%(num)d 个 50%"], "en", "%(num)d files")
    assert [(p.code, p.form) for p in found] == [("format", 1)]


def test_lone_surrogates_are_an_encoding_problem() -> None:
    assert codes(validate_edit("Save", "保\ud800存", "zh-Hans")) == ["encoding"]
    found = validate_edit("%(num)d file", ["ok", "\udfff"], "en", "%(num)d files")
    assert [(p.code, p.form) for p in found] == [("encoding", 1)]


def test_overlong_translations_fail() -> None:
    assert codes(validate_edit("Save", "长" * 1001, "zh-Hans")) == ["too_long"]
    assert validate_edit("Save", "长" * 1000, "zh-Hans") == []
    assert validate_edit("x" * 400, "长" * 1600, "zh-Hans") == []
