"""The glossary and pending suggestions in /localize, in a real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from service.config import Settings
from tests.support.apps import make_app
from tests.support.browser import chromium, wait_until
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.browser


@pytest.fixture
def app(settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(settings, tmp_path, suggestions=True)
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def server(app: Flask) -> Iterator[str]:
    with serve_in_thread(app, threads=4) as url:
        yield url


def test_search_edit_and_review_suggestions(browser, server, app: Flask) -> None:  # noqa: ANN001
    runtime = app.extensions["mixlate"]
    token = runtime.tokens.create("lena", "localizer")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    entries = [
        {"source": "zh-Hans", "term": "平壤", "target": "en", "translation": "Pyongyang"},
        {"source": "zh-Hans", "term": "独岛", "target": "en", "translation": "Dokdo"},
    ]
    client.post("/api/v1/glossary", json=entries, headers=headers)
    suggestion = {"q": "平壤。", "s": "Pyongyang.", "source": "zh", "target": "en"}
    assert client.post("/suggest", json=suggestion).status_code == 200

    context = browser.new_context(locale="en-US")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{server}/localize")
    tab.get_by_label("Access token").fill(token)
    tab.get_by_role("button", name="Sign in").click()
    wait_until(tab, "() => document.querySelectorAll('#glossary tr').length === 2")
    tab.get_by_label("Find a term").fill("dok")
    wait_until(tab, "() => document.querySelectorAll('#glossary tr').length === 1")
    field = tab.get_by_label("Translation of 独岛")
    field.fill("Dokdo Island")
    field.press("Enter")
    wait_until(tab, "() => document.getElementById('status').textContent === 'Saved'")
    stored = client.get("/api/v1/glossary?text=独岛").get_json()["entries"][0]
    assert stored["translation"] == "Dokdo Island"

    pending = tab.locator("#pending li", has_text="Pyongyang.")
    pending.get_by_role("button", name="Accept suggestion").click()
    wait_until(tab, "() => document.querySelectorAll('#pending li').length === 0")
    assert tab.locator("#pending-empty").is_visible()
    translated = client.post("/translate", json=suggestion | {"s": None}).get_json()
    assert translated["translatedText"] == "Pyongyang."
    assert errors == []
    context.close()
