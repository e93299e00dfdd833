"""The review page in a real headless Chromium: terms, memory suggestions, keyboard, saving."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.support.browser import chromium, wait_until
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.browser

TITLE = "李在明访问了平壤。"
FIRST = "韩国统一部周一驳斥了一则报道。"
SECOND = "该说法源于一家地方报纸。"


@pytest.fixture
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def server(app: Flask) -> Iterator[str]:
    with serve_in_thread(app, threads=4) as url:
        yield url


def test_review_by_keyboard(browser, server, app: Flask) -> None:  # noqa: ANN001
    runtime = app.extensions["mixlate"]
    runtime.articles.create({"id": "talks", "title": TITLE, "body": f"{FIRST}{SECOND}"})
    client = app.test_client()
    localizer = {"Authorization": f"Bearer {runtime.tokens.create('lena', 'localizer')}"}
    entry = {"source": "zh-Hans", "term": "李在明", "target": "en", "translation": "Lee Jae Myung"}
    client.post("/api/v1/glossary", json=entry, headers=localizer)
    near = {"source": "zh-Hans", "target": "en", "source_text": "该说法源于一家地方报刊。"}
    client.post(
        "/api/v1/memory", json=near | {"target_text": "It came from a paper."}, headers=localizer
    )
    token = runtime.tokens.create("eddie", "editor")

    context = browser.new_context(locale="en-US")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{server}/review/talks/en")
    tab.get_by_label("Access token").fill(token)
    tab.get_by_role("button", name="Sign in").click()
    tab.locator(".sentence").nth(2).wait_for()
    assert tab.locator("#progress").inner_text() == "0 of 3 sentences reviewed"
    assert "李在明 → Lee Jae Myung" in tab.locator(".terms").first.inner_text()
    suggestion = tab.locator(".suggestions li").first
    assert "It came from a paper." in suggestion.inner_text()
    assert suggestion.locator("ins").count() + suggestion.locator("del").count() > 0

    tab.get_by_label("Translation of sentence 1").first.focus()
    tab.keyboard.press("Alt+ArrowDown")
    focused = tab.evaluate(
        "[document.activeElement.dataset.field, document.activeElement.dataset.index]"
    )
    assert focused == ["body", "0"]
    tab.keyboard.press("Control+a")
    tab.keyboard.type("The ministry denied a report.")
    tab.keyboard.press("Control+Enter")
    wait_until(tab, "() => document.getElementById('status').textContent === 'Saved'")
    assert tab.locator("#progress").inner_text() == "1 of 3 sentences reviewed"
    assert tab.locator("#locale-state").inner_text() == "Partly reviewed"
    view = client.get("/api/v1/articles/talks/translations/en").get_json()
    assert view["fields"]["body"][0]["text"] == "The ministry denied a report."
    assert errors == []
    context.close()
