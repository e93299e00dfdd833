"""Fixtures for the HTTP-level tests: an app on the test models and shipped catalogs, tokens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from service.config import Settings
from service.runtime import Runtime
from tests.support.apps import make_app


@pytest.fixture
def app(settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(settings, tmp_path)
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture
def admin(runtime: Runtime) -> dict[str, str]:
    """The Authorization header of an admin token."""
    return {"Authorization": f"Bearer {runtime.tokens.create('admin', 'admin')}"}
