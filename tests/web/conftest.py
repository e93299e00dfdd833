"""Fixtures for the page tests: an app with the sample article stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from service.config import Settings
from tests.articles.helpers import storer
from tests.articles.sample_page import sample_article
from tests.support.apps import make_app


@pytest.fixture(scope="module")
def app(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app per test module (translations are made once); tests must not edit catalogs."""
    application = make_app(settings, tmp_path_factory.mktemp("web"))
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture
def own_app(settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    """An app of the test's own, with catalogs it may edit (as another process would: their
    files, seen on the next read)."""
    application = make_app(settings, tmp_path, catalog_recheck_ms=0)
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture(scope="module")
def store(app: Flask) -> Callable[[dict], str]:
    return storer(app)


@pytest.fixture(scope="module")
def sample_id(store: Callable[[dict], str]) -> str:
    return store(sample_article())
