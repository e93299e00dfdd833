"""The one rule for caller-given URLs (article links and images, job callbacks)."""

from __future__ import annotations

import pytest

from service.urls import is_web_url


@pytest.mark.parametrize("url", ["https://example.com/a?b=1", "http://[::1]:8080/hook"])
def test_absolute_http_urls_are_web_urls(url: str) -> None:
    assert is_web_url(url)


@pytest.mark.parametrize(
    "url", ["http://[::1", "ftp://example.com/", "/relative", "https://", "https://a b/", ""]
)
def test_anything_else_is_not(url: str) -> None:
    assert not is_web_url(url)
