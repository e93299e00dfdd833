"""Articles: the author is kept or mapped through the glossary, never machine-translated, and
a stored translation made before a glossary or memory edit is made again when read."""

from __future__ import annotations

from flask.testing import FlaskClient

from service.runtime import Runtime
from tests.glossary.conftest import Headers

ARTICLE = {
    "title": "李在明访问平壤",
    "body": "总统李在明周三访问了平壤。",
    "author": "由 AI 报道",
}


def _store(runtime: Runtime, **fields: str) -> str:
    return runtime.articles.create({**ARTICLE, **fields}).id


def test_the_author_is_kept_not_translated(runtime: Runtime) -> None:
    localized = runtime.articles.localized(runtime.articles.get(_store(runtime)), "en")
    assert localized["texts"]["author"] == "由 AI 报道"
    assert localized["fields"]["author"]["translated"] is False
    assert localized["texts"]["title"] != ARTICLE["title"]


def test_the_author_is_mapped_through_the_glossary(
    client: FlaskClient, runtime: Runtime, localizer: Headers
) -> None:
    entries = [
        {"source": "zh-Hans", "term": "由 AI 报道", "target": "en", "translation": "By AI"},
        {"source": "zh-Hans", "term": "李在明", "target": "en", "translation": "Lee Jae Myung"},
    ]
    client.post("/api/v1/glossary", json=entries, headers=localizer)
    article = runtime.articles.get(_store(runtime, author="李在明"))
    localized = runtime.articles.localized(article, "en")
    assert localized["texts"]["author"] == "Lee Jae Myung"
    assert localized["fields"]["author"] == {
        "translated": True,
        "from": ["zh-Hans"],
        "via": ["glossary"],
    }
    byline = runtime.articles.localized(runtime.articles.get(_store(runtime)), "en")
    assert byline["texts"]["author"] == "By AI"


def test_a_stored_translation_follows_a_glossary_edit(
    client: FlaskClient, runtime: Runtime, localizer: Headers
) -> None:
    article_id = _store(runtime)
    article = runtime.articles.get(article_id)
    first = runtime.articles.localized(article, "en")
    assert "Lee Jae Myung" not in first["texts"]["body"]
    entry = {"source": "zh-Hans", "term": "李在明", "target": "en", "translation": "Lee Jae Myung"}
    client.post("/api/v1/glossary", json=entry, headers=localizer)
    second = runtime.articles.localized(article, "en")
    assert "Lee Jae Myung" in second["texts"]["body"]
    assert second["depends"]["glossary"] > first["depends"]["glossary"]
    assert runtime.articles.repository.translation(article_id, article.revision, "en") == second
