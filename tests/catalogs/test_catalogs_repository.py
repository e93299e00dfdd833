"""CatalogRepository: reading, stats, entries, edits, atomic writes, template merges."""

from __future__ import annotations

import os
import re

import pytest

from service.catalogs import (
    Edit,
    InvalidEdits,
    StaleRevision,
    UnknownEntry,
    UnknownLocale,
)
from service.catalogs.codec import dump_po, parse_po
from service.catalogs.locales import catalog_path

LONG = (
    "Mixlate keeps your interface strings in gettext catalogs so that localizers can edit "
    "them while the service is running."
)


def po_bytes(repo, locale: str) -> bytes:
    return repo.export(locale, "po")


def test_locales_and_stats(repo) -> None:
    assert repo.locales() == ["en", "pt-BR", "zh-Hans", "zh-Hant"]
    stats = repo.stats()
    assert stats["zh-Hans"] == {
        "total": 11,
        "translated": 9,
        "fuzzy": 1,
        "untranslated": 1,
        "percent": 81.8,
    }
    assert stats["en"]["translated"] == 1
    assert stats["pt-BR"]["translated"] == 5


def test_untouched_catalogs_round_trip_byte_for_byte(repo) -> None:
    generated_by = re.compile(rb'"Generated-By: Babel [^"]*"')
    for locale in repo.locales():
        original = po_bytes(repo, locale)
        rewritten = dump_po(parse_po(original, locale.replace("-", "_")))
        assert generated_by.sub(b"", rewritten) == generated_by.sub(b"", original)
        assert dump_po(parse_po(rewritten)) == rewritten


def test_load_is_cached_per_revision(repo) -> None:
    assert repo.load("zh-Hans") is repo.load("zh_Hans")
    assert repo.load("zh-Hans").get("Save").string == "保存"
    with pytest.raises(UnknownLocale):
        repo.load("ja")
    with pytest.raises(UnknownLocale):
        repo.revision("../../etc")


def test_entries_shape(repo) -> None:
    entries = {(e["msgid"], e["msgctxt"]): e for e in repo.entries("zh-Hans")}
    save = entries[("Save", None)]
    assert save["msgstr"] == "保存" and save["msgstr_plural"] is None
    assert save["translator_comments"] == ["Keep it short"]
    assert save["locations"] == ["templates/edit.html:10"]
    assert save["state"] == "translated" and save["problems"] == []
    plural = entries[("%(num)d file", None)]
    assert plural["msgid_plural"] == "%(num)d files"
    assert plural["msgstr_plural"] == ["%(num)d 个文件"] and plural["msgstr"] is None
    assert "python-format" in plural["flags"]
    assert entries[("Open", "status")]["auto_comments"] == ["Ticket status"]
    assert entries[("Delete", None)]["state"] == "fuzzy"
    assert ("Cancel", None) not in entries


def test_entries_filters(repo) -> None:
    assert [e["msgid"] for e in repo.entries("zh-Hans", state="fuzzy")] == ["Delete"]
    assert [e["msgid"] for e in repo.entries("zh-Hans", state="untranslated")] == [
        "Line one\nLine two"
    ]
    assert [e["msgctxt"] for e in repo.entries("zh-Hans", q="open")] == ["menu", "status"]
    assert [e["msgid"] for e in repo.entries("zh-Hans", q="文档")] == [
        'Read the <a href="%(url)s">documentation</a>.'
    ]
    assert [e["msgctxt"] for e in repo.entries("zh-Hans", q="MENU")] == ["menu"]
    with pytest.raises(ValueError):
        repo.entries("zh-Hans", state="done")


def test_entries_report_problems_of_stored_translations(locales_dir, file_repo) -> None:
    repo = file_repo
    path = catalog_path(locales_dir, "zh-Hans")
    path.write_bytes(
        po_bytes(repo, "zh-Hans").replace("欢迎，%(name)s！".encode(), "欢迎".encode())
    )
    (entry,) = repo.entries("zh-Hans", q="welcome")
    assert [p["code"] for p in entry["problems"]] == ["placeholders"]


