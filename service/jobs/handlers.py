"""What each kind of job does with its units, at bulk priority so readers go first.

- ``translate``: unit *i* is ``params["items"][i]`` (a text or an HTML document) translated
  into ``params["target"]``; each batch of pending units is one pipeline run.
- ``article``: one unit, the article revision's translation into a locale, stored by the
  article localizer (idempotent per article, revision and locale; a stored translation that
  is still current is kept, a stale one is made again: publication and refresh jobs alike).
  A job for a revision the article no longer has ends ``done`` with ``superseded`` in its
  result. A reader waiting for the job raises it to interactive priority (``raising``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from service.articles.errors import ArticleNotFound
from service.articles.model import Article
from service.engine import Priority
from service.jobs.executor import Work
from service.jobs.raising import run_raisable
from service.translation.translator import ContentTranslator, Item, ItemResult


def unit_result(result: ItemResult) -> dict[str, Any]:
    """One translated item as stored in a unit (and shown by the API)."""
    found: dict[str, Any] = {"translation": result.translation, "languages": result.languages}
    if result.untranslated:
        found["untranslated"] = dict(sorted(result.untranslated.items()))
    return found


class TranslateHandler:
    """Runs ``translate`` jobs."""

    def __init__(self, translator: Callable[[], ContentTranslator]) -> None:
        self._translator = translator

    def __call__(self, work: Work) -> dict[str, Any] | None:
        params = work.job.params
        translator = self._translator()
        target = translator.resolve_target(params["target"])
        items = [Item(entry["text"], entry["format"]) for entry in params["items"]]
        source = params.get("source")
        work.check()
        for batch in work.batches():
            results = translator.translate(
                [items[position] for position in batch],
                target,
                source,
                keep_unroutable=True,
                priority=Priority.BULK,
            )
            work.write(
                {position: unit_result(r) for position, r in zip(batch, results, strict=True)}
            )
        return None


class ArticleTranslations(Protocol):
    """What an article job needs of the article service."""

    def get(self, article_id: str) -> Article: ...

    def store_translation(
        self, article: Article, locale: str, priority: Priority
    ) -> dict[str, Any]: ...


class ArticleHandler:
    """Runs ``article`` jobs."""

    def __init__(self, articles: Callable[[], ArticleTranslations]) -> None:
        self._articles = articles

    def __call__(self, work: Work) -> dict[str, Any] | None:
        params = work.job.params
        work.check()
        if not work.pending():
            return {"article": params["article_id"], "locale": params["locale"]}
        articles = self._articles()
        try:
            article = articles.get(params["article_id"])
        except ArticleNotFound:
            return {"article": params["article_id"], "superseded": "deleted"}
        if article.revision != params["revision"]:
            return {"article": article.id, "superseded": f"revision {article.revision}"}
        stored = run_raisable(
            lambda priority: articles.store_translation(article, params["locale"], priority),
            work.raised,
        )
        work.write({0: {"languages": stored.get("languages", {})}})
        return {"article": article.id, "revision": article.revision, "locale": params["locale"]}
