"""Export and import of catalogs: PO, MO and XLIFF 1.2."""

from __future__ import annotations

import gettext
import io

import pytest

from service.catalogs import InvalidEdits, InvalidImport, UnknownEntry, UnsupportedFormat
from service.catalogs.locales import catalog_path


def test_export_po_is_the_file(file_repo) -> None:
    repo = file_repo
    assert repo.export("zh-Hans", "po") == catalog_path(repo.locales_dir, "zh-Hans").read_bytes()


def test_export_mo_serves_translations(repo) -> None:
    mo = gettext.GNUTranslations(io.BytesIO(repo.export("zh-Hans", "mo")))
    assert mo.gettext("Save") == "保存"
    assert mo.pgettext("status", "Open") == "未解决"
    assert mo.gettext("Delete") == "Delete"
    assert mo.ngettext("%(num)d file", "%(num)d files", 4) == "%(num)d 个文件"


def test_unsupported_formats(repo) -> None:
    with pytest.raises(UnsupportedFormat):
        repo.export("zh-Hans", "csv")
    with pytest.raises(UnsupportedFormat):
        repo.import_("zh-Hans", b"", "mo", author="a")


def test_xliff_export_structure(repo) -> None:
    data = repo.export("zh-Hans", "xliff")
    assert data.startswith(b"<?xml") and b'target-language="zh-Hans"' in data
    assert b'restype="x-gettext-plurals"' in data
    assert b'context-type="x-gettext-msgctxt">status<' in data
    assert b'state="needs-review-translation">\xe5\x88\xa0\xe9\x99\xa4<' in data
    assert b"&lt;a href=" in data


def test_xliff_round_trip_into_another_catalog(repo) -> None:
    exported = repo.export("zh-Hans", "xliff")
    edited = exported.replace("未解决".encode(), "待处理".encode())
    result = repo.import_("zh-Hans", edited, "xliff", author="tool")
    assert [(c.msgid, c.msgctxt, c.new) for c in result.changes] == [("Open", "status", "待处理")]
    assert repo.import_("zh-Hans", edited, "xliff", author="tool").changes == []
    assert repo.load("zh-Hans").get("Delete").fuzzy

    retargeted = exported.replace(b'target-language="zh-Hans"', b'target-language="zh-Hant"')
    result = repo.import_("zh-Hant", retargeted, "xliff", author="tool")
    catalog = repo.load("zh-Hant")
    assert catalog.get("Open", context="status").string == "未解决"
    assert catalog.get("Save").string == "保存"
    assert catalog.get("Delete").fuzzy
    assert catalog.get("%(num)d file").string == ("%(num)d 个文件",)
    assert catalog.get("Line one\nLine two").string == ""


def test_xliff_for_another_language_is_refused(repo) -> None:
    with pytest.raises(InvalidImport):
        repo.import_("zh-Hant", repo.export("zh-Hans", "xliff"), "xliff", author="a")


@pytest.mark.parametrize(
    "payload",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><xliff>&lol;</xliff>',
        b'<!DOCTYPE x SYSTEM "file:///etc/passwd"><xliff version="1.2"/>',
        "<?xml version='1.0' encoding='utf-16'?><!DOCTYPE a [<!ENTITY e 'x'>]><xliff/>".encode(
            "utf-16"
        ),
        b"<xliff><file>",
        b"<html/>",
    ],
)
def test_hostile_or_broken_xliff_is_refused(repo, payload: bytes) -> None:
    with pytest.raises(InvalidImport):
        repo.import_("zh-Hans", payload, "xliff", author="a")


def test_xliff_import_validates_like_edits(repo) -> None:
    data = repo.export("zh-Hans", "xliff").replace("欢迎，%(name)s！".encode(), "欢迎！".encode())
    before = repo.revision("zh-Hans")
    with pytest.raises(InvalidEdits):
        repo.import_("zh-Hans", data, "xliff", author="a")
    assert repo.revision("zh-Hans") == before


def test_po_import_merges_translations(repo) -> None:
    upload = repo.export("zh-Hant", "po").replace("儲存".encode(), "存檔".encode())
    result = repo.import_("zh-Hant", upload, "po", author="a")
    assert [(c.msgid, c.old, c.new) for c in result.changes] == [("Save", "儲存", "存檔")]
    with pytest.raises(InvalidImport):
        repo.import_("zh-Hans", upload, "po", author="a")
    with pytest.raises(InvalidImport):
        repo.import_("zh-Hant", b"this is not gettext\n", "po", author="a")


def test_po_import_of_unknown_entries_writes_nothing(repo) -> None:
    upload = repo.export("zh-Hant", "po") + 'msgid "Ghost"\nmsgstr "鬼"\n'.encode()
    before = repo.revision("zh-Hant")
    with pytest.raises(UnknownEntry):
        repo.import_("zh-Hant", upload, "po", author="a")
    assert repo.revision("zh-Hant") == before
