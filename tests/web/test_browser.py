"""The reader page in a real headless Chromium: the language switcher round trip.

Runs Debian's ``chromium`` (``/usr/bin/chromium``, installed by ``.ci/run``) through
Playwright against a real waitress server on a free loopback port.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.articles.sample_page import sample_article

pytestmark = pytest.mark.browser

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


@pytest.fixture(scope="module")
def server(app: Flask) -> Iterator[str]:
    """Base URL of a waitress server running the app in a thread (stopped from its own loop)."""
    from waitress import wasyncore
    from waitress.server import create_server

    channels: dict = {}
    wsgi = create_server(app, map=channels, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=wsgi.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{wsgi.effective_port}"
    wsgi.trigger.pull_trigger(lambda: wasyncore.close_all(channels))
    thread.join(timeout=10)
    wsgi.task_dispatcher.shutdown()
    assert not thread.is_alive()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: {ENABLE}")
    sync_api = pytest.importorskip("playwright.sync_api", reason=f"needs playwright; {ENABLE}")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_language_switcher_round_trip(
    browser,
    server: str,
    store: Callable[[dict], str],  # noqa: ANN001
) -> None:
    sample = sample_article() | {"id": "browser-round-trip"}
    article_id = store(sample)
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(20_000)
    tab = context.new_page()
    tab.goto(f"{server}/articles/{article_id}")
    html = tab.locator("html")
    assert html.get_attribute("lang") == "en"
    assert tab.locator("h1").inner_text() == sample["title"]
    assert tab.locator("#related-heading").inner_text() == "Related articles"

    tab.get_by_role("navigation").get_by_role("link", name="简体中文").click()
    tab.wait_for_url(f"{server}/articles/{article_id}?lang=zh-Hans")
    assert html.get_attribute("lang") == "zh-Hans"
    assert tab.locator("#related-heading").inner_text() == "相关文章"
    assert tab.locator("#cookie-title").inner_text() == "此网站使用 cookie"
    assert tab.locator("h1").inner_text() != sample["title"]
    current = tab.locator("nav.language-switcher a[aria-current='true']")
    assert current.inner_text() == "简体中文"

    tab.goto(f"{server}/articles/{article_id}")
    assert html.get_attribute("lang") == "zh-Hans", "the lang cookie should be remembered"

    tab.get_by_role("navigation").get_by_role("link", name="English").click()
    tab.wait_for_url(f"{server}/articles/{article_id}?lang=en")
    assert html.get_attribute("lang") == "en"
    assert tab.locator("h1").inner_text() == sample["title"]
    assert tab.locator("#related-heading").inner_text() == "Related articles"

    tab.get_by_role("dialog").get_by_role("button", name="Accept").click()
    assert tab.locator("#cookie-banner").is_hidden()
    tab.reload()
    assert tab.locator("#cookie-banner").count() == 0
    context.close()
