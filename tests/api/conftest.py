"""Fixtures for the API tests: an app over the test models and the shipped catalogs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from service.config import Settings
from tests.support.apps import make_app

AppFactory = Callable[..., Flask]


@pytest.fixture
def app_factory(settings: Settings, tmp_path: Path) -> Iterator[AppFactory]:
    """``app_factory(**settings_overrides)``: apps of their own, closed after the test."""
    made: list[Flask] = []

    def make(**overrides: object) -> Flask:
        app = make_app(settings, tmp_path / f"app{len(made)}", **overrides)
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["mixlate"].close()


@pytest.fixture
def app(app_factory: AppFactory) -> Flask:
    return app_factory()
