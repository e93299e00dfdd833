"""A failed catalog write changes nothing; a killed one is repaired when catalogs are opened
(the app factory, the CLI) and undone by the next write of any live process."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event, text

from service import create_app
from service.catalogs import CatalogRepository, Edit, InvalidEdits
from service.catalogs.codec import dump_mo, parse_po
from service.catalogs.commit import undo_path
from service.catalogs.db_store import DatabaseCatalogStore
from service.catalogs.history import CatalogHistory
from service.catalogs.locales import catalog_path
from service.catalogs.storage import temp_files
from service.cli import main
from service.store.tables import CatalogHistoryRow

PUT = "/api/v1/catalogs/zh-Hans/entries"
ROOT = Path(__file__).resolve().parents[2]


def _state(locales_dir: Path) -> tuple[bytes, bytes]:
    po, mo = catalog_path(locales_dir, "zh-Hans"), catalog_path(locales_dir, "zh-Hans", ".mo")
    return po.read_bytes(), mo.read_bytes()


def _stored(runtime) -> tuple[bytes, ...]:
    """The catalog as stored (the PO), and with the file store its MO file too."""
    po = runtime.catalogs.export("zh-Hans", "po")
    if isinstance(runtime.catalog_store, DatabaseCatalogStore):
        return (po,)
    return po, catalog_path(runtime.settings.locales_dir, "zh-Hans", ".mo").read_bytes()


def _history(client, ana) -> list:
    return client.get("/api/v1/catalogs/zh-Hans/history", headers=ana).get_json()["history"]


@pytest.fixture
def compiled(client, ana, etag_of) -> None:
    """One write first, so that the sample catalog has its MO and one history row."""
    edit = {"msgid": "Delete", "msgstr": "删掉"}
    response = client.put(PUT, json=edit, headers={**ana, "If-Match": etag_of("zh-Hans")})
    assert response.status_code == 200, response.get_json()


@pytest.mark.parametrize(
    "edit",
    [
        {"msgid": "Save", "msgstr": "保\ud800存"},
        {"msgid": "%(num)d file", "msgstr_plural": ["\udfff"]},
        {"msgid": "Sa\ud800ve", "msgstr": "保存"},
        {"msgid": "Open", "msgctxt": "me\udc00nu", "msgstr": "打开"},
    ],
)
def test_lone_surrogates_are_422_and_change_nothing(
    client, ana, etag_of, runtime, compiled, edit
) -> None:
    before, etag = _stored(runtime), etag_of("zh-Hans")
    batch = {"entries": [{"msgid": "Hello", "msgstr": "您好"}, edit]}

    body = json.dumps(batch)  # the test client's own encoder refuses lone surrogates
    headers = {**ana, "If-Match": etag, "Content-Type": "application/json"}
    response = client.put(PUT, data=body, headers=headers)

    # The JSON edge refuses unpaired surrogates (400) before validation would (422).
    assert response.status_code in (400, 422), response.get_json()
    assert "surrogate" in response.get_json()["error"] or [
        problem["code"] for entry in response.get_json()["entries"] for problem in entry["problems"]
    ] == ["encoding"]
    assert _stored(runtime) == before and etag_of("zh-Hans") == etag
    assert len(_history(client, ana)) == 1


def test_a_history_row_that_cannot_be_stored_stops_the_write(
    client, ana, etag_of, locales_dir, runtime, compiled
) -> None:
    before, etag = _stored(runtime), etag_of("zh-Hans")
    with runtime.database.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON catalog_history "
                "BEGIN SELECT RAISE(ABORT, 'history is full'); END"
            )
        )

    response = client.put(
        PUT, json={"msgid": "Save", "msgstr": "存储"}, headers={**ana, "If-Match": etag}
    )

    assert response.status_code in (500, 503)  # a server-side failure, whatever its mapping
    assert _stored(runtime) == before and etag_of("zh-Hans") == etag
    assert list(temp_files(catalog_path(locales_dir, "zh-Hans"))) == []
    assert len(_history(client, ana)) == 1


@pytest.mark.files_only
def test_a_history_commit_that_fails_after_the_files_puts_them_back(
    client, ana, etag_of, locales_dir, runtime, compiled
) -> None:
    before, etag = _state(locales_dir), etag_of("zh-Hans")
    written: list[bytes] = []

    def mark(session, _context) -> None:  # noqa: ANN001 (SQLAlchemy's arguments)
        if any(isinstance(row, CatalogHistoryRow) for row in session.new):
            session.info["history"] = True

    def fail(session) -> None:  # noqa: ANN001 (SQLAlchemy's session)
        if session.info.pop("history", False):
            written.append(catalog_path(locales_dir, "zh-Hans").read_bytes())
            raise RuntimeError("database went away")

    sessions = runtime.database.sessions
    event.listen(sessions, "after_flush", mark)
    event.listen(sessions, "before_commit", fail)
    try:
        response = client.put(
            PUT, json={"msgid": "Save", "msgstr": "存储"}, headers={**ana, "If-Match": etag}
        )
    finally:
        event.remove(sessions, "before_commit", fail)
        event.remove(sessions, "after_flush", mark)

    assert response.status_code in (500, 503)  # a server-side failure, whatever its mapping
    assert written and written[0] != before[0], "the commit came after the new file"
    assert _state(locales_dir) == before and etag_of("zh-Hans") == etag
    assert len(_history(client, ana)) == 1
    again = client.put(
        PUT, json={"msgid": "Save", "msgstr": "存储"}, headers={**ana, "If-Match": etag}
    )
    assert again.status_code == 200 and len(_history(client, ana)) == 2


_KILLED_BETWEEN_PO_AND_MO = """
    import os, sys
    from service.catalogs import CatalogRepository, Edit
    from service.catalogs import storage

    real_replace = os.replace

    def replace(source, target):
        if str(target).endswith(".mo"):
            os.kill(os.getpid(), 9)
        real_replace(source, target)

    repo = CatalogRepository(sys.argv[1])
    storage.os.replace = replace
    repo.apply_edits("zh-Hans", [Edit("Hello", "被杀死了")], None, "crash")
