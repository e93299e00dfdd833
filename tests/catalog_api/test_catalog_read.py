"""Reading catalogs over HTTP: progress, entries with ETags and filters, export, the docs."""

from __future__ import annotations

import gettext
import io

from service.catalogs.locales import catalog_path
from service.http.openapi import build_document, undocumented_routes


def test_progress_of_every_locale(client, runtime) -> None:
    response = client.get("/api/v1/catalogs")

    assert response.status_code == 200
    body = response.get_json()
    assert body["source_locale"] == "en"
    by_tag = {item["locale"]: item for item in body["locales"]}
    assert set(by_tag) == {"en", "pt-BR", "zh-Hans", "zh-Hant"}
    expected = runtime.catalogs.stats()["zh-Hans"]
    assert {k: by_tag["zh-Hans"][k] for k in expected} == expected
    assert by_tag["zh-Hans"]["total"] == 11
    assert 0 < by_tag["zh-Hans"]["percent"] < 100


def test_entries_carry_a_quoted_etag_and_every_field(client, runtime) -> None:
    response = client.get("/api/v1/catalogs/zh-Hans")

    assert response.status_code == 200
    body = response.get_json()
    assert response.headers["ETag"] == f'"{runtime.catalogs.revision("zh-Hans")}"'
    assert body["etag"] == response.headers["ETag"]
    assert body["plural_forms"] == 1
    menu = next(e for e in body["entries"] if e["msgctxt"] == "menu")
    assert menu["msgid"] == "Open" and menu["msgstr"] == "打开"
    assert menu["auto_comments"] == ["File menu item"]
    assert menu["locations"] == ["templates/nav.html:4"]
    plural = next(e for e in body["entries"] if e["msgid_plural"])
    assert plural["msgstr"] is None and plural["msgstr_plural"] == ["%(num)d 个文件"]
    assert "python-format" in plural["flags"]


def test_entries_filtered_by_state_and_text(client) -> None:
    fuzzy = client.get("/api/v1/catalogs/zh-Hans?state=fuzzy").get_json()["entries"]
    found = client.get("/api/v1/catalogs/zh-Hans?q=FILE").get_json()["entries"]
    by_translation = client.get("/api/v1/catalogs/zh-Hans?q=未解决").get_json()["entries"]
    both = client.get("/api/v1/catalogs/zh-Hans?state=translated&q=open").get_json()["entries"]

    assert [e["msgid"] for e in fuzzy] == ["Delete"]
    assert [e["msgid"] for e in found] == ["%(num)d file"]
    assert [e["msgctxt"] for e in by_translation] == ["status"]
    assert sorted(e["msgctxt"] for e in both) == ["menu", "status"]


def test_bad_reads_are_json_4xx(client) -> None:
    assert client.get("/api/v1/catalogs/zh-Hans?state=done").status_code == 400
    assert client.get("/api/v1/catalogs/zh-Hans?q=" + "x" * 600).status_code == 400
    for locale in ("ja", "xx-Nope", "..", "zh_Hans%2F..%2F.."):
        response = client.get(f"/api/v1/catalogs/{locale}")
        assert response.status_code == 404, locale
        assert "error" in response.get_json()


def test_export_po_mo_and_xliff(client, locales_dir) -> None:
    po = client.get("/api/v1/catalogs/zh-Hans/export")
    mo = client.get("/api/v1/catalogs/zh-Hans/export?format=mo")
    xliff = client.get("/api/v1/catalogs/zh-Hans/export?format=xliff")

    assert po.status_code == mo.status_code == xliff.status_code == 200
    assert po.data == catalog_path(locales_dir, "zh-Hans").read_bytes()
    assert po.headers["ETag"] == client.get("/api/v1/catalogs/zh-Hans").headers["ETag"]
    assert 'filename="zh_Hans.po"' in po.headers["Content-Disposition"]
    assert gettext.GNUTranslations(io.BytesIO(mo.data)).pgettext("menu", "Open") == "打开"
    assert b"<source>Hello</source>" in xliff.data and xliff.mimetype == "application/x-xliff+xml"
    assert client.get("/api/v1/catalogs/zh-Hans/export?format=csv").status_code == 400
    assert client.get("/api/v1/catalogs/ja/export").status_code == 404


def test_every_catalog_route_is_documented(app) -> None:
    assert undocumented_routes(app) == []
    paths = build_document(app, "test")["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/catalogs"])
    assert "put" in paths["/api/v1/catalogs/{locale}/entries"]
    put = paths["/api/v1/catalogs/{locale}/entries"]["put"]
    assert {"412", "428", "422", "404", "401", "403"} <= set(put["responses"])
    assert "/api/v1/catalogs/{locale}/history/{entry_id}/revert" in paths
    assert "/localize" in paths
