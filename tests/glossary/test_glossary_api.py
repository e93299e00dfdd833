"""``/api/v1/glossary``: reads for anyone, writes for localizers, CSV and TBX round trips."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tests.glossary.conftest import Headers, name_entries

ENTRY = {
    "source": "zh-Hans",
    "term": "李在明",
    "target": "en",
    "translation": "Lee Jae Myung",
    "case_sensitive": False,
    "whole_word": True,
    "do_not_translate": False,
    "note": "",
}


def test_create_read_update_delete(client: FlaskClient, localizer: Headers) -> None:
    created = client.post("/api/v1/glossary", json=ENTRY, headers=localizer)
    assert created.status_code == 201
    (entry_id,) = created.get_json()["ids"]
    assert client.get(f"/api/v1/glossary/{entry_id}").get_json() == {"id": entry_id, **ENTRY}
    changed = dict(ENTRY, translation="Lee Jae-myung")
    put = client.put(f"/api/v1/glossary/{entry_id}", json=changed, headers=localizer)
    assert put.status_code == 200 and put.get_json()["translation"] == "Lee Jae-myung"
    assert client.delete(f"/api/v1/glossary/{entry_id}", headers=localizer).status_code == 204
    assert client.get(f"/api/v1/glossary/{entry_id}").status_code == 404


def test_a_list_is_stored_whole_and_filtered(client: FlaskClient, localizer: Headers) -> None:
    created = client.post("/api/v1/glossary", json=name_entries(), headers=localizer)
    assert created.status_code == 201 and len(created.get_json()["ids"]) == 11
    body = client.get("/api/v1/glossary?source=zh&target=en").get_json()
    assert body["total"] == 5
    assert {e["term"] for e in body["entries"]} == {"李在明", "尹民浩", "平壤", "独岛", "魏圣洛"}
    found = client.get("/api/v1/glossary", query_string={"text": "pyong"}).get_json()
    assert {(e["source"], e["term"]) for e in found["entries"]} == {
        ("zh-Hans", "平壤"),
        ("en", "Pyongyang"),
    }


def test_do_not_translate_entries_have_no_translation(
    client: FlaskClient, localizer: Headers
) -> None:
    entry = {"source": "en", "term": "Mixlate", "target": "fr", "do_not_translate": True}
    (entry_id,) = client.post("/api/v1/glossary", json=entry, headers=localizer).get_json()["ids"]
    stored = client.get(f"/api/v1/glossary/{entry_id}").get_json()
    assert stored["do_not_translate"] is True and "translation" not in stored


def test_invalid_entries_are_refused_whole(client: FlaskClient, localizer: Headers) -> None:
    bad = [ENTRY, {"source": "xx-nope", "term": "", "target": "en"}, dict(ENTRY, extra=1)]
    response = client.post("/api/v1/glossary", json=bad, headers=localizer)
    assert response.status_code == 422
    assert [p["at"] for p in response.get_json()["entries"]] == ["[1]", "[2]"]
    assert client.get("/api/v1/glossary").get_json()["total"] == 0


def test_writes_need_a_localizer_or_admin(
    client: FlaskClient, token: Callable[[str, str], Headers]
) -> None:
    assert client.post("/api/v1/glossary", json=ENTRY).status_code == 401
    publisher = token("pat", "publisher")
    assert client.post("/api/v1/glossary", json=ENTRY, headers=publisher).status_code == 403
    admin = token("root", "admin")
    assert client.post("/api/v1/glossary", json=ENTRY, headers=admin).status_code == 201


def test_csv_and_tbx_round_trip(client: FlaskClient, localizer: Headers) -> None:
    entries = name_entries() + [
        {"source": "en", "term": "Mixlate", "target": "fr", "do_not_translate": True, "note": "n"}
    ]
    client.post("/api/v1/glossary", json=entries, headers=localizer)
    original = [
        {k: v for k, v in e.items() if k != "id"}
        for e in client.get("/api/v1/glossary").get_json()["entries"]
    ]
    for fmt, kind in (("csv", "text/csv"), ("tbx", "application/x-tbx+xml")):
        exported = client.get(f"/api/v1/glossary/export?format={fmt}")
        assert exported.status_code == 200 and exported.mimetype == kind
        for entry in client.get("/api/v1/glossary").get_json()["entries"]:
            client.delete(f"/api/v1/glossary/{entry['id']}", headers=localizer)
        imported = client.post(
            f"/api/v1/glossary/import?format={fmt}",
            data=exported.data,
            content_type=kind,
            headers=localizer,
        )
        assert imported.status_code == 201, imported.get_json()
        again = [
            {k: v for k, v in e.items() if k != "id"}
            for e in client.get("/api/v1/glossary").get_json()["entries"]
        ]
        assert again == original


def test_bad_files_are_422_and_import_nothing(client: FlaskClient, localizer: Headers) -> None:
    csv = "source,term,target,translation\nzh-Hans,平壤,en,Pyongyang\nzh-Hans,,en,x\n"
    tbx = '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY a "b">]><martif>&a;</martif>'
    for fmt, data in (("csv", csv), ("tbx", tbx), ("tbx", "<martif><text>")):
        response = client.post(
            f"/api/v1/glossary/import?format={fmt}",
            data=data.encode(),
            content_type="text/csv",
            headers=localizer,
        )
        assert response.status_code == 422, response.get_json()
    assert client.get("/api/v1/glossary").get_json()["total"] == 0
