"""Cacheable localized reads: strong ETags from what the output depends on, CDN caching
headers, 304 without rendering, and rendered responses reused per process."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from service.articles.freshness import RecentArticles
from service.articles.model import Article, ArticleContent
from service.catalogs import Edit
from service.http.conditional import Rendered, RenderedCache
from service.recheck import Recheck
from service.runtime import Runtime

SMALL = {"title": "演习恢复", "body": "The army held drills. 军方举行了演习。"}
STRONG = re.compile(r'^"[0-9a-f]{40}"$')
API = "/api/v1/articles/{}?locale=en"


@pytest.fixture
def small(client: FlaskClient, publisher: dict[str, str]) -> str:
    response = client.post("/api/v1/articles", json=SMALL | {"id": "s"}, headers=publisher)
    assert response.status_code == 201
    return "s"


def _count_serves(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    service = runtime.articles
    inner_serve, inner_localized = service.serve, service.localized

    def serve(*args: Any, **kwargs: Any) -> dict[str, Any]:
        calls.append("serve")
        return inner_serve(*args, **kwargs)

    def localized(*args: Any, **kwargs: Any) -> dict[str, Any]:
        calls.append("localized")
        return inner_localized(*args, **kwargs)

    monkeypatch.setattr(service, "serve", serve)
    monkeypatch.setattr(service, "localized", localized)
    return calls


def test_the_api_answers_with_a_validator_and_304_without_rendering(
    client: FlaskClient, runtime: Runtime, small: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client.get(API.format(small))
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert STRONG.match(etag)
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    assert "stale-while-revalidate=" in first.headers["Cache-Control"]
    assert "Accept-Language" in first.headers["Vary"]
    calls = _count_serves(runtime, monkeypatch)
    again = client.get(API.format(small))
    assert again.get_data() == first.get_data() and again.headers["ETag"] == etag
    assert again.headers["Content-Language"] == "en"
    for held in (etag, f"W/{etag}", f'"nope", {etag}', "*"):
        unchanged = client.get(API.format(small), headers={"If-None-Match": held})
        assert unchanged.status_code == 304 and unchanged.get_data() == b""
        assert unchanged.headers["ETag"] == etag
        assert "Accept-Language" in unchanged.headers["Vary"]
    assert calls == []
    stale = client.get(API.format(small), headers={"If-None-Match": '"other"'})
    assert stale.status_code == 200 and stale.get_data() == first.get_data()


def test_the_validator_follows_everything_the_output_depends_on(
    client: FlaskClient, runtime: Runtime, small: str, publisher: dict[str, str]
) -> None:
    seen = [client.get(API.format(small)).headers["ETag"]]
    other_locale = client.get(f"/api/v1/articles/{small}?locale=zh-Hans").headers["ETag"]
    assert other_locale not in seen
    runtime.catalogs.apply_edits("en", [Edit("Related articles", "See also")], None, "t")
    after_catalog = client.get(API.format(small))
    assert after_catalog.get_json()["ui"]["related_articles"] == "See also"
    seen.append(after_catalog.headers["ETag"])
    localizer = {"Authorization": f"Bearer {runtime.tokens.create('l', 'localizer')}"}
    entry = {"source": "zh-Hans", "term": "演习", "target": "en", "translation": "exercise"}
    assert client.post("/api/v1/glossary", json=entry, headers=localizer).status_code < 300
    seen.append(client.get(API.format(small)).headers["ETag"])
    changed = SMALL | {"summary": "新"}
    updated = client.put(f"/api/v1/articles/{small}", json=changed, headers=publisher)
    assert updated.status_code == 200
    after_update = client.get(API.format(small))
    assert after_update.get_json()["revision"] == 2
    seen.append(after_update.headers["ETag"])
    assert len(set(seen)) == len(seen)


def test_an_article_published_again_under_its_id_gets_a_new_validator(
    client: FlaskClient, small: str, publisher: dict[str, str]
) -> None:
    before = client.get(API.format(small))
    assert client.delete(f"/api/v1/articles/{small}", headers=publisher).status_code == 204
    assert client.get(API.format(small)).status_code == 404
    again = SMALL | {"id": small, "title": "另一篇"}
    assert client.post("/api/v1/articles", json=again, headers=publisher).status_code == 201
    after = client.get(API.format(small))
    assert after.get_json()["revision"] == before.get_json()["revision"]
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.get_json()["title"] != before.get_json()["title"]


def test_the_reader_page_is_cacheable_and_answers_304(
    client: FlaskClient, runtime: Runtime, small: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = f"/articles/{small}"
    first = client.get(page, headers={"Accept-Language": "en"})
    assert first.status_code == 200
    assert "no-store" not in first.headers.get("Cache-Control", "")
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    assert {"Accept-Language", "Cookie"} <= set(re.split(r",\s*", first.headers["Vary"]))
    assert "Content-Security-Policy" in first.headers
    etag = first.headers["ETag"]
    calls = _count_serves(runtime, monkeypatch)
    cached = client.get(page, headers={"Accept-Language": "en"})
    assert cached.get_data() == first.get_data()
    assert cached.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    held = client.get(page, headers={"Accept-Language": "en", "If-None-Match": etag})
    assert held.status_code == 304
    assert calls == []
    original = client.get(f"{page}?original=1", headers={"Accept-Language": "en"})
    assert original.headers["ETag"] != etag
    chosen = client.get(f"{page}?lang=zh-Hans")
    assert chosen.headers["Cache-Control"].startswith("private")
    assert "lang=zh-Hans" in chosen.headers["Set-Cookie"]
    by_cookie = client.get(page)
    assert by_cookie.headers["Content-Language"] == "zh-Hans"
    assert by_cookie.headers["Cache-Control"].startswith("public")
    client.set_cookie("cookie_consent", "accepted")
    assert client.get(page).headers["ETag"] != by_cookie.headers["ETag"]


def test_the_editor_alone_keeps_no_store(client: FlaskClient) -> None:
    assert client.get("/localize").headers["Cache-Control"] == "no-store"


def test_recheck_reads_at_most_once_per_period_or_when_the_generation_moves() -> None:
    now, generation, reads = [0.0], [0], []

    def read() -> int:
        reads.append(1)
        return len(reads)

    value = Recheck(read, 1.0, generation=lambda: generation[0], clock=lambda: now[0])
    assert [value.get() for _ in range(5)] == [1] * 5
    now[0] = 0.99
    assert value.get() == 1
    now[0] = 1.0
    assert value.get() == 2
    generation[0] += 1
    assert value.get() == 3 and value.get() == 3
    assert value.get(fresh=True) == 4 and value.get() == 4  # background work reads now


def test_recent_articles_are_reread_after_a_second_or_a_local_write() -> None:
    now, reads = [0.0], []

    def read(article_id: str) -> Article:
        reads.append(article_id)
        return Article(article_id, len(reads), ArticleContent("t", "b"))

    articles = RecentArticles(read, 1.0, clock=lambda: now[0])
    first = articles.get("a")
    assert articles.get("a") is first and reads == ["a"]
    assert articles.digest(first) == articles.digest(articles.get("a"))
    articles.changed()
    assert articles.get("a").revision == 2
    now[0] = 2.0
    assert articles.get("a").revision == 3


def test_the_rendered_cache_is_bounded() -> None:
    cache = RenderedCache(max_entries=2, max_bytes=10)
    for key in "abc":
        cache.put(key, Rendered(b"1234", "text/plain", ()))
    assert cache.get("a") is None and cache.get("c") is not None and len(cache) == 2
    cache.put("big", Rendered(b"x" * 11, "text/plain", ()))
    assert cache.get("big") is None
    cache.put("d", Rendered(b"123456789", "text/plain", ()))
    assert len(cache) == 1 and cache.get("d") is not None
