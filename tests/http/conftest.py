"""Fixtures for the HTTP-level tests: an app on the test models and shipped catalogs, tokens."""

from __future__ import annotations

import pytest

from service.runtime import Runtime


@pytest.fixture
def admin(runtime: Runtime) -> dict[str, str]:
    """The Authorization header of an admin token."""
    return {"Authorization": f"Bearer {runtime.tokens.create('admin', 'admin')}"}
