"""The reader page in a real headless Chromium: the language switcher round trip.

Runs Debian's ``chromium`` (``/usr/bin/chromium``, installed by ``.ci/run``) through
Playwright against a real waitress server on a free loopback port.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from tests.articles.sample_page import sample_article
from tests.support.browser import chromium
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(app: Flask) -> Iterator[str]:
    """Base URL of a waitress server running the app in a thread."""
    with serve_in_thread(app, threads=4) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


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
