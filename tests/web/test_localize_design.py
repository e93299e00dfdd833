"""The catalog editor in the site's design, in Chromium: at phones' and a desktop's widths,
light and dark, signed out and signed in (entries, a memory suggestion, the glossary and a
pending suggestion shown): no horizontal scrolling, no serious or critical axe-core
violation, the site header's navigation and favicon, the dark theme really applied, visible
focus, ``lang`` on every element showing catalog text, and a screenshot of each state under
``tests/artifacts/``; an entry's edit history on request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask

from service.config import Settings
from tests.articles.sample_page import sample_article
from tests.support.apps import make_app
from tests.support.browser import chromium, wait_until
from tests.support.servers import serve_in_thread
from tests.web.test_design import ARTIFACTS, SERIOUS, WIDTHS, _axe_source

pytestmark = pytest.mark.browser

MSGID = "What people are saying"
AXE_SERIOUS = f"""async () => (await axe.run(document)).violations
    .filter(v => {list(SERIOUS)!r}.includes(v.impact))
    .map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(" ")).slice(0, 5)])"""
BACKGROUND = "getComputedStyle(document.body).backgroundColor"


@pytest.fixture(scope="module")
def app(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = make_app(settings, tmp_path_factory.mktemp("localize"), suggestions=True)
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture(scope="module")
def token(app: Flask) -> str:
    """A localizer's token, with an article, a memory unit near an entry, a glossary entry
    and a pending suggestion for the editor to show."""
    runtime = app.extensions["mixlate"]
    runtime.articles.create(sample_article() | {"id": "localize-design"})
    token = runtime.tokens.create("design-ana", "localizer")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    unit = {
        "source": "en",
        "target": "zh-Hans",
        "source_text": f"{MSGID} today",
        "target_text": "今天人们在说什么",
    }
    assert client.post("/api/v1/memory", json=unit, headers=headers).status_code == 201
    term = {"source": "zh-Hans", "term": "平壤", "target": "en", "translation": "Pyongyang"}
    assert client.post("/api/v1/glossary", json=[term], headers=headers).status_code in (200, 201)
    suggestion = {"q": "平壤。", "s": "Pyongyang.", "source": "zh", "target": "en"}
    assert client.post("/suggest", json=suggestion).status_code == 200
    return token


@pytest.fixture(scope="module")
def server(app: Flask) -> Iterator[str]:
    with serve_in_thread(app, threads=4) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def _check(tab, name: str, problems: dict[str, object], axe: str) -> None:  # noqa: ANN001
    """Sideways scrolling and axe on the page as it is now; a screenshot of it."""
    scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if scroll > inner:
        problems[f"{name} scrolls sideways"] = (scroll, inner)
    if not tab.evaluate("typeof axe !== 'undefined'"):
        tab.add_script_tag(content=axe)
    found = tab.evaluate(AXE_SERIOUS)
    if found:
        problems[f"{name} axe"] = found
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _signed_in(tab, server: str, token: str) -> None:  # noqa: ANN001
    """Sign in, show zh-Hans entries with one entry's memory suggestion, and the glossary."""
    tab.goto(f"{server}/localize?ui=en")
    tab.get_by_label("Access token").fill(token)
    tab.get_by_role("button", name="Sign in").click()
    tab.locator("#entries .entry").first.wait_for()
    tab.select_option("#locale", "zh-Hans")
    wait_until(tab, "() => document.querySelectorAll('#glossary tr').length === 1")
    tab.locator("#pending li").first.wait_for()
    tab.fill("#search", MSGID)
    wait_until(
        tab,
        """text => {
             const ids = [...document.querySelectorAll('#entries .msgid')];
             return ids.length > 0 && ids.every(node => node.textContent.includes(text));
           }""",
        arg=MSGID,
    )
    entry = tab.locator("#entries .entry", has=tab.locator(".msgid", has_text=MSGID)).first
    entry.locator("textarea.form").focus()
    entry.locator(".memory li").first.wait_for()


