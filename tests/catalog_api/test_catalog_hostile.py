"""No accepted catalog edit can break a page: hostile translations of every shipped entry.

For each hostile value, every entry of every shipped catalog is set to it through the API
(in batches); what validation refuses must be named with its problem, the rest is saved,
and then every page (reader, article, editor, review, the 404 page) and the article JSON
in that locale must still render. The same values are then written behind validation
(a hand-edited file, or the database row), where only the rendering's own fallbacks stand
between a bad entry and a failed page. Each store runs: the files, the database on SQLite,
and on PostgreSQL when it is reachable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from service.catalogs.codec import dump_po, parse_po
from service.catalogs.db_store import DatabaseCatalogStore
from service.catalogs.locales import catalog_path, locale_dir_name
from service.catalogs.storage import content_revision
from service.config import Settings
from service.runtime import Runtime
from service.store.tables import CatalogDocument
from tests.articles.sample_page import sample_article
from tests.support.apps import make_app
from tests.support.postgres import postgres_schema_url

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
STORES = ("files", "database", "postgresql")


@contextmanager
def _app_in(store: str, settings: Settings, directory: Path) -> Iterator[Flask]:
    """An app on the shipped catalogs in ``store``; PostgreSQL is skipped when unreachable."""
    overrides: dict[str, object] = {"catalog_store": "files" if store == "files" else "database"}
    overrides["catalog_recheck_ms"] = 0  # a write behind validation is served at once
    with ExitStack() as stack:
        if store == "postgresql":
            overrides["database_url"] = stack.enter_context(postgres_schema_url())
        application = make_app(settings, directory, **overrides)
        stack.callback(application.extensions["mixlate"].close)
        yield application


@pytest.fixture(scope="module", params=STORES)
def shipped_app(
    request: pytest.FixtureRequest, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    with _app_in(request.param, settings, Path(tmp_path_factory.mktemp("hostile"))) as app:
        yield app


@pytest.fixture(params=STORES)
def fresh_app(
    request: pytest.FixtureRequest, settings: Settings, tmp_path: Path
) -> Iterator[Flask]:
    """The shipped catalogs, untouched, in each store."""
    with _app_in(request.param, settings, tmp_path) as app:
        yield app


def _write_behind_validation(runtime: Runtime, locale: str, data: bytes) -> None:
    """Store ``data`` as the locale's catalog as a hand edit would: no API, no validation."""
    name = locale_dir_name(locale)
    if isinstance(runtime.catalog_store, DatabaseCatalogStore):
        row = update(CatalogDocument).where(CatalogDocument.locale == name)
        with runtime.database.session() as session:
            session.execute(row.values(po=data, revision=content_revision(data)))
    else:
        catalog_path(runtime.settings.locales_dir, name).write_bytes(data)


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


def _pages(article_id: str, locale: str) -> list[tuple[str, int]]:
    """(url, expected status) of every page and the article JSON, in ``locale``."""
    return [
        (f"/?lang={locale}", 200),
        (f"/articles/{article_id}?lang={locale}", 200),
        (f"/localize?ui={locale}", 200),
        (f"/review/{article_id}/en?ui={locale}", 200),
        (f"/api/v1/articles/{article_id}?locale={locale}", 200),
        (f"/articles/no-such-article?lang={locale}", 404),
        (f"/review/no-such-article/en?ui={locale}", 404),
    ]


def _assert_pages_render(client: FlaskClient, article_id: str, locale: str, shown: str) -> None:
    for url, status in _pages(article_id, locale):
        response = client.get(url)
        assert response.status_code == status, (shown[:20], url, response.data[:300])


def _shown(value: str | Callable[[str], str]) -> str:
    return value if isinstance(value, str) else "derived"


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
            _assert_pages_render(client, article_id, locale, _shown(value))
    assert accepted and refused, "some hostile values must be taken, others refused"


def _hostile_catalog(data: bytes, locale: str, value: str | Callable[[str], str]) -> bytes:
    catalog = parse_po(data, locale_dir_name(locale))
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            text = value(message.id[1]) if callable(value) else value
            message.string = (text,) * catalog.num_plurals
        else:
            message.string = value(message.id) if callable(value) else value
    return dump_po(catalog, width=0)  # unwrapped: wrapping 10,000 characters takes minutes


def test_hostile_translations_behind_validation_never_break_a_page(shipped_app: Flask) -> None:
    runtime = shipped_app.extensions["mixlate"]
    client = shipped_app.test_client()
    article = {key: value for key, value in sample_article().items() if key != "id"}
    article_id = runtime.articles.create(article).id
    for locale in runtime.catalogs.locales():
        shipped = runtime.catalogs.export(locale, "po")
        for value in HOSTILE:
            _write_behind_validation(runtime, locale, _hostile_catalog(shipped, locale, value))
            _assert_pages_render(client, article_id, locale, _shown(value))
        _write_behind_validation(runtime, locale, shipped)


def test_a_stray_percent_is_refused_where_the_msgid_has_placeholders(client, ana, etag_of):
    edit = {"msgid": "Welcome, %(name)s!", "msgstr": "欢迎，%(name)s！100%"}
    headers = {**ana, "If-Match": etag_of("zh-Hans")}
    found = client.put(URL.format("zh-Hans"), json=edit, headers=headers)
    assert found.status_code == 422, found.get_json()
    (entry,) = found.get_json()["entries"]
    assert entry["msgid"] == "Welcome, %(name)s!"
    assert [problem["code"] for problem in entry["problems"]] == ["format"]


def test_bad_translations_written_behind_validation_fall_back_to_the_source(
    fresh_app: Flask,
) -> None:
    runtime = fresh_app.extensions["mixlate"]
    article_id = runtime.articles.create({**sample_article(), "author": "Li Lei"}).id
    catalog = parse_po(runtime.catalogs.export("zh-Hans", "po"), "zh_Hans")
    catalog["Skip to content"].string = "跳到正文 50%"
    catalog["By %(author)s"].string = "%(x)s 作者 %"
    catalog["Published on %(date)s"].string = "%s"
    catalog["Caption %(number)s"].string = "%(x)s 图注 %"  # review page headings
    catalog["Image %(number)s — alt text"].string = "%s"
    _write_behind_validation(runtime, "zh-Hans", dump_po(catalog))
    client = fresh_app.test_client()
    _assert_pages_render(client, article_id, "zh-Hans", "hand-edited")
    ui = client.get(f"/api/v1/articles/{article_id}?locale=zh-Hans").get_json()["ui"]
    assert ui["by_author"] == "By Li Lei"
    assert ui["skip_to_content"] == "跳到正文 50%"
    page = client.get(f"/articles/{article_id}?lang=zh-Hans").get_data(as_text=True)
    # The page shows the author as published (never "By ..."); the broken date line falls
    # back to its msgid.
    assert "Published on 2025年12月7日" in page and "跳到正文 50%" in page
    assert "Li Lei" in page and "By Li Lei" not in page
    review = client.get(f"/review/{article_id}/en?ui=zh-Hans").get_data(as_text=True)
    assert '"images.0.alt": "Image 1 — alt text"' in review, "a broken heading: its msgid"
