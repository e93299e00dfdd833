"""Fixtures for the catalog API tests: an app on a fresh copy of the sample catalogs, tokens.

Each test runs with the catalogs in files and in the database (SQLite here; PostgreSQL in
tests/catalogs and the two-node test); tests about the files themselves are marked
``files_only`` and skipped for the database store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.catalogs import CatalogRepository
from service.catalogs.db_store import DatabaseCatalogStore
from service.config import Settings
from service.runtime import Runtime
from tests.support.apps import make_app

FIXTURE_LOCALES = Path(__file__).resolve().parents[1] / "catalogs" / "fixtures" / "locales"

Headers = dict[str, str]


@pytest.fixture(params=["files", "database"])
def catalog_store(request: pytest.FixtureRequest) -> str:
    """Where the app keeps its catalogs (MIXLATE_CATALOG_STORE)."""
    if request.param != "files" and request.node.get_closest_marker("files_only"):
        pytest.skip("about the file store's files; the database store has none")
    return request.param


@pytest.fixture
def app(settings: Settings, tmp_path: Path, catalog_store: str) -> Iterator[Flask]:
    overrides = {"catalog_store": catalog_store, "catalog_recheck_ms": 0}
    application = make_app(settings, tmp_path, FIXTURE_LOCALES, **overrides)
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture
def locales_dir(app: Flask) -> Path:
    """The app's own copy of the sample catalogs."""
    return app.extensions["mixlate"].settings.locales_dir


@pytest.fixture
def stored(runtime: Runtime) -> Callable[..., bytes]:
    """A locale's catalog as stored now: ``stored(locale, fmt="po")`` (po or mo bytes)."""
    return lambda locale, fmt="po": runtime.catalogs.export(locale, fmt)


@pytest.fixture
def other_catalogs(runtime: Runtime) -> Callable[[], CatalogRepository]:
    """Makes another process's repository on the app's catalogs (files or database)."""
    store = runtime.catalog_store
    if isinstance(store, DatabaseCatalogStore):
        return lambda: CatalogRepository(DatabaseCatalogStore(store.database, store.locales_dir, 0))
    return lambda: CatalogRepository(store.locales_dir)


@pytest.fixture
def token(runtime: Runtime) -> Callable[[str, str], Headers]:
    """Makes a token: ``token(name, role)`` → its Authorization header."""

    def make(name: str, role: str) -> Headers:
        return {"Authorization": f"Bearer {runtime.tokens.create(name, role)}"}

    return make


@pytest.fixture
def ana(token: Callable[[str, str], Headers]) -> Headers:
    """A localizer."""
    return token("ana", "localizer")


@pytest.fixture
def ben(token: Callable[[str, str], Headers]) -> Headers:
    """Another localizer."""
    return token("ben", "localizer")


@pytest.fixture
def etag_of(client: FlaskClient) -> Callable[[str], str]:
    """The current ETag header of a locale's catalog."""

    def get(locale: str) -> str:
        response = client.get(f"/api/v1/catalogs/{locale}")
        assert response.status_code == 200, response.get_json()
        return response.headers["ETag"]

    return get


@pytest.fixture
def entry_of(client: FlaskClient) -> Callable[..., dict]:
    """One entry of a locale as the API shows it: ``entry_of(locale, msgid, msgctxt=None)``."""

    def get(locale: str, msgid: str, msgctxt: str | None = None) -> dict:
        entries = client.get(f"/api/v1/catalogs/{locale}").get_json()["entries"]
        return next(e for e in entries if e["msgid"] == msgid and e["msgctxt"] == msgctxt)

    return get
