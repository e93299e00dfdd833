"""A stale If-Match conflicts only when one of the request's own entries changed meanwhile."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from babel.messages.catalog import Catalog

from service.catalogs import Edit, StaleRevision
from service.catalogs.codec import dump_po, parse_po
from service.catalogs.history import CatalogHistory
from service.catalogs.locales import catalog_path

THREADS, WRITES = 16, 200
URL = "/api/v1/catalogs/{}/entries"


def _big_catalog(locales_dir) -> None:
    catalog = Catalog(locale="de", project="Mixlate", version="0.1", fuzzy=False)
    for number in range(WRITES):
        catalog.add(f"String number {number}", "")
    path = catalog_path(locales_dir, "de")
    path.parent.mkdir(parents=True)
    path.write_bytes(dump_po(catalog))


def test_parallel_edits_of_distinct_entries_never_conflict(app, ana, locales_dir, stored) -> None:
    _big_catalog(locales_dir)
    first = app.test_client().get("/api/v1/catalogs/de").headers["ETag"]

    def writer(start: int) -> list[int]:
        client, etag, statuses = app.test_client(), first, []
        for number in range(start, WRITES, THREADS):
            edit = {"msgid": f"String number {number}", "msgstr": f"Zeichenkette {number}"}
            response = client.put(URL.format("de"), json=edit, headers={**ana, "If-Match": etag})
            statuses.append(response.status_code)
            etag = response.headers.get("ETag", etag)
        return statuses

    with ThreadPoolExecutor(THREADS) as pool:
        statuses = [status for found in pool.map(writer, range(THREADS)) for status in found]

    assert statuses.count(200) == WRITES, sorted(set(statuses))
    catalog = parse_po(stored("de"))
    assert all(
        catalog.get(f"String number {n}").string == f"Zeichenkette {n}" for n in range(WRITES)
    )
    history = app.test_client().get("/api/v1/catalogs/de/history?limit=200", headers=ana)
    assert len(history.get_json()["history"]) == WRITES

    stale = {"msgid": "String number 7", "msgstr": "Neu"}
    response = app.test_client().put(
        URL.format("de"), json=stale, headers={**ana, "If-Match": first}
    )
    assert response.status_code == 412
    assert response.get_json()["changed"] == [{"msgid": "String number 7", "msgctxt": None}]
    assert response.get_json()["entries"][0]["msgstr"] == "Zeichenkette 7"


def test_another_process_tells_stale_from_conflicting_by_the_history(
    client, ana, etag_of, runtime, other_catalogs
) -> None:
    seen = etag_of("zh-Hans")
    saved = client.put(
        URL.format("zh-Hans"),
        json={"msgid": "Save", "msgstr": "存储"},
        headers={**ana, "If-Match": seen},
    )
    assert saved.status_code == 200

    other = CatalogHistory(runtime.database, other_catalogs())
    result = other.apply_edits("zh-Hans", [Edit("Hello", "您好")], seen.strip('"'), "ben")
    assert result.revision == etag_of("zh-Hans").strip('"') and result.changes

    third = CatalogHistory(runtime.database, other_catalogs())
    with pytest.raises(StaleRevision) as caught:
        third.apply_edits("zh-Hans", [Edit("Save", "保存!"), Edit("Delete", "删")], seen[1:-1], "c")
    assert caught.value.changed == [("Save", None)]


def test_a_write_outside_the_history_makes_old_revisions_unverifiable(
    client, ana, etag_of, runtime, other_catalogs
) -> None:
    saved = client.put(
        URL.format("zh-Hans"),
        json={"msgid": "Save", "msgstr": "存储"},
        headers={**ana, "If-Match": etag_of("zh-Hans")},
    )
    seen = saved.headers["ETag"].strip('"')
    other_catalogs().apply_edits("zh-Hans", [Edit("Hello", "您好")], None, "hand")

    other = CatalogHistory(runtime.database, other_catalogs())
    with pytest.raises(StaleRevision) as caught:
        other.apply_edits("zh-Hans", [Edit("Delete", "删")], seen, "ben")
    assert caught.value.changed == [("Delete", None)]
    assert other.apply_edits("zh-Hans", [Edit("Delete", "删", base="删除")], seen, "ben").changes
