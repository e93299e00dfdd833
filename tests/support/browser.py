"""Debian's Chromium driven by Playwright, for the page tests (skipped when it is missing)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ENABLE = "install Debian's chromium (apt-get install chromium) to run browser tests"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium() -> Iterator[object]:
    """A launched headless Chromium (Playwright ``Browser``); skips the test without one."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: {ENABLE}")
    sync_api = pytest.importorskip("playwright.sync_api", reason=f"needs playwright; {ENABLE}")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_until(page: object, expression: str, arg: object = None, timeout: float = 30.0) -> None:
    """Poll ``expression`` (a JS expression or function source, given ``arg``) until truthy.

    Playwright's own ``wait_for_function`` compiles the predicate inside the page once it has
    to poll, which the pages' strict CSP (no ``unsafe-eval``) refuses; ``evaluate`` from here
    goes through the DevTools protocol, which the CSP does not govern.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):  # type: ignore[attr-defined]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.05)
