"""The database store: seeding, cheap freshness across nodes, one transaction per write, export."""

from __future__ import annotations

import difflib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from service.catalogs import CatalogRepository, Edit, InvalidEdits, StaleRevision
from service.catalogs.db_store import DatabaseCatalogStore
from service.catalogs.export import export_catalogs
from service.catalogs.history import CatalogHistory
from service.catalogs.locales import catalog_path, template_path
from service.store import Database, open_database
from service.store.tables import CatalogDocument, CatalogHistoryRow
from tests.catalogs.conftest import _empty


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    if request.param == "postgresql":
        return _empty(request.getfixturevalue("postgres_database"))
    database = open_database(f"sqlite:///{tmp_path / 'catalogs.db'}")
    request.addfinalizer(database.dispose)
    return database


def _node(database: Database, locales_dir: Path, recheck: float = 0) -> CatalogRepository:
    return CatalogRepository(DatabaseCatalogStore(database, locales_dir, recheck))


def _statements(database: Database) -> list[str]:
    seen: list[str] = []
    event.listen(database.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def test_the_migration_creates_the_catalog_tables(database: Database) -> None:
    tables = set(inspect(database.engine).get_table_names())
    assert {"catalog_documents", "catalog_templates"} <= tables


def test_a_fresh_database_is_seeded_with_the_files_and_never_overwritten(
    database: Database, locales_dir: Path, tmp_path: Path
) -> None:
    files = CatalogRepository(locales_dir)
    node = _node(database, locales_dir)
    assert node.locales() == files.locales()
    assert {tag: node.revision(tag) for tag in node.locales()} == {
        tag: files.revision(tag) for tag in files.locales()
    }
    assert node.template_bytes() == template_path(locales_dir).read_bytes()
    node.apply_edits("zh-Hans", [Edit("Save", "存储")], None, "ana")

    other_dir = tmp_path / "other-node-locales"  # another node's own copy, plus a new locale
    export_catalogs(files, other_dir)
    (other_dir / "ja" / "LC_MESSAGES").mkdir(parents=True)
    ja = catalog_path(locales_dir, "pt-BR").read_bytes().replace(b"pt_BR", b"ja")
    catalog_path(other_dir, "ja").write_bytes(ja)
    second = _node(database, other_dir)
    assert second.gettext("zh-Hans", "Save") == "存储", "the shipped file did not win"
    assert "ja" in second.locales() and "ja" in node.locales()


def test_an_edit_on_one_node_is_served_by_another_after_one_cheap_recheck(
    database: Database, locales_dir: Path
) -> None:
    writer = _node(database, locales_dir)
    reader = _node(database, locales_dir, recheck=0.3)
    assert reader.gettext("zh-Hans", "Save") == "保存"
    reader.lookup_index()  # parses every locale once
    statements = _statements(database)
    for _ in range(2000):
        reader.gettext("zh-Hans", "Save")
        reader.revision("zh-Hans")
        reader.lookup_index()
    assert len(statements) <= 2, "reads within the recheck interval ask the database"

    writer.apply_edits("zh-Hans", [Edit("Save", "存储")], None, "ana")
    deadline = time.monotonic() + 0.3 + 1.0
    while reader.gettext("zh-Hans", "Save") != "存储":
        assert time.monotonic() < deadline, "the edit never reached the other node"
        time.sleep(0.02)
    assert reader.revision("zh-Hans") == writer.revision("zh-Hans")


def test_stale_if_match_across_nodes_is_refused_and_nothing_is_lost(
    database: Database, locales_dir: Path
) -> None:
    ana = CatalogHistory(database, _node(database, locales_dir))
    ben = CatalogHistory(database, _node(database, locales_dir, recheck=60))
    seen = ben.catalogs.revision("zh-Hans")
    ana.apply_edits("zh-Hans", [Edit("Save", "存储")], seen, "ana")
    with pytest.raises(StaleRevision) as caught:
        ben.apply_edits("zh-Hans", [Edit("Save", "储存")], seen, "ben")
    assert caught.value.changed == [("Save", None)]
    assert caught.value.current[("Save", None)]["msgstr"] == "存储"
    # an entry nobody else touched still goes in on the stale revision (the history says so)
    ben.apply_edits("zh-Hans", [Edit("Hello", "您好")], seen, "ben")
    final = _node(database, locales_dir)
    assert (final.gettext("zh-Hans", "Save"), final.gettext("zh-Hans", "Hello")) == (
        "存储",
        "您好",
    )


def test_a_write_and_its_history_rows_commit_together_or_not_at_all(
    database: Database, locales_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = CatalogHistory(database, _node(database, locales_dir))
    before = history.catalogs.revision("zh-Hans")

    def rows() -> int:
        with database.session() as session:
            return session.scalar(select(func.count()).select_from(CatalogHistoryRow))

    from service.catalogs import history as module

    real = module._Recorder.record

    def record_then_fail(self, session, result) -> None:
        real(self, session, result)
        raise RuntimeError("the database went away after the history rows")

    monkeypatch.setattr(module._Recorder, "record", record_then_fail)
    with pytest.raises(RuntimeError):
        history.apply_edits("zh-Hans", [Edit("Save", "存储")], before, "ana")
    monkeypatch.undo()
    fresh = _node(database, locales_dir)
    assert fresh.revision("zh-Hans") == before and fresh.gettext("zh-Hans", "Save") == "保存"
    assert rows() == 0
    history.apply_edits("zh-Hans", [Edit("Save", "存储")], before, "ana")
    assert _node(database, locales_dir).gettext("zh-Hans", "Save") == "存储"
    assert [entry.new for entry in history.list("zh-Hans")] == ["存储"]


def test_export_writes_po_and_mo_whose_diff_is_the_edited_entries(
    database: Database, locales_dir: Path, tmp_path: Path
) -> None:
    seed = catalog_path(locales_dir, "zh-Hans").read_text(encoding="utf-8")
    node = _node(database, locales_dir)
    node.apply_edits("zh-Hans", [Edit("Save", "存储"), Edit("Hello", "您好")], None, "ana")
    target = tmp_path / "exported"
    export_catalogs(node, target)
    exported = catalog_path(target, "zh-Hans").read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(seed.splitlines(), exported.splitlines(), lineterm="")
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert sorted(changed) == sorted(
        [
            '-msgstr "保存"',
            '+msgstr "存储"',
            '-msgstr "你好"',
            '+msgstr "您好"',
            *[line for line in changed if "PO-Revision-Date" in line or "Last-Translator" in line],
        ]
    )
    assert any(line.startswith('+"Last-Translator: ana') for line in changed)
    assert catalog_path(target, "zh-Hans", ".mo").read_bytes() == node.export("zh-Hans", "mo")
    assert (
        catalog_path(target, "pt-BR").read_bytes()
        == catalog_path(locales_dir, "pt-BR").read_bytes()
    )
    assert export_catalogs(node, target) == [], "an export of unchanged catalogs rewrites nothing"


@contextmanager
def _refusing_history_rows(database: Database) -> Iterator[None]:
    """The database itself refuses every new history row (a trigger) while inside."""
    if database.dialect == "postgresql":
        create = [
            "CREATE FUNCTION refuse_history() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'history is full'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse BEFORE INSERT ON catalog_history "
            "FOR EACH ROW EXECUTE FUNCTION refuse_history()",
        ]
        drop = ["DROP TRIGGER refuse ON catalog_history", "DROP FUNCTION refuse_history()"]
    else:
        create = [
            "CREATE TRIGGER refuse BEFORE INSERT ON catalog_history "
            "BEGIN SELECT RAISE(ABORT, 'history is full'); END"
        ]
        drop = ["DROP TRIGGER refuse"]
    with database.engine.begin() as connection:
        for statement in create:
            connection.execute(text(statement))
    try:
        yield
    finally:
        with database.engine.begin() as connection:
            for statement in drop:
                connection.execute(text(statement))


def _document(database: Database) -> tuple[bytes, str]:
    query = select(CatalogDocument.po, CatalogDocument.revision)
    with database.session() as session:
        po, revision = session.execute(query.where(CatalogDocument.locale == "zh_Hans")).one()
    return bytes(po), revision


def _history_rows(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(CatalogHistoryRow))


def test_a_history_row_the_database_refuses_changes_nothing(
    database: Database, locales_dir: Path
) -> None:
    history = CatalogHistory(database, _node(database, locales_dir))
    history.apply_edits("zh-Hans", [Edit("Delete", "删掉")], None, "ana")
    before, rows = _document(database), _history_rows(database)

    with _refusing_history_rows(database), pytest.raises(DBAPIError):
        history.apply_edits("zh-Hans", [Edit("Save", "存储")], before[1], "ana")

    assert _document(database) == before and _history_rows(database) == rows
    assert history.catalogs.revision("zh-Hans") == before[1]
    assert _node(database, locales_dir).gettext("zh-Hans", "Save") == "保存"
    history.apply_edits("zh-Hans", [Edit("Save", "存储")], before[1], "ana")
    assert _history_rows(database) == rows + 1


@pytest.mark.parametrize(
    "edit",
    [
        Edit("Save", "保\ud800存"),
        Edit("%(num)d file", ["\udfff"]),
        Edit("Sa\ud800ve", "保存"),
        Edit("Open", "打开", msgctxt="me\udc00nu"),
    ],
)
def test_lone_surrogates_are_refused_before_the_database_is_written(
    database: Database, locales_dir: Path, edit: Edit
) -> None:
    history = CatalogHistory(database, _node(database, locales_dir))
    before = _document(database)

    with pytest.raises(InvalidEdits) as caught:
        history.apply_edits("zh-Hans", [Edit("Hello", "您好"), edit], before[1], "ana")

    assert [p.code for p in caught.value.problems[edit.key]] == ["encoding"]
    assert _document(database) == before and _history_rows(database) == 0
