"""Shared fixtures: offline Argos packages, a loopback package index, models, settings, database.

The builders behind them live in ``tests/support``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.config import Settings, load_settings
from service.engine import ModelRegistry
from service.runtime import Runtime
from service.store import Database, open_database
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
def runtime(app: Flask) -> Runtime:
    """The runtime of the ``app`` fixture that the test's package defines."""
    return app.extensions["mixlate"]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client (with an empty cookie jar) of the package's ``app`` fixture."""
    return app.test_client()
