"""Errors of the articles package; the API maps them to 404, 409 and 422."""

from __future__ import annotations


class ArticleError(Exception):
    """Base of the article errors."""


class ArticleNotFound(ArticleError):
    """No article with this id."""

    def __init__(self, article_id: str) -> None:
        super().__init__(f"No article with id '{article_id}'")
        self.article_id = article_id


class ArticleExists(ArticleError):
    """An article with this id exists already."""

    def __init__(self, article_id: str) -> None:
        super().__init__(f"An article with id '{article_id}' exists already")
        self.article_id = article_id


class InvalidArticle(ArticleError):
    """The article JSON has problems; ``fields`` maps each field to what is wrong with it."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("Invalid article: " + "; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields
