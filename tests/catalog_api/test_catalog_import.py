"""Importing PO and XLIFF files over HTTP: merged like edits, with the same checks."""

from __future__ import annotations

import io

from babel.messages.pofile import write_po

from service.catalogs.codec import parse_po
from service.catalogs.locales import catalog_path

IMPORT = "/api/v1/catalogs/zh-Hans/import"


def _exported_po(client, changes: dict[str, str]) -> bytes:
    catalog = parse_po(client.get("/api/v1/catalogs/zh-Hans/export").data)
    for msgid, msgstr in changes.items():
        catalog[msgid].string = msgstr
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    return buffer.getvalue()


def test_import_po_merges_translations(client, ana, etag_of, entry_of) -> None:
    data = _exported_po(client, {"Hello": "您好", "Line one\nLine two": "一\n二"})

    response = client.post(
        IMPORT,
        data=data,
        content_type="text/x-gettext-translation",
        headers={**ana, "If-Match": etag_of("zh-Hans")},
    )

    assert response.status_code == 200, response.get_json()
    changed = {c["msgid"]: c["new"] for c in response.get_json()["changed"]}
    assert changed == {"Hello": "您好", "Line one\nLine two": "一\n二"}
    assert response.get_json()["etag"] == etag_of("zh-Hans")
    assert entry_of("zh-Hans", "Hello")["msgstr"] == "您好"


def test_import_xliff_as_a_file_upload(client, ana, etag_of, entry_of) -> None:
    xliff = client.get("/api/v1/catalogs/zh-Hans/export?format=xliff").data
    xliff = xliff.replace(">你好</target>".encode(), ">哈啰</target>".encode())

    response = client.post(
        IMPORT,
        data={"file": (io.BytesIO(xliff), "zh_Hans.xlf")},
        content_type="multipart/form-data",
        headers={**ana, "If-Match": etag_of("zh-Hans")},
    )

    assert response.status_code == 200, response.get_json()
    assert entry_of("zh-Hans", "Hello")["msgstr"] == "哈啰"


def test_invalid_imports_write_nothing(client, ana, etag_of, locales_dir) -> None:
    before = catalog_path(locales_dir, "zh-Hans").read_bytes()
    headers = {**ana, "If-Match": etag_of("zh-Hans")}
    bad_placeholder = _exported_po(client, {"Welcome, %(name)s!": "欢迎！"})
    unknown = b'msgid "Not in the catalog"\nmsgstr "x"\n'
    other_language = b'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "Hello"\nmsgstr "Salut"\n'

    invalid = client.post(IMPORT, data=bad_placeholder, headers=headers)
    missing = client.post(IMPORT + "?format=po", data=unknown, headers=headers)
    garbage = client.post(IMPORT + "?format=po", data=b"this is not gettext\n", headers=headers)
    wrong = client.post(IMPORT + "?format=po", data=other_language, headers=headers)
    dtd = client.post(IMPORT, data=b'<!DOCTYPE x [<!ENTITY a "b">]><xliff/>', headers=headers)
    fmt = client.post(IMPORT + "?format=csv", data=b"a,b", headers=headers)
    empty = client.post(IMPORT, data=b"", headers=headers)
    too_big = client.post(IMPORT, data=b"#" * (1024 * 1024 + 1), headers=headers)
    stale = client.post(IMPORT, data=unknown, headers={**ana, "If-Match": '"0"'})
    no_etag = client.post(IMPORT, data=unknown, headers=ana)

    assert invalid.status_code == 422
    assert invalid.get_json()["entries"][0]["problems"][0]["code"] == "placeholders"
    assert missing.status_code == 404
    assert garbage.status_code == wrong.status_code == dtd.status_code == 422
    assert fmt.status_code == empty.status_code == 400
    assert too_big.status_code == 413
    assert stale.status_code == 412
    assert no_etag.status_code == 428
    assert catalog_path(locales_dir, "zh-Hans").read_bytes() == before
