"""Article storage on SQLite (always) and PostgreSQL (when reachable)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect

from service.articles.errors import ArticleExists, ArticleNotFound
from service.articles.model import ArticleContent, RelatedArticle
from service.articles.repository import ArticleRepository
from service.store import Database, open_database
from tests.support.postgres import postgres_schema_url


@pytest.fixture(params=["sqlite", "postgresql"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ArticleRepository]:
    if request.param == "sqlite":
        database = open_database(f"sqlite:///{tmp_path / 'articles.db'}")
        yield ArticleRepository(database)
        database.dispose()
        return
    with postgres_schema_url() as url:
        database: Database = open_database(url)
        yield ArticleRepository(database)
        database.dispose()


def content(title: str = "Title 标题", published: datetime | None = None) -> ArticleContent:
    return ArticleContent(
        title=title,
        body="Body",
        captions=("cap 1", "图片 2"),
        related=(RelatedArticle("相关", "summary"),),
        source_url="https://example.com/a",
        published_at=published,
    )


def test_the_migration_creates_the_tables(repo: ArticleRepository) -> None:
    tables = set(inspect(repo.database.engine).get_table_names())
    assert {"articles", "article_translations"} <= tables


def test_create_get_round_trip(repo: ArticleRepository) -> None:
    published = datetime(2025, 12, 7, 10, tzinfo=UTC)
    created = repo.create("a1", content(published=published))
    assert (created.id, created.revision) == ("a1", 1)
    assert repo.get("a1") == created
    assert repo.get("a1").content.published_at == published
    with pytest.raises(ArticleExists):
        repo.create("a1", content())
    with pytest.raises(ArticleNotFound):
        repo.get("missing")


def test_generated_ids_are_distinct(repo: ArticleRepository) -> None:
    first, second = repo.create(None, content()), repo.create(None, content())
    assert first.id != second.id
    assert first.id.startswith("a-")


def test_update_bumps_revision_and_drops_only_its_own_translations(
    repo: ArticleRepository,
) -> None:
    repo.create("a1", content())
    repo.create("a2", content())
    for article_id in ("a1", "a2"):
        repo.store_translation(article_id, 1, "zh-Hans", {"texts": {"title": article_id}})
    updated = repo.update("a1", content("New title"))
    assert updated.revision == 2
    assert repo.get("a1").content.title == "New title"
    assert repo.translation("a1", 1, "zh-Hans") is None
    assert repo.translation("a2", 1, "zh-Hans") == {"texts": {"title": "a2"}}
    assert repo.update("a1", content()).revision == 3
    with pytest.raises(ArticleNotFound):
        repo.update("missing", content())


def test_the_first_stored_translation_wins(repo: ArticleRepository) -> None:
    repo.create("a1", content())
    repo.store_translation("a1", 1, "en", {"n": 1})
    repo.store_translation("a1", 1, "en", {"n": 2})
    assert repo.translation("a1", 1, "en") == {"n": 1}
    with pytest.raises(ArticleNotFound):
        repo.store_translation("missing", 1, "en", {"n": 1})


def test_delete_cascades_to_translations(repo: ArticleRepository) -> None:
    repo.create("a1", content())
    repo.store_translation("a1", 1, "en", {"n": 1})
    repo.store_translation("a1", 1, "zh-Hant", {"n": 1})
    assert repo.translation_count("a1") == 2
    repo.delete("a1")
    assert repo.translation_count("a1") == 0
    with pytest.raises(ArticleNotFound):
        repo.delete("a1")


def test_list_pages_newest_first(repo: ArticleRepository) -> None:
    for day in (3, 1, 2):
        repo.create(f"d{day}", content(published=datetime(2025, 12, day, tzinfo=UTC)))
    repo.create("undated", content())
    page, total = repo.list(0, 2)
    assert total == 4
    assert [a.id for a in page] == ["d3", "d2"]
    assert [a.id for a in repo.list(2, 2)[0]] == ["d1", "undated"]
    assert repo.list(4, 2)[0] == []
