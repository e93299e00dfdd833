"""No accepted catalog edit can break a page: hostile translations of every shipped entry.

For each hostile value, every entry of every shipped catalog is set to it through the API
(in batches); what validation refuses must be named with its problem, the rest is saved,
and then every page and the article JSON in that locale must still render.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.catalogs.codec import dump_po, parse_po
from service.config import Settings
from tests.articles.sample_page import sample_article
from tests.support.apps import make_app

HOSTILE = (
    "%",
    "跳到正文 50%",
    "%s",
    "{",
    "}",
    "%(x)s",
    "長" * 10_000,
    "\u202e\u200f反转\u200f",
    lambda source: f"{source} 50%",  # the source's own placeholders kept, plus a bare %
)
BATCH = 20
URL = "/api/v1/catalogs/{}/entries"


@pytest.fixture(scope="module")
def shipped_app(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = make_app(settings, Path(tmp_path_factory.mktemp("hostile")))
    yield application
    application.extensions["mixlate"].close()


def _edit(entry: dict, value: str | Callable[[str], str]) -> dict:
    def text(source: str) -> str:
        return value(source) if callable(value) else value

    key = {"msgid": entry["msgid"], "msgctxt": entry["msgctxt"]}
    if entry["msgstr_plural"] is not None:
        forms = [text(entry["msgid_plural"])] * len(entry["msgstr_plural"])
        return {**key, "msgstr_plural": forms}
    return {**key, "msgstr": text(entry["msgid"])}


def _save(client: FlaskClient, headers: dict, locale: str, edits: list[dict]) -> set:
    """PUT ``edits``; on 422 check the refused ones are named, then save the rest."""
    etag = client.get(f"/api/v1/catalogs/{locale}").headers["ETag"]
    response = client.put(
        URL.format(locale), json={"entries": edits}, headers={**headers, "If-Match": etag}
    )
    if response.status_code == 200:
        return set()
    assert response.status_code == 422, response.get_json()
    named = response.get_json()["entries"]
    assert named and all(entry["problems"] and entry["problems"][0]["code"] for entry in named)
    refused = {(entry["msgid"], entry["msgctxt"]) for entry in named}
    sent = {(edit["msgid"], edit["msgctxt"]) for edit in edits}
    assert refused <= sent
    rest = [edit for edit in edits if (edit["msgid"], edit["msgctxt"]) not in refused]
    if rest:
        etag = response.headers.get("ETag") or etag
        again = client.put(
            URL.format(locale), json={"entries": rest}, headers={**headers, "If-Match": etag}
        )
        assert again.status_code == 200, again.get_json()
    return refused


def _pages(article_id: str, locale: str) -> list[str]:
    return [
        f"/?lang={locale}",
        f"/articles/{article_id}?lang={locale}",
        f"/localize?ui={locale}",
        f"/api/v1/articles/{article_id}?locale={locale}",
    ]


def test_hostile_translations_are_refused_or_every_page_renders(shipped_app: Flask) -> None:
    runtime = shipped_app.extensions["mixlate"]
    client = shipped_app.test_client()
    headers = {"Authorization": f"Bearer {runtime.tokens.create('fuzz', 'localizer')}"}
    article_id = runtime.articles.create(sample_article()).id
    locales = runtime.catalogs.locales()
    assert len(locales) >= 3
    accepted = refused = 0
    for value in HOSTILE:
        for locale in locales:
            entries = client.get(f"/api/v1/catalogs/{locale}").get_json()["entries"]
            edits = [_edit(entry, value) for entry in entries]
            for start in range(0, len(edits), BATCH):
                batch = edits[start : start + BATCH]
                found = _save(client, headers, locale, batch)
                refused += len(found)
                accepted += len(batch) - len(found)
            for url in _pages(article_id, locale):
                response = client.get(url)
                shown = value if isinstance(value, str) else "derived"
                assert response.status_code == 200, (shown[:20], url, response.data[:300])
    assert accepted and refused, "some hostile values must be taken, others refused"


def test_a_stray_percent_is_refused_where_the_msgid_has_placeholders(client, ana, etag_of):
    edit = {"msgid": "Welcome, %(name)s!", "msgstr": "欢迎，%(name)s！100%"}
    headers = {**ana, "If-Match": etag_of("zh-Hans")}
    found = client.put(URL.format("zh-Hans"), json=edit, headers=headers)
    assert found.status_code == 422, found.get_json()
    (entry,) = found.get_json()["entries"]
    assert entry["msgid"] == "Welcome, %(name)s!"
    assert [problem["code"] for problem in entry["problems"]] == ["format"]


def test_bad_translations_written_behind_validation_fall_back_to_the_source(
    settings: Settings, tmp_path: Path
) -> None:
    application = make_app(settings, tmp_path)
    try:
        runtime = application.extensions["mixlate"]
        article_id = runtime.articles.create({**sample_article(), "author": "Li Lei"}).id
        path = runtime.settings.locales_dir / "zh_Hans" / "LC_MESSAGES" / "messages.po"
        catalog = parse_po(path.read_bytes(), "zh_Hans")
        catalog["Skip to content"].string = "跳到正文 50%"
        catalog["By %(author)s"].string = "%(x)s 作者 %"
        catalog["Published on %(date)s"].string = "%s"
        path.write_bytes(dump_po(catalog))
        client = application.test_client()
        for url in _pages(article_id, "zh-Hans"):
            response = client.get(url)
            assert response.status_code == 200, (url, response.data[:300])
        ui = client.get(f"/api/v1/articles/{article_id}?locale=zh-Hans").get_json()["ui"]
        assert ui["by_author"] == "By Li Lei"
        assert ui["skip_to_content"] == "跳到正文 50%"
        page = client.get(f"/articles/{article_id}?lang=zh-Hans").get_data(as_text=True)
        # The page shows the author as published (never "By ..."); the broken date line falls
        # back to its msgid.
        assert "Published on 2025年12月7日" in page and "跳到正文 50%" in page
        assert "Li Lei" in page and "By Li Lei" not in page
    finally:
        application.extensions["mixlate"].close()
