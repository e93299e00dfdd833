"""Fixtures for the memory tests: an app over the test models, tokens."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Headers = dict[str, str]


@pytest.fixture
def localizer(token: Callable[[str, str], Headers]) -> Headers:
    return token("lena", "localizer")
