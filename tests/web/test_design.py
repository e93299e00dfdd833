"""Every page in Chromium at a phone's and a desktop's width, light and dark: no horizontal
scrolling with the sample article loaded, no serious or critical axe-core violation, and a
screenshot of each.

axe-core comes from npm into ``tests/.node`` (``make test`` installs it; git ignores the
folder); without node and npm, or without that install, the test is skipped with the reason.
Screenshots go to ``tests/artifacts/`` (ignored by git) for a reviewer to look at. The sample
article's images are answered by the test (nothing leaves the machine).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.articles.sample_page import IMAGE_HOST, sample_article
from tests.support.browser import chromium, wait_until
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NODE_DIR = ROOT / "tests" / ".node"
AXE = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
WIDTHS = (390, 1280)
NEAR_TITLE = "South Korea is open to discussing U.S. joint drills adjustments"
SERIOUS = ("serious", "critical")
# A 16x9 grey-blue PNG for the sample's images.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000010000000090802000000b4483b650000001449444154789c63"
    "98b57a3749886154c3a0d000000db12010e5b9c9a00000000049454e44ae426082"
)


def _axe_source() -> str:
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            pytest.skip("node and npm are needed to install axe-core (npm install axe-core)")
        subprocess.run(
            [npm, "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "axe-core@4"],
            check=False,
            capture_output=True,
            timeout=300,
        )
        if not AXE.exists():
            pytest.skip("axe-core could not be installed from npm (offline?)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(app: Flask) -> Iterator[str]:
    with serve_in_thread(app, threads=4) as url:
        yield url


@pytest.fixture(scope="module")
def article_id(store: Callable[[dict], str], app: Flask) -> str:
    found = store(sample_article() | {"id": "design-sample"})
    # A unit like the title, so that the review page into zh-Hans shows a marked difference.
    runtime = app.extensions["mixlate"]
    headers = {"Authorization": f"Bearer {runtime.tokens.create('design-lena', 'localizer')}"}
    unit = {"source": "en", "target": "zh-Hans", "source_text": NEAR_TITLE, "target_text": "韩国"}
    assert app.test_client().post("/api/v1/memory", json=unit, headers=headers).status_code == 201
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def _pages(article_id: str) -> dict[str, str]:
    return {
        "try-it": "/",
        "reader-en": f"/articles/{article_id}?lang=en",
        "reader-zh-Hans": f"/articles/{article_id}?lang=zh-Hans",
        "reader-original": f"/articles/{article_id}?lang=en&original=1",
        "localize": "/localize",
        "review": f"/review/{article_id}/en",
        "review-zh-Hans": f"/review/{article_id}/zh-Hans",
        "not-found": "/articles/no-such-article",
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_and_passes_axe(
    browser,  # noqa: ANN001
    server: str,
    article_id: str,
    width: int,
    scheme: str,
) -> None:
    axe = _axe_source()
    ARTIFACTS.mkdir(exist_ok=True)
    # bypass_csp: only so that axe can be injected; the pages keep their strict policy.
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        locale="en-US",
        color_scheme=scheme,
        bypass_csp=True,
    )
    context.set_default_timeout(20_000)
    context.route(
        f"{IMAGE_HOST}/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=PNG),
    )
    tab = context.new_page()
    problems: dict[str, object] = {}
    for name, path in _pages(article_id).items():
        tab.goto(server + path)
        tab.wait_for_load_state("networkidle")
        scroll, inner = tab.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        if scroll > inner:
            problems[f"{name} scrolls sideways"] = (scroll, inner)
        tab.add_script_tag(content=axe)
        found = tab.evaluate(
            """async () => (await axe.run(document)).violations
                 .filter(v => ["serious", "critical"].includes(v.impact))
                 .map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(" ")).slice(0, 5)])"""
        )
        if found:
            problems[f"{name} axe"] = found
        shot = ARTIFACTS / f"{name}-{width}{'-dark' if scheme == 'dark' else ''}.png"
        tab.screenshot(path=str(shot), full_page=True)
    context.close()
    assert not problems, problems


def test_consent_moves_the_focus_to_the_content(
    browser,  # noqa: ANN001
    server: str,
    store: Callable[[dict], str],
) -> None:
    article_id = store(sample_article() | {"id": "design-focus"})
    context = browser.new_context(locale="en-US")
    context.route(f"{IMAGE_HOST}/**", lambda route: route.fulfill(status=200, body=PNG))
    tab = context.new_page()
    tab.goto(f"{server}/articles/{article_id}?lang=en")
    tab.get_by_role("dialog").get_by_role("button", name="Decline").click()
    assert tab.locator("#cookie-banner").is_hidden()
    assert tab.evaluate("document.activeElement.id") == "main"
    context.close()


def test_the_try_it_page_colours_segments_by_their_language_now(
    browser,  # noqa: ANN001
    server: str,
) -> None:
    axe = _axe_source()
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto(f"{server}/?lang=zh-Hans")
    assert len(tab.locator(".legend li").all()) == 5
    tab.fill("#source-text", "The army held drills. 军方举行了演习。")
    tab.select_option("#target", "en")
    tab.get_by_role("button", name="翻译").click()
    wait_until(tab, "document.querySelectorAll('#result .seg').length > 0")
    inputs = tab.locator("#segments .seg")
    outputs = tab.locator("#result .seg")
    assert [inputs.nth(i).get_attribute("lang") for i in range(inputs.count())] == ["en", "zh-Hans"]
    assert [outputs.nth(i).get_attribute("lang") for i in range(outputs.count())] == ["en", "en"]
    assert "lang-zh" in (inputs.nth(1).get_attribute("class") or "")
    assert "lang-en" in (outputs.nth(1).get_attribute("class") or "")
    assert inputs.nth(1).get_attribute("title") == "简体中文 · 机器翻译"
    assert tab.locator("#status").inner_text().startswith("已翻译：1 · 保留：1 · ")
    assert tab.locator("#segments .seg[tabindex='0']").count() == 1
    inputs.nth(0).focus()
    tab.keyboard.press("ArrowRight")
    assert tab.evaluate("document.activeElement.dataset.index") == "1"
    assert tab.locator("#segments .seg[tabindex='0']").count() == 1
    tab.add_script_tag(content=axe)
    found = tab.evaluate(
        """async () => (await axe.run(document)).violations
             .filter(v => ["serious", "critical"].includes(v.impact)).map(v => v.id)"""
    )
    assert found == []
    tab.screenshot(path=str(ARTIFACTS / "try-it-result-1280.png"), full_page=True)
    context.close()


def test_the_editor_tells_an_unknown_token_from_a_wrong_role(
    browser,  # noqa: ANN001
    server: str,
    app: Flask,
) -> None:
    publisher = app.extensions["mixlate"].tokens.create("design-publisher", "publisher")
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(20_000)
    tab = context.new_page()
    tab.goto(f"{server}/localize?ui=en")
    assert "mixlate tokens create --role localizer" in tab.locator("#token-help").inner_text()
    expected = {
        "no-such-token": "This token is not known. Check that you pasted all of it, or ask "
        "for a new one.",
        publisher: "This token cannot be used to edit translations.",
    }
    for token, message in expected.items():
        tab.evaluate("document.getElementById('status').textContent = ''")
        tab.fill("#token", token)
        tab.get_by_role("button", name="Sign in").click()
        tab.locator("#status", has_text=message).wait_for()
        assert tab.locator("#status").inner_text() == message
    context.close()


def test_the_review_page_has_the_site_design_and_marks_languages(
    browser,  # noqa: ANN001
    server: str,
    article_id: str,
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900}, locale="en-US")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto(f"{server}/review/{article_id}/zh-Hans")
    tab.locator(".suggestions li").first.wait_for()
    assert tab.locator(".site-header nav a").count() == 3, "Translate, Latest article, Localization"
    assert tab.locator("link[rel=icon]").count() == 1
    sources = tab.locator(".sentence .source p")
    assert sources.count() > 5
    assert tab.locator(".sentence .source p:not([lang])").count() == 0
    assert tab.locator(".sentence textarea:not([lang='zh-Hans'])").count() == 0
    assert tab.locator(".machine span:not([lang='zh-Hans'])").count() == 0
    assert {sources.nth(i).get_attribute("lang") for i in range(sources.count())} >= {"en"}
    # Field headings are localized names, not the API's identifiers (title, related.0.title).
    headings = tab.locator(".field h2").all_inner_texts()
    assert [h.casefold() for h in headings[:2]] == ["title", "summary"]
    assert "related article 1 — title" in [h.casefold() for h in headings]
    assert not [h for h in headings if "." in h]
    assert tab.locator(".field h2[lang]").count() == 0, "headings are in the page's language"
    suggestion = tab.locator(".suggestions li").first
    assert suggestion.locator(".diff").get_attribute("lang") == "en"
    assert suggestion.locator(".memory-text").get_attribute("lang") == "zh-Hans"
    marks = suggestion.locator("ins .visually-hidden, del .visually-hidden").all_inner_texts()
    assert marks and set(m.strip() for m in marks) <= {"Only in this text:", "Only in the memory:"}
    # The difference is not told by colour alone: struck through and underlined.
    styles = tab.evaluate(
        """() => ['del', 'ins'].map(tag => {
             const node = document.querySelector('.suggestions ' + tag);
             return node && getComputedStyle(node).textDecorationLine;
           })"""
    )
    assert styles == ["line-through", "underline"]
    outline = tab.evaluate(
        """() => { const area = document.querySelector('.sentence textarea'); area.focus();
                   return getComputedStyle(area).outlineStyle; }"""
    )
    assert outline != "none"
    context.close()
