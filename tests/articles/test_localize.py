"""Localizing a whole article with the real test models: one call, stored once, per field info."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from service.articles.localize import ArticleLocalizer, article_texts, translate_article
from service.articles.model import parse_article
from service.articles.repository import ArticleRepository
from service.keyed_locks import KeyedLocks
from service.runtime import Runtime
from tests.articles.helpers import CountingTranslator, made_with
from tests.articles.helpers import localizer as make_localizer


@pytest.fixture
def content(sample: dict[str, Any]):  # noqa: ANN201
    return parse_article(sample, max_body_chars=100_000)[1]


def test_article_texts_cover_every_field_in_page_order(content) -> None:  # noqa: ANN001
    paths = [path for path, _, _ in article_texts(content)]
    assert paths[:5] == [("title",), ("summary",), ("body",), ("reactions",), ("author",)]
    assert ("images", 1, "caption") in paths and ("related", 6, "summary") in paths
    assert len(paths) == 5 + 2 * 2 + 2 * 7


def test_one_translate_call_per_article(runtime: Runtime, content) -> None:  # noqa: ANN001
    counting = CountingTranslator(runtime.translator)
    result = translate_article(counting, content, "zh-Hans", *made_with(runtime, "zh-Hans"))
    assert counting.calls == 1
    texts, fields = result["texts"], result["fields"]
    assert texts["title"] != content.title
    assert fields["title"] == {"translated": True, "from": ["en"], "via": ["translated"]}
    chinese = content.related[2]
    assert texts["related"][2] == {"title": chinese.title, "summary": chinese.summary}
    assert fields["related"][2]["title"] == {"translated": False, "from": [], "via": []}
    assert fields["author"] == {"translated": False, "from": [], "via": []}
    assert set(result["languages"]) >= {"en", "zh-Hans"}


def test_traditional_chinese_converts_simplified_parts(runtime: Runtime, content) -> None:  # noqa: ANN001
    result = translate_article(
        runtime.translator, content, "zh-Hant", *made_with(runtime, "zh-Hant")
    )
    related = result["texts"]["related"][2]
    assert related["title"] == "韓國與美國週二在首爾啟動了首次朝鮮政策磋商會議。"
    assert result["fields"]["related"][2]["title"]["via"] == ["converted"]


def test_html_bodies_are_translated_as_html(runtime: Runtime) -> None:
    _, content = parse_article(
        {"title": "标题", "body": "<p>The army held drills.</p><p>军方举行了演习。</p>"},
        max_body_chars=1000,
    )
    result = translate_article(runtime.translator, content, "en", *made_with(runtime, "en"))
    body = result["texts"]["body"]
    assert body.startswith("<p>The army held drills.</p><p>") and body.endswith("</p>")
    assert "军方" not in body
    assert result["fields"]["body"]["translated"] is True
    assert result["fields"]["body"]["from"] == ["zh-Hans"]


def test_keyed_locks_are_dropped_when_unused() -> None:
    locks = KeyedLocks()
    with locks.hold("a"), locks.hold("b"):
        assert len(locks._locks) == 2
    assert locks._locks == {}


@pytest.fixture
def small():  # noqa: ANN201
    return parse_article({"title": "演习恢复", "body": "The army held drills."}, max_body_chars=99)[
        1
    ]


def test_concurrent_first_requests_translate_once(runtime: Runtime, small) -> None:  # noqa: ANN001
    repository = ArticleRepository(runtime.database)
    article = repository.create("once", small)
    counting = CountingTranslator(runtime.translator, delay=0.3)
    localizer = make_localizer(runtime, repository, counting.factory())
    barrier = threading.Barrier(8)

    def fetch(_: int) -> dict[str, Any]:
        barrier.wait()
        return localizer.localize(article, "zh-Hans")

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(fetch, range(8)))
    assert counting.calls == 1
    assert all(result == results[0] for result in results)
    assert localizer.localize(article, "zh-Hans") == results[0]
    assert counting.calls == 1


def test_across_processes_the_first_stored_translation_wins(runtime: Runtime, small) -> None:  # noqa: ANN001
    """Two workers (separate localizers, one database) racing: both serve the stored one."""
    repository = ArticleRepository(runtime.database)
    article = repository.create("race", small)
    workers = [
        make_localizer(
            runtime, repository, CountingTranslator(runtime.translator, 0.2, tag).factory()
        )
        for tag in ("A:", "B:")
    ]
    barrier = threading.Barrier(2)

    def fetch(worker: ArticleLocalizer) -> dict[str, Any]:
        barrier.wait()
        return worker.localize(article, "zh-Hans")

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(fetch, workers)
    assert first == second == repository.translation("race", 1, "zh-Hans")
    assert first["texts"]["title"][:2] in ("A:", "B:")
