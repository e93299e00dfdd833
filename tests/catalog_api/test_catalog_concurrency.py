"""Localizers racing over HTTP, and a writer killed between the temporary file and the rename."""

from __future__ import annotations

import gettext
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from service.catalogs.codec import dump_mo, dump_po, parse_po
from service.catalogs.locales import catalog_path

THREADS, WRITES = 8, 200
ROOT = Path(__file__).resolve().parents[2]


def test_same_entry_same_etag_one_wins_the_other_gets_412(client, ana, ben, etag_of) -> None:
    seen = etag_of("zh-Hans")
    url = "/api/v1/catalogs/zh-Hans/entries"

    def put(who: dict, text: str):
        edit = {"msgid": "Save", "msgstr": text, "base": "保存"}
        return client.application.test_client().put(
            url, json=edit, headers={**who, "If-Match": seen}
        )

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(put, [ana, ben], ["储存", "存盘"]))

    statuses = sorted(r.status_code for r in results)
    assert statuses == [200, 412]
    winner = next(r for r in results if r.status_code == 200)
    loser = next(r for r in results if r.status_code == 412).get_json()
    won_text = winner.get_json()["changed"][0]["new"]
    assert loser["changed"] == [{"msgid": "Save", "msgctxt": None}]
    assert loser["entries"][0]["msgstr"] == won_text
    assert loser["etag"] == winner.get_json()["etag"] == etag_of("zh-Hans")
    entries = client.get("/api/v1/catalogs/zh-Hans?q=Save").get_json()["entries"]
    assert entries[0]["msgstr"] == won_text


def _big_catalog(locales_dir: Path) -> None:
    catalog = Catalog(locale="de", project="Mixlate", version="0.1", fuzzy=False)
    for number in range(WRITES):
        catalog.add(f"String number {number}", "")
    path = catalog_path(locales_dir, "de")
    path.parent.mkdir(parents=True)
    path.write_bytes(dump_po(catalog))


def test_parallel_writes_to_different_entries_all_land(app, ana, locales_dir, stored) -> None:
    _big_catalog(locales_dir)
    url = "/api/v1/catalogs/de/entries"
    first = app.test_client().get("/api/v1/catalogs/de").headers["ETag"]

    def writer(start: int) -> int:
        client, etag, retries = app.test_client(), first, 0
        for number in range(start, WRITES, THREADS):
            edit = {"msgid": f"String number {number}", "msgstr": f"Zeichenkette {number}"}
            while True:
                response = client.put(url, json=edit, headers={**ana, "If-Match": etag})
                etag = response.get_json()["etag"]
                if response.status_code == 200:
                    break
                assert response.status_code == 412
                assert all(entry["msgstr"] == "" for entry in response.get_json()["entries"])
                retries += 1
        return retries

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(writer, range(THREADS)))

    catalog = parse_po(stored("de"))
    assert all(
        catalog.get(f"String number {n}").string == f"Zeichenkette {n}" for n in range(WRITES)
    )
    served = gettext.GNUTranslations(BytesIO(stored("de", "mo")))
    assert all(served.gettext(f"String number {n}") == f"Zeichenkette {n}" for n in range(WRITES))
    assert stored("de", "mo") == dump_mo(catalog)
    history = app.test_client().get("/api/v1/catalogs/de/history?limit=200", headers=ana)
    assert len(history.get_json()["history"]) == WRITES


_KILLED_WRITER = """
    import os, sys
    from service.catalogs import CatalogRepository, Edit
    from service.catalogs import storage

    def replace_then_die(source, target):
        os.kill(os.getpid(), 9)

    storage.os.replace = replace_then_die
    repo = CatalogRepository(sys.argv[1])
    repo.apply_edits("zh-Hans", [Edit("Hello", "被杀死了")], None, "crash")
"""


@pytest.mark.files_only
def test_writer_killed_before_the_rename_leaves_the_old_catalog(client, ana, etag_of, locales_dir):
    po, mo = catalog_path(locales_dir, "zh-Hans"), catalog_path(locales_dir, "zh-Hans", ".mo")
    url = "/api/v1/catalogs/zh-Hans/entries"
    edit = {"msgid": "Save", "msgstr": "存储"}
    assert (
        client.put(url, json=edit, headers={**ana, "If-Match": etag_of("zh-Hans")}).status_code
        == 200
    )
    before_po, before_mo, etag = po.read_bytes(), mo.read_bytes(), etag_of("zh-Hans")

    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILLED_WRITER), str(locales_dir)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        timeout=60,
    )

    assert killed.returncode == -9, killed.stderr.decode()
    assert list(po.parent.glob(".messages.po.*.tmp")), "the writer died after the temporary file"
    assert po.read_bytes() == before_po and mo.read_bytes() == before_mo
    assert parse_po(po.read_bytes()).get("Hello").string == "你好"
    assert etag_of("zh-Hans") == etag
    after = client.put(
        url, json={"msgid": "Hello", "msgstr": "您好"}, headers={**ana, "If-Match": etag}
    )
    assert after.status_code == 200, after.get_json()
    assert parse_po(po.read_bytes()).get("Hello").string == "您好"
