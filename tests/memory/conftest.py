"""Fixtures for the memory tests: an app over the test models, tokens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from service.config import Settings
from service.runtime import Runtime
from tests.support.apps import make_app

Headers = dict[str, str]


@pytest.fixture
def app(settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(settings, tmp_path)
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture
def token(runtime: Runtime) -> Callable[[str, str], Headers]:
    """``token(name, role)`` → its Authorization header."""

    def make(name: str, role: str) -> Headers:
        return {"Authorization": f"Bearer {runtime.tokens.create(name, role)}"}

    return make


@pytest.fixture
def localizer(token: Callable[[str, str], Headers]) -> Headers:
    return token("lena", "localizer")
