"""The catalog editor offers fuzzy memory matches of an entry, in a real headless Chromium.

An entry whose msgid is close to a memory unit shows the unit, its score and the difference
(<del>/<ins>, each with a hidden word, so not colour alone) when the focus enters it;
"Use" fills the entry's field with the unit's translation. axe-core finds no serious or
critical violation with the suggestion shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from service.config import Settings
from tests.support.apps import make_app
from tests.support.browser import chromium, wait_until
from tests.support.servers import serve_in_thread
from tests.web.test_design import ARTIFACTS, _axe_source

pytestmark = pytest.mark.browser

MSGID = "What people are saying"
NEAR = "What people are saying today"
NEAR_TRANSLATION = "今天人们在说什么"


@pytest.fixture
def app(settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(settings, tmp_path)
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture
def server(app: Flask) -> Iterator[str]:
    with serve_in_thread(app, threads=4) as url:
        yield url


def test_a_close_memory_unit_is_offered_and_applied(server: str, app: Flask) -> None:
    runtime = app.extensions["mixlate"]
    token = runtime.tokens.create("lena", "localizer")
    unit = {
        "source": "en",
        "target": "zh-Hans",
        "source_text": NEAR,
        "target_text": NEAR_TRANSLATION,
    }
    headers = {"Authorization": f"Bearer {token}"}
    assert app.test_client().post("/api/v1/memory", json=unit, headers=headers).status_code == 201
    axe = _axe_source()

    with chromium() as browser:
        # bypass_csp: only so that axe can be injected; the page keeps its strict policy.
        context = browser.new_context(locale="en-US", bypass_csp=True)
        context.set_default_timeout(30_000)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(f"{server}/localize?ui=en")
        tab.get_by_label("Access token").fill(token)
        tab.get_by_role("button", name="Sign in").click()
        tab.locator("#entries .entry").first.wait_for()
        tab.select_option("#locale", "zh-Hans")
        tab.fill("#search", MSGID)
        wait_until(
            tab,
            """text => {
                 const ids = [...document.querySelectorAll('#entries .msgid')];
                 return ids.length > 0 && ids.every(node => node.textContent.includes(text));
               }""",
            MSGID,
        )
        entry = tab.locator("#entries .entry", has=tab.locator(".msgid", has_text=MSGID)).first
        entry.wait_for()
        field = entry.locator("textarea.form")
        field.focus()
        suggestion = entry.locator(".memory li", has_text=NEAR_TRANSLATION)
        suggestion.wait_for()
        assert suggestion.locator(".memory-text").get_attribute("lang") == "zh-Hans"
        assert suggestion.locator(".diff").get_attribute("lang") == "en"
        inserted = suggestion.locator("ins")
        assert inserted.count() == 1 and "today" in inserted.inner_text()
        assert inserted.locator(".visually-hidden").inner_text().strip() == "Only in the memory:"
        # The entry's own catalog translation is not offered to itself.
        offered = entry.locator(".memory .memory-text").all_inner_texts()
        assert "人们在说什么" not in offered
        tab.add_script_tag(content=axe)
        found = tab.evaluate(
            """async () => (await axe.run(document)).violations
                 .filter(v => ["serious", "critical"].includes(v.impact)).map(v => v.id)"""
        )
        assert found == []
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "localize-memory-1280.png"), full_page=True)
        suggestion.get_by_role("button", name="Use").click()
        assert field.input_value() == NEAR_TRANSLATION
        assert tab.evaluate("document.activeElement.classList.contains('form')")
        assert errors == []
        context.close()