# The narrowest phone as well as the design test's widths.
@pytest.mark.parametrize("width", (360, *WIDTHS))
def test_the_editor_has_the_site_design_in_both_themes(
    browser,  # noqa: ANN001
    server: str,
    token: str,
    width: int,
) -> None:
    axe = _axe_source()
    ARTIFACTS.mkdir(exist_ok=True)
    problems: dict[str, object] = {}
    backgrounds: dict[str, str] = {}
    for scheme in ("light", "dark"):
        # bypass_csp: only so that axe can be injected; the page keeps its strict policy.
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            locale="en-US",
            color_scheme=scheme,
            bypass_csp=True,
        )
        context.set_default_timeout(30_000)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))  # noqa: B023
        suffix = f"{width}{'-dark' if scheme == 'dark' else ''}"

        tab.goto(f"{server}/localize?ui=en")
        tab.wait_for_load_state("networkidle")
        assert tab.locator(".site-header nav a").count() >= 2
        assert tab.locator(".site-header nav a[aria-current='page']").inner_text() == (
            "Localization"
        )
        assert tab.locator("link[rel=icon]").count() == 1
        assert tab.locator("a.skip-link[href='#main']").count() == 1
        backgrounds[scheme] = tab.evaluate(BACKGROUND)
        _check(tab, f"localize-signed-out-{suffix}", problems, axe)

        _signed_in(tab, server, token)
        _check(tab, f"localize-editor-{suffix}", problems, axe)
        assert tab.locator(".entry .msgid:not([lang='en'])").count() == 0
        assert tab.locator(".entry textarea.form:not([lang='zh-Hans'])").count() == 0
        assert tab.locator(".memory .memory-text:not([lang='zh-Hans'])").count() == 0
        assert tab.locator(".entry .state").count() == tab.locator(".entry").count()
        outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused field shows its focus"
        assert errors == []
        context.close()
    assert not problems, problems
    assert backgrounds["light"] != backgrounds["dark"], backgrounds
    # The dark theme's background is dark: every channel of rgb(r, g, b) below the middle.
    channels = backgrounds["dark"].removeprefix("rgb(").removesuffix(")").split(",")
    assert all(int(channel) < 128 for channel in channels), backgrounds["dark"]


def test_the_editor_page_uses_the_site_layout(app: Flask, token: str) -> None:
    response = app.test_client().get("/localize?ui=zh-Hans")
    html = response.text
    assert response.headers["Cache-Control"] == "no-store"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "/static/web/reader.css" in html and "/static/localize/editor.css" in html
    assert 'class="site-header"' in html and 'class="skip-link"' in html
    assert "/articles/localize-design" in html, "the header links the latest article"
    assert "<style" not in html and " style=" not in html


def test_an_entrys_history_shows_who_changed_it(
    browser,  # noqa: ANN001
    server: str,
    token: str,
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900}, locale="en-US")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{server}/localize?ui=en")
    tab.get_by_label("Access token").fill(token)
    tab.get_by_role("button", name="Sign in").click()
    tab.locator("#entries .entry").first.wait_for()
    tab.select_option("#locale", "zh-Hant")
    tab.fill("#search", "Related articles")
    # The search's own list (one entry), not the whole list drawn before it.
    tab.locator("#status", has_text=re.compile(r"^Entries shown: 1$")).wait_for()
    entry = tab.locator("#entries .entry", has=tab.locator(".msgid", has_text="Related articles"))
    field = entry.first.locator("textarea.form")
    field.fill("相關報導")
    field.press("Control+Enter")
    tab.locator("#status", has_text="Saved").wait_for()

    entry = tab.locator("#entries .entry", has=tab.locator(".msgid", has_text="Related articles"))
    toggle = entry.first.get_by_role("button", name="History")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    change = entry.first.locator(".history li").first
    change.wait_for()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert "design-ana" in change.inner_text() and "Edited" in change.inner_text()
    assert change.locator(".history-value").inner_text() == "相關報導"
    assert change.locator(".history-value").get_attribute("lang") == "zh-Hant"
    assert change.locator("time").get_attribute("datetime")
    toggle.click()
    assert entry.first.locator(".history").is_hidden()
    assert errors == []
    context.close()