"""


@pytest.mark.files_only
def test_writer_killed_between_po_and_mo_is_repaired_on_reopening(locales_dir, compiled) -> None:
    po, mo = catalog_path(locales_dir, "zh-Hans"), catalog_path(locales_dir, "zh-Hans", ".mo")
    old_mo = mo.read_bytes()

    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILLED_BETWEEN_PO_AND_MO), str(locales_dir)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        timeout=60,
    )

    assert killed.returncode == -9, killed.stderr.decode()
    assert parse_po(po.read_bytes()).get("Hello").string == "被杀死了", "the PO was written"
    assert mo.read_bytes() == old_mo and temp_files(mo), "the MO write was interrupted"

    repo = CatalogRepository(locales_dir)

    assert temp_files(mo) == [] and temp_files(po) == []
    assert mo.read_bytes() == dump_mo(parse_po(po.read_bytes(), "zh_Hans"))
    assert repo.gettext("zh-Hans", "Hello") == "被杀死了"
    assert CatalogRepository(locales_dir).locales() == repo.locales()


@pytest.mark.files_only  # the database store's: tests/catalogs/test_catalogs_db_store.py
@pytest.mark.parametrize(
    "edit",
    [
        Edit("Save", "保\ud800存"),
        Edit("%(num)d file", ["\udfff"]),
        Edit("Sa\ud800ve", "保存"),
        Edit("Open", "打开", msgctxt="me\udc00nu"),
    ],
)
def test_lone_surrogates_are_invalid_edits_before_anything_is_written(locales_dir, edit) -> None:
    repo = CatalogRepository(locales_dir)
    po = catalog_path(locales_dir, "zh-Hans")
    before = po.read_bytes()
    with pytest.raises(InvalidEdits) as caught:
        repo.apply_edits("zh-Hans", [Edit("Hello", "您好"), edit], repo.revision("zh-Hans"), "a")
    assert {key: [p.code for p in found] for key, found in caught.value.problems.items()} == {
        edit.key: ["encoding"]
    }
    assert po.read_bytes() == before
    assert not catalog_path(locales_dir, "zh-Hans", ".mo").exists()


_KILLED_WITH_HISTORY = """
    import os, sys
    from service.catalogs import CatalogRepository, Edit
    from service.catalogs import storage
    from service.catalogs.history import CatalogHistory
    from service.store import open_database

    real_replace = os.replace

    def replace(source, target):
        if sys.argv[3] == "before-mo" and str(target).endswith(".mo"):
            os.kill(os.getpid(), 9)
        real_replace(source, target)
        if sys.argv[3] == "after-mo" and str(target).endswith(".mo"):
            os.kill(os.getpid(), 9)  # both files replaced, the history not committed

    history = CatalogHistory(open_database(sys.argv[2]), CatalogRepository(sys.argv[1]))
    storage.os.replace = replace
    history.apply_edits("zh-Hans", [Edit("Hello", "没有记录")], None, "crash")
