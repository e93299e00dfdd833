"""The localizer's editor in a real headless Chromium: sign in, filter, edit, save by keyboard.

Runs Debian's ``chromium`` (``/usr/bin/chromium``) through Playwright against a real
waitress server on a free loopback port.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.articles.sample_page import sample_article
from tests.support.browser import chromium, wait_until
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.browser

@pytest.fixture
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def server(app: Flask) -> Iterator[str]:
    """Base URL of a waitress server running the app in a thread."""
    with serve_in_thread(app, threads=4) as url:
        yield url


def test_sign_in_filter_edit_and_save_with_the_keyboard(browser, server, runtime, client):
    token = runtime.tokens.create("ana", "localizer")
    article = runtime.articles.create(sample_article()).id
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    status = tab.locator("#status")
    saved_status = "() => document.getElementById('status').textContent === 'Saved'"

    tab.goto(f"{server}/localize")
    tab.get_by_label("Access token").fill("wrong")
    tab.get_by_label("Access token").press("Enter")
    tab.locator("#status", has_text="not known").wait_for()
    tab.get_by_label("Access token").fill(token)
    tab.get_by_role("button", name="Sign in").click()
    tab.get_by_text("Signed in as ana").wait_for()
    assert tab.locator("#progress tr[data-locale='zh-Hans'] td").first.inner_text() == "9"

    tab.locator("#locale").select_option("zh-Hans")
    assert tab.locator("#preview").get_attribute("href") == f"/articles/{article}?lang=zh-Hans"
    tab.get_by_label("State").select_option("untranslated")
    wait_until(tab, "() => document.querySelectorAll('.entry').length === 1")
    assert tab.locator(".entry .msgid").all_inner_texts() == ["Line one\nLine two"]
    tab.get_by_label("State").select_option("")
    tab.get_by_label("Search").fill("documentation")
    wait_until(tab, "() => document.querySelectorAll('.entry').length === 1")
    assert '<a href="%(url)s">' in tab.locator(".entry .msgid").inner_text()
    assert tab.locator(".entry a").count() == 0, "catalog text must never become markup"

    tab.get_by_label("Search").fill("Welcome")
    entry = tab.locator(".entry", has_text="Welcome, %(name)s!")
    entry.wait_for()
    field = entry.get_by_label("Translation")
    field.fill("欢迎回来！")
    field.press("Control+Enter")
    entry.locator(".problems li", has_text="%(name)s").wait_for()
    assert "not saved" in status.inner_text()

    field.fill("欢迎回来，%(name)s！")
    field.press("Control+s")
    wait_until(tab, saved_status)
    saved = client.get("/api/v1/catalogs/zh-Hans?q=Welcome").get_json()["entries"][0]
    assert saved["msgstr"] == "欢迎回来，%(name)s！"
    assert tab.evaluate("document.activeElement.id").startswith("entry-")

    tab.get_by_label("Search").fill("Delete")
    fuzzy = tab.locator(".entry", has_text="Delete")
    fuzzy.get_by_role("button", name="Accept suggestion").click()
    wait_until(tab, saved_status)
    assert client.get("/api/v1/catalogs/zh-Hans?q=Delete").get_json()["entries"][0]["state"] == (
        "translated"
    )

    tab.reload()
    tab.get_by_text("Signed in as ana").wait_for()
    tab.get_by_role("button", name="Sign out").click()
    assert tab.evaluate("sessionStorage.length") == 0
    assert tab.locator("#editor").is_hidden()
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    context.close()


def test_suggesting_a_whole_locale_runs_a_job_and_says_how_far_it_is(browser, server, runtime):
    token = runtime.tokens.create("ana", "localizer")
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(f"{request.method} {request.url}"))
    tab.goto(f"{server}/localize")
    tab.get_by_label("Access token").fill(token)
    tab.get_by_role("button", name="Sign in").click()
    tab.get_by_text("Signed in as ana").wait_for()
    tab.locator("#locale").select_option("zh-Hans")
    tab.get_by_role("button", name="Suggest translations").click()
    tab.locator("#status", has_text="Machine suggestions added: 1").wait_for()
    assert any(r.endswith("/api/v1/catalogs/zh-Hans/suggest-all") for r in requests)
    assert any("GET " in r and "/api/v1/jobs/" in r for r in requests)
    [entry] = runtime.catalogs.entries("zh-Hans", q="Line one")
    assert entry["state"] == "fuzzy" and entry["msgstr"]
    assert tab.get_by_role("button", name="Suggest translations").is_enabled()
    context.close()
