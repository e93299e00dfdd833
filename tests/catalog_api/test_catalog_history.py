"""Edit history in the database and reverting a change over HTTP."""

from __future__ import annotations

from datetime import datetime

PUT = "/api/v1/catalogs/zh-Hans/entries"
HISTORY = "/api/v1/catalogs/zh-Hans/history"


def _put(client, headers, etag_of, msgid: str, msgstr: str, msgctxt: str | None = None):
    edit = {"msgid": msgid, "msgctxt": msgctxt, "msgstr": msgstr}
    response = client.put(PUT, json=edit, headers={**headers, "If-Match": etag_of("zh-Hans")})
    assert response.status_code == 200, response.get_json()
    return response


def test_every_write_is_recorded_newest_first(client, ana, ben, etag_of) -> None:
    first = _put(client, ana, etag_of, "Hello", "您好")
    _put(client, ben, etag_of, "Open", "打开…", "menu")

    rows = client.get(HISTORY, headers=ana).get_json()["history"]

    assert [(r["author"], r["msgid"], r["msgctxt"]) for r in rows] == [
        ("ben", "Open", "menu"),
        ("ana", "Hello", None),
    ]
    hello = rows[1]
    assert (hello["old"], hello["new"], hello["action"]) == ("你好", "您好", "edit")
    assert hello["revision"] == first.get_json()["etag"].strip('"')
    assert datetime.fromisoformat(hello["created_at"]).tzinfo is not None


def test_history_of_one_entry_and_pages(client, ana, etag_of) -> None:
    for text in ("一", "二", "三"):
        _put(client, ana, etag_of, "Open", text, "status")
    _put(client, ana, etag_of, "Open", "开", "menu")

    status = client.get(HISTORY + "?msgid=Open&msgctxt=status", headers=ana).get_json()
    page = client.get(HISTORY + "?limit=2", headers=ana).get_json()
    rest = client.get(f"{HISTORY}?limit=2&before={page['next_before']}", headers=ana).get_json()

    assert [r["new"] for r in status["history"]] == ["三", "二", "一"]
    assert [r["new"] for r in page["history"] + rest["history"]] == ["开", "三", "二", "一"]
    assert client.get(HISTORY + "?limit=zero", headers=ana).status_code == 400
    assert client.get("/api/v1/catalogs/ja/history", headers=ana).status_code == 404


def test_revert_puts_the_old_value_back_and_is_recorded(client, ana, ben, etag_of, entry_of):
    _put(client, ana, etag_of, "Hello", "您好")
    row = client.get(HISTORY, headers=ana).get_json()["history"][0]

    response = client.post(f"{HISTORY}/{row['id']}/revert", headers=ben)

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["etag"] == etag_of("zh-Hans")
    assert entry_of("zh-Hans", "Hello")["msgstr"] == "你好"
    newest = client.get(HISTORY, headers=ana).get_json()["history"][0]
    assert (newest["action"], newest["reverts"], newest["author"]) == ("revert", row["id"], "ben")
    assert (newest["old"], newest["new"]) == ("您好", "你好")
    again = client.post(f"{HISTORY}/{row['id']}/revert", headers=ben)
    assert again.status_code == 200 and again.get_json()["changed"] == []


def test_revert_refuses_to_overwrite_a_later_change(client, ana, ben, etag_of, entry_of) -> None:
    _put(client, ana, etag_of, "Hello", "您好")
    row = client.get(HISTORY, headers=ana).get_json()["history"][0]
    _put(client, ben, etag_of, "Hello", "哈喽")

    response = client.post(f"{HISTORY}/{row['id']}/revert", headers=ana)

    assert response.status_code == 409
    assert response.get_json()["entry"]["msgstr"] == "哈喽"
    assert entry_of("zh-Hans", "Hello")["msgstr"] == "哈喽"


def test_revert_of_unknown_rows_is_404(client, ana, etag_of) -> None:
    _put(client, ana, etag_of, "Hello", "您好")
    row = client.get(HISTORY, headers=ana).get_json()["history"][0]

    assert client.post(f"{HISTORY}/9999/revert", headers=ana).status_code == 404
    other_locale = f"/api/v1/catalogs/zh-Hant/history/{row['id']}/revert"
    assert client.post(other_locale, headers=ana).status_code == 404