"""


def _kill_a_recorded_writer(runtime, locales_dir: Path, when: str = "after-mo") -> None:
    """Another process writes Hello with its history and is killed at ``when``."""
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(_KILLED_WITH_HISTORY),
            str(locales_dir),
            runtime.settings.database_url,
            when,
        ],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        timeout=60,
    )
    assert killed.returncode == -9, killed.stderr.decode()
    po = catalog_path(locales_dir, "zh-Hans")
    assert parse_po(po.read_bytes()).get("Hello").string == "没有记录", "the PO was written"
    assert undo_path(po).exists()


@pytest.mark.files_only
def test_an_edit_never_stays_without_its_history_row(locales_dir, compiled, runtime) -> None:
    po, mo = catalog_path(locales_dir, "zh-Hans"), catalog_path(locales_dir, "zh-Hans", ".mo")
    before = _state(locales_dir)
    rows = len(runtime.catalog_history.list("zh-Hans"))

    _kill_a_recorded_writer(runtime, locales_dir)
    assert len(runtime.catalog_history.list("zh-Hans")) == rows, "the history never committed"

    reopened = CatalogHistory(runtime.database, CatalogRepository(locales_dir))

    assert _state(locales_dir) == before and not undo_path(po).exists()
    assert reopened.catalogs.gettext("zh-Hans", "Hello") != "没有记录"
    assert mo.read_bytes() == dump_mo(parse_po(po.read_bytes(), "zh_Hans"))


@pytest.mark.files_only
def test_a_live_writer_undoes_a_killed_writers_unrecorded_edit_first(
    client, ana, etag_of, entry_of, locales_dir, compiled, runtime
) -> None:
    po = catalog_path(locales_dir, "zh-Hans")
    hello = entry_of("zh-Hans", "Hello")["msgstr"]
    rows = len(_history(client, ana))

    _kill_a_recorded_writer(runtime, locales_dir)  # another worker; this one keeps running
    headers = {**ana, "If-Match": etag_of("zh-Hans")}
    response = client.put(PUT, json={"msgid": "Save", "msgstr": "存储"}, headers=headers)

    assert response.status_code == 200, response.get_json()
    assert not undo_path(po).exists()
    assert entry_of("zh-Hans", "Hello")["msgstr"] == hello, "the unrecorded edit was undone"
    assert entry_of("zh-Hans", "Save")["msgstr"] == "存储"
    history = _history(client, ana)
    assert len(history) == rows + 1 and history[0]["msgid"] == "Save"
    assert [row for row in history if row["new"] == "没有记录"] == []
    assert _state(locales_dir)[1] == dump_mo(parse_po(po.read_bytes(), "zh_Hans"))


@pytest.mark.files_only
@pytest.mark.parametrize("when", ["before-mo", "after-mo"])
def test_a_restarted_app_serves_the_repaired_catalog_from_its_first_request(
    settings, locales_dir, compiled, runtime, when
) -> None:
    po, mo = catalog_path(locales_dir, "zh-Hans"), catalog_path(locales_dir, "zh-Hans", ".mo")
    before = _state(locales_dir)
    _kill_a_recorded_writer(runtime, locales_dir, when)

    restarted = create_app(runtime.settings)
    try:
        # Repaired by the app factory, before anything asked for the catalogs or the history.
        assert _state(locales_dir) == before and not undo_path(po).exists()
        assert temp_files(po) == [] and temp_files(mo) == []
        entries = restarted.test_client().get("/api/v1/catalogs/zh-Hans").get_json()["entries"]
        hello = next(entry for entry in entries if entry["msgid"] == "Hello")
        assert hello["msgstr"] != "没有记录"
    finally:
        restarted.extensions["mixlate"].close()


@pytest.mark.files_only
def test_the_cli_settles_before_it_reads(
    locales_dir, compiled, runtime, monkeypatch, capsys
) -> None:
    before = _state(locales_dir)
    _kill_a_recorded_writer(runtime, locales_dir)
    monkeypatch.setenv("MIXLATE_LOCALES_DIR", str(locales_dir))
    monkeypatch.setenv("MIXLATE_DATA_DIR", str(runtime.settings.data_dir))
    monkeypatch.setenv("MIXLATE_DATABASE_URL", runtime.settings.database_url)
    monkeypatch.setenv("MIXLATE_CATALOG_STORE", "files")

    assert main(["catalogs", "list"]) == 0

    assert _state(locales_dir) == before
    assert not undo_path(catalog_path(locales_dir, "zh-Hans")).exists()
    assert "zh-Hans\t" in capsys.readouterr().out


@pytest.mark.files_only
def test_an_undo_copy_left_after_the_commit_is_only_removed(locales_dir, compiled, runtime) -> None:
    po = catalog_path(locales_dir, "zh-Hans")
    committed = _state(locales_dir)
    undo_path(po).write_bytes(b"an older catalog")  # killed after the commit, before the unlink

    CatalogHistory(runtime.database, CatalogRepository(locales_dir))

    assert _state(locales_dir) == committed and not undo_path(po).exists()
