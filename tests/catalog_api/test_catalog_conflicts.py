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


def _flag_save_fuzzy(client, ben, etag_of) -> None:
    """Ben marks Save for review, keeping its translation: only the fuzzy flag changes."""
    edit = {"msgid": "Save", "msgstr": "保存", "fuzzy": True}
    flagged = client.put(
        URL.format("zh-Hans"), json=edit, headers={**ben, "If-Match": etag_of("zh-Hans")}
    )
    assert flagged.status_code == 200 and flagged.get_json()["changed"], flagged.get_json()


@pytest.mark.parametrize(
    "seen_as",
    [{}, {"base": "保存"}, {"base": "保存", "base_fuzzy": False}],
    ids=["nothing", "base", "base-and-flag"],
)
def test_a_change_of_only_the_fuzzy_flag_is_a_conflict(
    client, ana, ben, etag_of, entry_of, seen_as
) -> None:
    seen = etag_of("zh-Hans")
    _flag_save_fuzzy(client, ben, etag_of)

    stale = {"msgid": "Save", "msgstr": "存储", **seen_as}
    response = client.put(URL.format("zh-Hans"), json=stale, headers={**ana, "If-Match": seen})

    assert response.status_code == 412, response.get_json()
    assert response.get_json()["changed"] == [{"msgid": "Save", "msgctxt": None}]
    assert entry_of("zh-Hans", "Save")["state"] == "fuzzy", "the flag was not overwritten"
    other = {"msgid": "Delete", "msgstr": "删"}
    applied = client.put(URL.format("zh-Hans"), json=other, headers={**ana, "If-Match": seen})
    assert applied.status_code == 200, "an entry nobody touched is still applied"


def test_another_process_sees_a_fuzzy_flag_change_in_the_history(
    client, ben, etag_of, runtime, other_catalogs
) -> None:
    seen = etag_of("zh-Hans").strip('"')
    _flag_save_fuzzy(client, ben, etag_of)

    other = CatalogHistory(runtime.database, other_catalogs())  # never parsed ``seen``
    with pytest.raises(StaleRevision) as caught:
        other.apply_edits("zh-Hans", [Edit("Save", "存储"), Edit("Delete", "删")], seen, "ana")
    assert caught.value.changed == [("Save", None)]
    assert other.apply_edits("zh-Hans", [Edit("Delete", "删")], seen, "ana").changes
