"""The database layer on SQLite (always) and PostgreSQL (when reachable)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from service.config import ConfigError
from service.store import Database, open_database
from service.store.db import create_database_engine
from service.store.tables import CachedTranslation
from tests.support.postgres import postgres_schema_url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        database = open_database(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
        yield database
        database.dispose()
        return
    with postgres_schema_url() as url:
        database = open_database(url)
        yield database
        database.dispose()


def test_migrations_create_every_table(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert {"translation_cache", "api_tokens", "alembic_version"} <= tables


def test_migrating_twice_is_harmless(db: Database) -> None:
    from service.store.db import migrate

    migrate(db.engine)
    migrate(db.engine)


def test_insert_ignoring_duplicates(db: Database) -> None:
    table = CachedTranslation.__table__
    db.insert_ignoring_duplicates(table, [{"key": "k1", "model": "m", "output": "one"}])
    db.insert_ignoring_duplicates(
        table,
        [
            {"key": "k1", "model": "m", "output": "other"},
            {"key": "k2", "model": "m", "output": "2"},
        ],
    )
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(CachedTranslation)) == 2
        assert session.get(CachedTranslation, "k1").output == "one"


@pytest.mark.parametrize("url", ["mysql://x@localhost/db", "not a url"])
def test_unsupported_urls_are_configuration_errors(url: str) -> None:
    with pytest.raises(ConfigError, match="MIXLATE_DATABASE_URL"):
        create_database_engine(url)


def _open_and_count(url: str) -> int:
    database = open_database(url)
    try:
        return len(inspect(database.engine).get_table_names())
    finally:
        database.dispose()


def test_processes_migrating_a_new_sqlite_file_at_once(tmp_path: Path) -> None:
    import multiprocessing

    url = f"sqlite:///{tmp_path / 'race.db'}"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        counts = pool.map(_open_and_count, [url] * 4)
    assert len(set(counts)) == 1 and counts[0] >= 3