def test_apply_edits_success(repo, assert_mo_matches_po) -> None:
    before = repo.revision("zh-Hans")
    result = repo.apply_edits(
        "zh-Hans",
        [
            Edit("Line one\nLine two", "第一行\n第二行"),
            Edit("Open", "待处理", msgctxt="status", fuzzy=True),
            Edit("Delete", "删除"),
            Edit("%(num)d file", ["共 %(num)d 个文件"]),
            Edit("Save", "保存"),
        ],
        if_match=before,
        author="Wang\nLast-Translator: evil",
    )
    assert result.revision == repo.revision("zh-Hans") != before
    assert {(c.msgid, c.msgctxt): (c.old, c.new, c.fuzzy) for c in result.changes} == {
        ("Line one\nLine two", None): ("", "第一行\n第二行", False),
        ("Open", "status"): ("未解决", "待处理", True),
        ("Delete", None): ("删除", "删除", False),
        ("%(num)d file", None): (["%(num)d 个文件"], ["共 %(num)d 个文件"], False),
    }
    catalog = repo.load("zh-Hans")
    assert catalog.get("Line one\nLine two").string == "第一行\n第二行"
    assert catalog.get("Open", context="status").fuzzy
    assert not catalog.get("Delete").fuzzy
    assert catalog.last_translator == "Wang Last-Translator: evil"
    assert catalog.obsolete and catalog.get("Save").user_comments == ["Keep it short"]
    assert repo.gettext("zh-Hans", "Delete") == "删除"
    assert_mo_matches_po(repo, "zh-Hans")


def test_plural_and_context_edits_in_a_three_form_locale(repo, assert_mo_matches_po) -> None:
    forms = ["%(num)d arquivo", "%(num)d de arquivos", "%(num)d arquivos!"]
    repo.apply_edits(
        "pt-BR",
        [Edit("%(num)d file", forms), Edit("Open", "Aberta", msgctxt="status")],
        repo.revision("pt-BR"),
        "a",
    )
    catalog = repo.load("pt-BR")
    assert catalog.get("%(num)d file").string == tuple(forms)
    assert catalog.get("Open", context="status").string == "Aberta"
    assert catalog.get("Open", context="menu").string == "Abrir"
    assert repo.ngettext("pt-BR", "%(num)d file", "%(num)d files", 2) == "2 arquivos!"
    assert_mo_matches_po(repo, "pt-BR")
    with pytest.raises(InvalidEdits):
        repo.apply_edits("pt-BR", [Edit("%(num)d file", forms[:2])], None, "a")


def test_noop_edit_writes_nothing(repo) -> None:
    before, data = repo.revision("zh-Hans"), po_bytes(repo, "zh-Hans")
    result = repo.apply_edits("zh-Hans", [Edit("Save", "保存")], if_match=before, author="a")
    assert result.revision == before and result.changes == []
    assert po_bytes(repo, "zh-Hans") == data


def test_stale_revision_reports_changed_entries(repo) -> None:
    seen = repo.revision("zh-Hans")
    repo.load("zh-Hans")
    repo.apply_edits("zh-Hans", [Edit("Save", "存储")], if_match=seen, author="a")
    data = po_bytes(repo, "zh-Hans")
    with pytest.raises(StaleRevision) as caught:
        repo.apply_edits(
            "zh-Hans", [Edit("Save", "保存!"), Edit("Hello", "您好")], if_match=seen, author="b"
        )
    assert caught.value.revision == repo.revision("zh-Hans")
    assert caught.value.changed == [("Save", None)]
    assert caught.value.current[("Save", None)]["msgstr"] == "存储"
    assert caught.value.current[("Hello", None)]["msgstr"] == "你好"
    assert po_bytes(repo, "zh-Hans") == data


def test_stale_revision_uses_base_values_when_revision_unknown(make_repo, repo) -> None:
    other = make_repo()
    seen = other.revision("zh-Hans")
    repo.apply_edits("zh-Hans", [Edit("Save", "存储")], if_match=None, author="a")
    with pytest.raises(StaleRevision) as caught:
        repo.apply_edits(
            "zh-Hans",
            [
                Edit("Hello", "您好", base="你好"),
                Edit("Save", "x", base="保存"),
                Edit("Delete", "y"),
            ],
            if_match=seen,
            author="b",
        )
    assert caught.value.changed == [("Save", None), ("Delete", None)]


