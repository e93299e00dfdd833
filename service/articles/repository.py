"""Storing articles and their translations with SQLAlchemy (SQLite or PostgreSQL by URL).

Every update bumps the article's ``revision`` and drops the translations of older revisions
of that article only. Translations are keyed (article_id, revision, locale); storing one
that exists already is a no-op, so the first stored translation wins and every reader of a
key sees the same one. Deleting an article deletes its translations (ON DELETE CASCADE).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from service.articles.errors import ArticleExists, ArticleNotFound
from service.articles.model import Article, ArticleContent, Image, RelatedArticle
from service.store import Database
from service.store.tables import StoredArticle, StoredArticleTranslation

_PAGE = 500


def _aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; every stored time is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _columns(content: ArticleContent) -> dict[str, Any]:
    return {
        "title": content.title,
        "summary": content.summary,
        "body": content.body,
        "body_format": content.body_format,
        "captions": list(content.captions),
        "images": [
            {"url": i.url, "alt": i.alt, "caption": i.caption, "ai_generated": i.ai_generated}
            for i in content.images
        ],
        "reactions": content.reactions,
        "author": content.author,
        "related": [
            {"title": r.title, "summary": r.summary, "url": r.url, "label": r.label}
            for r in content.related
        ],
        "source_url": content.source_url,
        "published_at": content.published_at,
    }


def _article(row: StoredArticle) -> Article:
    content = ArticleContent(
        title=row.title,
        body=row.body,
        summary=row.summary,
        body_format=row.body_format,
        captions=tuple(row.captions),
        images=tuple(Image(**image) for image in row.images or ()),
        reactions=row.reactions,
        author=row.author,
        related=tuple(
            RelatedArticle(r["title"], r.get("summary", ""), r.get("url"), r.get("label"))
            for r in row.related
        ),
        source_url=row.source_url,
        published_at=_aware(row.published_at),
    )
    return Article(row.id, row.revision, content)


def generated_id() -> str:
    """A fresh random article id."""
    return "a-" + secrets.token_hex(6)


class ArticleRepository:
    """CRUD of articles and storage of their per-locale translations."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def create(self, article_id: str | None, content: ArticleContent) -> Article:
        """Store a new article (revision 1); raises ArticleExists for a taken id."""
        for _attempt in range(3):
            chosen = article_id or generated_id()
            try:
                with self.database.session() as session:
                    session.add(StoredArticle(id=chosen, revision=1, **_columns(content)))
            except IntegrityError as exc:
                if article_id is not None:
                    raise ArticleExists(chosen) from exc
                continue
            return Article(chosen, 1, content)
        raise ArticleExists(chosen)

    def get(self, article_id: str) -> Article:
        """The article; raises ArticleNotFound."""
        with self.database.session() as session:
            row = session.get(StoredArticle, article_id)
            if row is None:
                raise ArticleNotFound(article_id)
            return _article(row)

    def update(self, article_id: str, content: ArticleContent) -> Article:
        """Replace the article's content, bump its revision and drop its older translations."""
        with self.database.session() as session:
            revision = session.scalar(
                update(StoredArticle)
                .where(StoredArticle.id == article_id)
                .values(
                    revision=StoredArticle.revision + 1,
                    updated_at=datetime.now(UTC),
                    **_columns(content),
                )
                .returning(StoredArticle.revision)
            )
            if revision is None:
                raise ArticleNotFound(article_id)
            session.execute(
                delete(StoredArticleTranslation).where(
                    StoredArticleTranslation.article_id == article_id,
                    StoredArticleTranslation.revision < revision,
                )
            )
        return Article(article_id, revision, content)

    def delete(self, article_id: str) -> None:
        """Delete the article and its translations; raises ArticleNotFound."""
        with self.database.session() as session:
            deleted = session.execute(delete(StoredArticle).where(StoredArticle.id == article_id))
            if deleted.rowcount == 0:
                raise ArticleNotFound(article_id)

    def list(self, offset: int, limit: int) -> tuple[list[Article], int]:
        """One page of articles, newest published first, and the total number of articles."""
        with self.database.session() as session:
            total = session.scalar(select(func.count()).select_from(StoredArticle)) or 0
            rows = session.scalars(
                select(StoredArticle)
                .order_by(
                    StoredArticle.published_at.desc().nulls_last(),
                    StoredArticle.created_at.desc(),
                    StoredArticle.id,
                )
                .offset(offset)
                .limit(limit)
            ).all()
            return [_article(row) for row in rows], total

    def translation(self, article_id: str, revision: int, locale: str) -> dict[str, Any] | None:
        """The stored translation of one revision into ``locale``, if any."""
        with self.database.session() as session:
            row = session.get(StoredArticleTranslation, (article_id, revision, locale))
            return None if row is None else row.content

    def store_translation(
        self, article_id: str, revision: int, locale: str, content: dict[str, Any]
    ) -> None:
        """Store a translation unless one is stored already; raises ArticleNotFound."""
        row = {"article_id": article_id, "revision": revision, "locale": locale, "content": content}
        try:
            self.database.insert_ignoring_duplicates(StoredArticleTranslation.__table__, [row])
        except IntegrityError as exc:
            raise ArticleNotFound(article_id) from exc

    def replace_translation(
        self,
        article_id: str,
        revision: int,
        locale: str,
        content: dict[str, Any],
        made_over: Mapping[str, Any] | None,
    ) -> bool:
        """Store a translation over the stale one it was made to replace (``made_over``: that
        one's ``depends``); False, storing nothing, when the row changed meanwhile (another
        maker stored first, or a review marked it stale: what was made predates the review)."""
        with self.database.session() as session:
            row = session.get(StoredArticleTranslation, (article_id, revision, locale))
            if row is None:
                session.add(
                    StoredArticleTranslation(
                        article_id=article_id, revision=revision, locale=locale, content=content
                    )
                )
                return True
            if row.content.get("depends") != made_over:
                return False
            row.content = content
            return True

    def stored_translations(self) -> Iterator[tuple[str, int, str, dict[str, Any]]]:
        """(article id, revision, locale, content) of every stored translation of an
        article's current revision, read in pages (for the background refresh)."""
        query = (
            select(
                StoredArticleTranslation.article_id,
                StoredArticleTranslation.revision,
                StoredArticleTranslation.locale,
                StoredArticleTranslation.content,
            )
            .join(StoredArticle, StoredArticle.id == StoredArticleTranslation.article_id)
            .where(StoredArticle.revision == StoredArticleTranslation.revision)
            .order_by(StoredArticleTranslation.article_id, StoredArticleTranslation.locale)
            .execution_options(yield_per=_PAGE)
        )
        with self.database.session() as session:
            yield from (tuple(row) for row in session.execute(query))  # type: ignore[misc]

    def forget_dependencies(self, article_id: str, revision: int, locale: str) -> bool:
        """Mark a stored translation stale (its dependencies unknown); False if none."""
        with self.database.session() as session:
            row = session.get(StoredArticleTranslation, (article_id, revision, locale))
            if row is None:
                return False
            row.content = {**row.content, "depends": None}
            return True

    def translation_count(self, article_id: str) -> int:
        """How many translations of the article are stored (all revisions)."""
        with self.database.session() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(StoredArticleTranslation)
                    .where(StoredArticleTranslation.article_id == article_id)
                )
                or 0
            )
