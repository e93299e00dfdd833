"""Fixtures for the article tests: an app on the real test models with the shipped catalogs."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from service.runtime import Runtime
from tests.articles.sample_page import sample_article


@pytest.fixture
def publisher(runtime: Runtime) -> dict[str, str]:
    """Authorization headers of a publisher token."""
    return {"Authorization": f"Bearer {runtime.tokens.create('site', 'publisher')}"}


@pytest.fixture
def sample() -> dict[str, Any]:
    return sample_article()


@pytest.fixture
def sample_id(client: FlaskClient, publisher: dict[str, str], sample: dict[str, Any]) -> str:
    """The sample page stored as an article through the API."""
    response = client.post("/api/v1/articles", json=sample, headers=publisher)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]
