"""Validation rules of a single edit, each positive and negative."""

from __future__ import annotations

import pytest

from service.catalogs import validate_edit
from service.catalogs.validation import placeholders, plural_count


def codes(problems) -> list[str]:
    return [problem.code for problem in problems]


def test_placeholder_kinds_are_recognised() -> None:
    found = placeholders("%(name)s %s %d %.2f {name} {0} {} {x!r:>3} %% 100% sure")
    assert sorted(found.elements()) == sorted(
        ["%(name)s", "%s", "%d", "%.2f", "{name}", "{0}", "{}", "{x!r:>3}"]
    )


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Hello %(name)s", "你好 %(name)s"),
        ("%s of %d", "%d 中的 %s"),
        ("{count} new", "新 {count}"),
        ("{0} and {1}", "{1} 和 {0}"),
        ("{} items", "{} 项"),
        ("100%% sure", "百分之百"),
    ],
)
def test_matching_placeholders_pass(msgid: str, msgstr: str) -> None:
    assert validate_edit(msgid, msgstr, "zh-Hans") == []


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Hello %(name)s", "你好 %(nom)s"),
        ("Hello %(name)s", "你好"),
        ("%s files", "%d 个文件"),
        ("%s and %s", "%s 和"),
        ("{count} new", "{num} 新"),
        ("{0}", "{0} {0}"),
        ("{}", "{0}"),
        ("Plain", "带 {x} 的"),
        ("Plain", "%(x)s"),
    ],
)
def test_differing_placeholders_fail(msgid: str, msgstr: str) -> None:
    assert codes(validate_edit(msgid, msgstr, "zh-Hans")) == ["placeholders"]


def test_placeholder_message_names_missing_and_extra() -> None:
    (problem,) = validate_edit("%(a)s %(b)s", "%(a)s %(c)s", "en")
    assert "missing %(b)s" in problem.message and "unexpected %(c)s" in problem.message


def test_html_tags_kept_and_nested_pass() -> None:
    msgid = 'Read the <a href="%(url)s">docs</a> <br> now'
    assert validate_edit(msgid, '现在<br>阅读<a href="%(url)s">文档</a>', "zh-Hans") == []


@pytest.mark.parametrize(
    "msgstr",
    ["阅读文档", "阅读<b>文档</b>", "阅读<a>文档", "阅读<a>文档</a></a>"],
)
def test_html_tags_missing_or_changed_fail(msgstr: str) -> None:
    assert codes(validate_edit("Read <a>docs</a>", msgstr, "zh-Hans")) == ["html_tags"]


def test_misnested_html_fails() -> None:
    found = validate_edit("<b>bold</b> <i>it</i>", "<b>粗体<i></b>斜体</i>", "zh-Hans")
    assert codes(found) == ["html_unbalanced"]


def test_tags_added_to_plain_text_fail() -> None:
    assert codes(validate_edit("Plain", "<script>x</script>", "zh-Hans")) == ["html_tags"]


def test_whitespace_and_newlines() -> None:
    assert validate_edit(" Name: \n", " 名称： \n", "zh-Hans") == []
    assert codes(validate_edit(" Name", "名称", "zh-Hans")) == ["leading_whitespace"]
    assert codes(validate_edit("Name ", "名称", "zh-Hans")) == ["trailing_whitespace"]
    assert codes(validate_edit("Name", "名称\t", "zh-Hans")) == ["trailing_whitespace"]
    assert codes(validate_edit("A\nB", "A B", "zh-Hans")) == ["newlines"]
    assert validate_edit("A\nB", "甲\n乙", "zh-Hans") == []


def test_control_characters_fail() -> None:
    assert validate_edit("Tab\there", "制表\t符", "zh-Hans") == []
    assert codes(validate_edit("Name", "名\x00称", "zh-Hans")) == ["control_characters"]
    assert codes(validate_edit("Name", "名\x1b[31m", "zh-Hans")) == ["control_characters"]


def test_empty_msgstr_is_untranslated_not_an_error() -> None:
    assert validate_edit("Hello %(name)s", "", "zh-Hans") == []
    assert validate_edit("%(num)d file", ["", ""], "en", "%(num)d files") == []


def test_plural_counts_come_from_babel() -> None:
    assert plural_count("zh-Hans") == 1
    assert plural_count("en") == 2
    assert plural_count("pt-BR") == 3


def test_plural_forms_must_all_be_present() -> None:
    good = ["%(num)d file", "%(num)d files"]
    assert validate_edit("%(num)d file", good, "en", "%(num)d files") == []
    assert codes(validate_edit("%(num)d file", good, "zh-Hans", "%(num)d files")) == [
        "plural_forms"
    ]
    assert codes(validate_edit("%(num)d file", ["x"], "en", "%(num)d files")) == ["plural_forms"]
    assert codes(validate_edit("%(num)d file", "x", "en", "%(num)d files")) == ["plural_forms"]
    assert codes(validate_edit("Hi", ["x"], "en")) == ["not_plural"]


def test_catalog_plural_count_overrides_babel() -> None:
    assert validate_edit("One", ["一"], "pt-BR", "Many", num_plurals=1) == []


def test_partially_empty_plural_is_an_error() -> None:
    found = validate_edit("%(num)d file", ["%(num)d file", ""], "en", "%(num)d files")
    assert [(p.code, p.form) for p in found] == [("plural_incomplete", 1)]


def test_plural_form_may_match_singular_or_plural_msgid() -> None:
    forms = ["Um arquivo", "%(num)d", "%(num)d arquivos"]
    assert validate_edit("One file", forms, "pt-BR", "%(num)d files") == []
    found = validate_edit("One file", ["%(n)d", "%(num)d", "%(num)d %s"], "pt-BR", "%(num)d files")
    assert [(p.code, p.form) for p in found] == [("placeholders", 0), ("placeholders", 2)]


def test_problem_to_dict() -> None:
    (problem,) = validate_edit(" x", "x", "en")
    assert problem.to_dict() == {
        "code": "leading_whitespace",
        "message": problem.message,
        "form": None,
    }
