"""Shared fixtures: offline Argos packages, a loopback package index, models, settings, database.

The builders behind them live in ``tests/support``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.config import Settings, load_settings
from service.engine import ModelRegistry
from service.runtime import Runtime
from service.store import Database, open_database
from tests.support.apps import AppFactory, make_app
from tests.support.argos_builder import build_packages
from tests.support.index_server import IndexServer

INSTALLED_PAIRS = (("zh", "en"), ("en", "zh"), ("en", "fr"))


@pytest.fixture(scope="session")
def argos_cache_dir(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where built packages are kept between runs (pytest's cache dir when it is enabled)."""
    cache = getattr(pytestconfig, "cache", None)
    if cache is None:
        return tmp_path_factory.mktemp("argos-cache")
    return cache.mkdir("mixlate-argos-packages")


@pytest.fixture(scope="session")
def argos_packages(argos_cache_dir: Path) -> dict[tuple[str, str], Path]:
    """The test packages, (from, to) Argos codes → .argosmodel: zh→en, en→zh, en→fr."""
    return build_packages(argos_cache_dir)


@pytest.fixture(scope="session")
def package_index(
    argos_packages: dict[tuple[str, str], Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Base URL of a running loopback index serving the test packages (and two bad entries)."""
    with IndexServer(argos_packages, tmp_path_factory.mktemp("index")) as server:
        yield server.url


@pytest.fixture(scope="session")
def models_dir(
    argos_packages: dict[tuple[str, str], Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A models directory with zh→en, en→zh and en→fr installed; tests must not change it."""
    directory = tmp_path_factory.mktemp("models")
    registry = ModelRegistry(directory)
    for pair in INSTALLED_PAIRS:
        registry.install_file(argos_packages[pair])
    return directory


@pytest.fixture(scope="session")
def settings(
    models_dir: Path, package_index: str, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """Settings with the data directory in a temp dir, the shared models and the loopback index."""
    data_dir = tmp_path_factory.mktemp("data")
    return load_settings(
        {
            "MIXLATE_DATA_DIR": str(data_dir),
            "MIXLATE_MODELS_DIR": str(models_dir),
            "MIXLATE_DATABASE_URL": f"sqlite:///{data_dir / 'mixlate.db'}",
            "ARGOS_PACKAGE_INDEX": package_index,
        }
    )


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A freshly migrated SQLite database of its own for each test."""
    db = open_database(f"sqlite:///{tmp_path / 'mixlate.db'}")
    yield db
    db.dispose()


@pytest.fixture
def app_factory(settings: Settings, tmp_path: Path) -> Iterator[AppFactory]:
    """``app_factory(**settings_overrides)``: apps over the test models, each with a database and
    catalogs of its own (the first in ``tmp_path``, others beside it), closed after the test."""
    made: list[Flask] = []

    def make(**overrides: object) -> Flask:
        directory = tmp_path / f"app{len(made)}" if made else tmp_path
        app = make_app(settings, directory, **overrides)
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["mixlate"].close()


@pytest.fixture
def app(app_factory: AppFactory) -> Flask:
    """An app with the default settings; packages that need others override this fixture."""
    return app_factory()


@pytest.fixture
def runtime(app: Flask) -> Runtime:
    """The runtime of the ``app`` fixture."""
    return app.extensions["mixlate"]


@pytest.fixture
def token(runtime: Runtime) -> Callable[[str, str], dict[str, str]]:
    """``token(name, role)`` → the Authorization header of a new token."""

    def make(name: str, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {runtime.tokens.create(name, role)}"}

    return make


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client (with an empty cookie jar) of the ``app`` fixture."""
    return app.test_client()
