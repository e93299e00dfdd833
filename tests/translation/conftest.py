"""An app over the real test models and the shipped catalogs, for the translation API tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.config import Settings
from service.runtime import Runtime

LOCALES = Path(__file__).resolve().parents[2] / "locales"


@pytest.fixture
def app(settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    shutil.copytree(LOCALES, tmp_path / "locales")
    application = create_app(
        settings.with_overrides(
            data_dir=tmp_path,
            locales_dir=tmp_path / "locales",
            database_url=f"sqlite:///{tmp_path / 'mixlate.db'}",
            max_text_chars=20_000,
        )
    )
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture
def runtime(app: Flask) -> Runtime:
    return app.extensions["mixlate"]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
