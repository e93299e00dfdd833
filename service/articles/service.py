"""``ArticleService``: what the API and the reader page call (one per process, thread-safe)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from service.articles.errors import InvalidArticle
from service.articles.localize import ArticleLocalizer, Translator
from service.articles.model import Article, parse_article
from service.articles.present import (
    article_json,
    languages_display,
    published_display,
    reading_time_display,
    translated_from,
)
from service.articles.repository import ArticleRepository
from service.articles.ui_strings import Gettext, ui_strings
from service.catalogs import CatalogRepository
from service.languages import UnknownLanguage
from service.store import Database
from service.translation.translator import UnreachableTarget


class ArticleService:
    """Stores articles and serves them in any available locale with their UI strings."""

    def __init__(
        self,
        database: Database,
        translator: Callable[[], Translator],
        catalogs: CatalogRepository,
        max_body_chars: int,
    ) -> None:
        self.repository = ArticleRepository(database)
        self.localizer = ArticleLocalizer(self.repository, translator)
        self.catalogs = catalogs
        self.max_body_chars = max_body_chars
        self._translator = translator

    def create(self, data: Mapping[str, Any]) -> Article:
        """Validate and store a new article; raises InvalidArticle or ArticleExists."""
        article_id, content = parse_article(data, max_body_chars=self.max_body_chars)
        return self.repository.create(article_id, content)

    def update(self, article_id: str, data: Mapping[str, Any]) -> Article:
        """Validate and replace an article's content (a new revision)."""
        body_id, content = parse_article(data, max_body_chars=self.max_body_chars)
        if body_id is not None and body_id != article_id:
            raise InvalidArticle({"id": f"must be '{article_id}' (the URL's id) or left out"})
        return self.repository.update(article_id, content)

    def delete(self, article_id: str) -> None:
        self.repository.delete(article_id)

    def get(self, article_id: str) -> Article:
        return self.repository.get(article_id)

    def page(self, number: int, per_page: int) -> tuple[list[Article], int]:
        """Articles of page ``number`` (from 1) and the total count."""
        return self.repository.list((number - 1) * per_page, per_page)

    def available_locales(self) -> list[str]:
        """Locales with a UI catalog that the installed models (or OpenCC) can produce."""
        translator = self._translator()
        available = []
        for tag in self.catalogs.locales():
            try:
                translator.resolve_target(tag)
            except (UnknownLanguage, UnreachableTarget):
                continue
            available.append(tag)
        return available

    def localized(self, article: Article, locale: str) -> dict[str, Any]:
        """The article's stored translation into ``locale`` (translated on first use)."""
        return self.localizer.localize(article, locale)

    def gettext(self, locale: str) -> Gettext:
        """``gettext(msgid, **variables)`` for ``locale`` reading the current catalogs."""
        return partial(self.catalogs.gettext, locale)

    def ui(self, article: Article, localized: Mapping[str, Any], locale: str) -> dict[str, Any]:
        """The page's UI strings in ``locale``, filled in for this article."""
        return ui_strings(
            self.gettext(locale),
            published=published_display(article.content.published_at, locale),
            languages=languages_display(translated_from(localized["fields"]), locale),
            author=localized["texts"]["author"],
            reading_minutes=reading_time_display(localized["texts"], locale),
        )

    def serve(self, article: Article, locale: str, available: list[str]) -> dict[str, Any]:
        """The API JSON of ``article`` in ``locale``."""
        localized = self.localized(article, locale)
        return article_json(
            article, localized, locale, available, self.ui(article, localized, locale)
        )
