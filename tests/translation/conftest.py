"""An app over the real test models and the shipped catalogs, for the translation API tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from service.config import Settings
from tests.support.apps import make_app


@pytest.fixture
def app(settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(settings, tmp_path, max_text_chars=20_000)
    yield application
    application.extensions["mixlate"].close()
