"""An app over the real test models and the shipped catalogs, for the translation API tests."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.support.apps import AppFactory


@pytest.fixture
def app(app_factory: AppFactory) -> Flask:
    return app_factory(max_text_chars=20_000)
