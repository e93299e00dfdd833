"""Fixtures for the catalog tests: a fresh copy of the sample locales per test, and the
repository on it in each store (files; the database, on SQLite and on PostgreSQL)."""

from __future__ import annotations

import gettext
import shutil
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import delete

from service.catalogs import CatalogRepository
from service.catalogs.db_store import DatabaseCatalogStore
from service.catalogs.entries import entry_state, live_messages
from service.catalogs.file_store import FileCatalogStore
from service.catalogs.locales import catalog_path
from service.store import Database, open_database
from service.store.tables import CatalogDocument, CatalogHistoryRow, CatalogTemplate
from tests.support.postgres import postgres_schema_url

DATA = Path(__file__).parent / "fixtures" / "locales"
STORES = ("files", "sqlite", "postgresql")

MakeRepo = Callable[[], CatalogRepository]


@pytest.fixture
def locales_dir(tmp_path: Path) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[Database]:
    """One migrated PostgreSQL schema for the run (each test empties the catalog tables)."""
    with postgres_schema_url() as url:
        database = open_database(url)
        yield database
        database.dispose()


def _empty(database: Database) -> Database:
    with database.session() as session:
        for table in (CatalogHistoryRow, CatalogDocument, CatalogTemplate):
            session.execute(delete(table))
    return database


@pytest.fixture(params=STORES)
def make_repo(request: pytest.FixtureRequest, locales_dir: Path, tmp_path: Path) -> MakeRepo:
    """Makes repositories on one storage: each call is another process's (or node's) view.

    The database stores recheck on every read (recheck_seconds=0), so a view sees at once
    what another wrote, as the file store does; the recheck interval has its own test.
    """
    if request.param == "files":
        return lambda: CatalogRepository(FileCatalogStore(locales_dir))
    if request.param == "sqlite":
        database = open_database(f"sqlite:///{tmp_path / 'catalogs.db'}")
        request.addfinalizer(database.dispose)
    else:
        database = _empty(request.getfixturevalue("postgres_database"))
    return lambda: CatalogRepository(DatabaseCatalogStore(database, locales_dir, 0))


@pytest.fixture
def repo(make_repo: MakeRepo) -> CatalogRepository:
    """The repository in each store (tests about behaviour, not about files, use this)."""
    return make_repo()


@pytest.fixture
def file_repo(locales_dir: Path) -> CatalogRepository:
    """The file store's repository (tests about the files themselves)."""
    return CatalogRepository(locales_dir)


def _served_by_mo(mo: gettext.GNUTranslations, message, n: int) -> str:
    if message.pluralizable:
        singular, plural = message.id
        if message.context:
            return mo.npgettext(message.context, singular, plural, n)
        return mo.ngettext(singular, plural, n)
    return mo.pgettext(message.context, message.id) if message.context else mo.gettext(message.id)


def _assert_mo_matches_po(repo: CatalogRepository, locale: str) -> None:
    compiled = [repo.export(locale, "mo")]
    if isinstance(repo.store, FileCatalogStore):  # the file beside the PO, too
        compiled.append(catalog_path(repo.locales_dir, locale, ".mo").read_bytes())
    for data in compiled:
        mo = gettext.GNUTranslations(BytesIO(data))
        for message in live_messages(repo.load(locale)):
            served = entry_state(message) == "translated"
            if message.pluralizable:
                expected = set(message.string) if served else set(message.id)
                assert {_served_by_mo(mo, message, n) for n in (0, 1, 2, 5)} <= expected
            else:
                assert _served_by_mo(mo, message, 1) == (message.string if served else message.id)


@pytest.fixture
def assert_mo_matches_po() -> Callable[[CatalogRepository, str], None]:
    """Checks every PO entry resolves through the compiled MO as gettext would serve it."""
    return _assert_mo_matches_po