def test_unknown_entry_writes_nothing(repo) -> None:
    data = po_bytes(repo, "zh-Hans")
    with pytest.raises(UnknownEntry) as caught:
        repo.apply_edits(
            "zh-Hans",
            [Edit("Save", "存储"), Edit("Open", "打开"), Edit("Nope", "不")],
            if_match=None,
            author="a",
        )
    assert caught.value.keys == [("Open", None), ("Nope", None)]
    assert po_bytes(repo, "zh-Hans") == data


def test_invalid_edits_write_nothing(repo) -> None:
    data = po_bytes(repo, "zh-Hans")
    with pytest.raises(InvalidEdits) as caught:
        repo.apply_edits(
            "zh-Hans",
            [
                Edit("Save", "存储"),
                Edit("Welcome, %(name)s!", "欢迎！"),
                Edit("%(num)d file", ["一个", "多个"]),
                Edit("Hello", ["你好"]),
                Edit("Delete", "删"),
                Edit("Delete", "删除"),
            ],
            if_match=repo.revision("zh-Hans"),
            author="a",
        )
    problems = {key: [p.code for p in found] for key, found in caught.value.problems.items()}
    assert problems == {
        ("Welcome, %(name)s!", None): ["placeholders"],
        ("%(num)d file", None): ["plural_forms"],
        ("Hello", None): ["not_plural"],
        ("Delete", None): ["duplicate"],
    }
    assert po_bytes(repo, "zh-Hans") == data


def test_edit_from_dict() -> None:
    edit = Edit.from_dict({"msgid": "Open", "msgctxt": "menu", "msgstr": ["a"], "fuzzy": 1})
    assert edit == Edit("Open", ["a"], "menu", fuzzy=True)
    with pytest.raises(ValueError):
        Edit.from_dict({"msgid": "Open", "msgstr": 3})
    with pytest.raises(ValueError):
        Edit.from_dict({"msgstr": "x"})


def test_crash_before_rename_leaves_old_file_and_no_temp(
    locales_dir, file_repo, monkeypatch
) -> None:
    repo = file_repo
    data, revision = po_bytes(repo, "zh-Hans"), repo.revision("zh-Hans")

    def crash(src: str, dst: str) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk gone"):
        repo.apply_edits("zh-Hans", [Edit("Save", "存储")], if_match=None, author="a")
    monkeypatch.undo()
    directory = catalog_path(locales_dir, "zh-Hans").parent
    assert sorted(p.name for p in directory.iterdir()) == ["messages.po"]
    assert po_bytes(repo, "zh-Hans") == data and repo.revision("zh-Hans") == revision
    assert repo.load("zh-Hans").get("Save").string == "保存"


def test_written_file_keeps_permissions(locales_dir, file_repo) -> None:
    repo = file_repo
    path = catalog_path(locales_dir, "zh-Hans")
    path.chmod(0o664)
    repo.apply_edits("zh-Hans", [Edit("Save", "存储")], if_match=None, author="a")
    assert path.stat().st_mode & 0o777 == 0o664


def test_gettext_and_ngettext(repo) -> None:
    assert repo.gettext("zh-Hans", "Save") == "保存"
    assert repo.gettext("zh-Hans", "Open", context="menu") == "打开"
    assert repo.gettext("zh-Hans", "Welcome, %(name)s!", name="Ana") == "欢迎，Ana！"
    assert repo.gettext("zh-Hans", "Delete") == "Delete"
    assert repo.gettext("zh-Hans", "Missing") == "Missing"
    assert repo.gettext("ja", "Save") == "Save"
    assert repo.ngettext("zh-Hans", "%(num)d file", "%(num)d files", 3) == "3 个文件"
    assert repo.ngettext("pt-BR", "%(num)d file", "%(num)d files", 1) == "1 arquivo"
    assert repo.ngettext("pt-BR", "%(num)d file", "%(num)d files", 7) == "7 arquivos"
    assert repo.ngettext("en", "%(num)d file", "%(num)d files", 1) == "1 file"
    assert repo.ngettext("en", "%(num)d file", "%(num)d files", 2) == "2 files"
