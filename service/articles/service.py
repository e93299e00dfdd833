"""``ArticleService``: what the API and the reader page call (one per process, thread-safe).

Publishing (``publish``/``republish``) stores the article, then asks the job service for one
background translation per locale (the request's ``locales``, else the site's default
locales), so readers find them stored. A reader asking for a locale whose job is running
waits for that job instead of translating the article a second time.

Reads (``current``, ``serving_locales``, ``validator``) go through
``service.articles.freshness``: an article row, the locales served and the glossary and
memory revisions are re-read at most once a second per process (this process's writes are
seen at once), so a cached read costs a stat and a digest.

A stored translation that is stale (``service.articles.dependencies``: a model on its route,
the locale's catalog, the glossary or the memory it used changed) is not served: the read
translates it again, or waits for the refresh job already running it, whose priority it
raises to interactive. ``refresh_stale`` queues one refresh job per stale translation (what
``service.articles.refresh`` runs when models, catalogs or the glossary change), and
``reviewed`` marks a translation stale and queues its refresh after a review.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from service.articles.dependencies import Routes, Stamp
from service.articles.errors import InvalidArticle
from service.articles.freshness import ReadStamps, RecentArticles
from service.articles.localize import ArticleLocalizer, Translator
from service.articles.model import MAX_ITEMS, Article, parse_article
from service.articles.negotiation import match_locale
from service.articles.present import (
    article_json,
    article_translated_from,
    article_untranslated,
    languages_display,
    published_display,
    reading_time_display,
)
from service.articles.repository import ArticleRepository
from service.articles.ui_strings import Gettext, ui_strings
from service.catalogs import CatalogRepository, UnknownLocale
from service.engine import ModelNotInstalled, Priority
from service.known.revisions import local_commits
from service.languages import UnknownLanguage
from service.recheck import Recheck
from service.store import Database
from service.translation.translator import UnreachableTarget


class TranslationJob(Protocol):
    """A background job as articles see it."""

    id: str
    state: str


class TranslationJobs(Protocol):
    """What articles need of the job service (the runtime wires it; articles import no jobs)."""

    def translate_article(
        self, article_id: str, revision: int, locales: Sequence[str]
    ) -> Sequence[TranslationJob]: ...

    def active_article_job(
        self, article_id: str, revision: int, locale: str
    ) -> TranslationJob | None: ...

    def refresh_article(self, article_id: str, revision: int, locale: str) -> TranslationJob: ...

    def raise_priority(self, job_id: str) -> None: ...

    def wait(self, job_id: str, timeout: float) -> TranslationJob: ...


@dataclass(frozen=True)
class Published:
    """A stored article and the background translation jobs its publication queued."""

    article: Article
    jobs: dict[str, TranslationJob] = field(default_factory=dict)


class ArticleService:
    """Stores articles and serves them in any available locale with their UI strings."""

    def __init__(
        self,
        database: Database,
        translator: Callable[[], Translator],
        catalogs: CatalogRepository,
        max_body_chars: int,
        jobs: Callable[[], TranslationJobs] | None = None,
        default_locales: Sequence[str] = (),
        wait_seconds: float = 120.0,
        model_identities: Callable[[], Sequence[str]] = tuple,
        privacy_link: bool = True,
    ) -> None:
        """``model_identities``: the installed models' identities (part of every validator);
        ``privacy_link``: whether the site links a privacy policy (the cookie text says so)."""
        self.repository = ArticleRepository(database)
        self.catalogs = catalogs
        self.max_body_chars = max_body_chars
        self.default_locales = tuple(default_locales)
        self.wait_seconds = wait_seconds
        self._translator = translator
        self._jobs = jobs
        self.privacy_link = privacy_link
        self.recent = RecentArticles(self.repository.get)
        self.stamps = ReadStamps(
            self.recent,
            catalogs.revision,
            lambda: self._translator().known_revision(),
            model_identities,
            local_commits,
        )
        self._model_identities = model_identities
        self.localizer = ArticleLocalizer(
            self.repository, translator, self.stamps.stamp, Routes(self._route_identities)
        )
        self._serving = Recheck(self.available_locales)

    def _route_identities(self, source: str, target: str) -> list[str] | None:
        """The identities of the models from ``source`` to ``target``; None: no route."""
        try:
            _route, models = self._translator().resolve(source, target)
        except (ModelNotInstalled, UnknownLanguage, UnreachableTarget):
            return None
        return [model.identity for model in models]

    def create(self, data: Mapping[str, Any]) -> Article:
        """Validate and store a new article; raises InvalidArticle or ArticleExists."""
        return self.publish(data).article

    def update(self, article_id: str, data: Mapping[str, Any]) -> Article:
        """Validate and replace an article's content (a new revision)."""
        return self.republish(article_id, data).article

    def publish(self, data: Mapping[str, Any]) -> Published:
        """``create``, then queue the translation into each of the article's locales."""
        fields, locales = self._split_locales(data)
        article_id, content = parse_article(fields, max_body_chars=self.max_body_chars)
        created = self.repository.create(article_id, content)
        self.recent.changed()
        return self._translate_later(created, locales)

    def republish(self, article_id: str, data: Mapping[str, Any]) -> Published:
        """``update``, then queue the new revision's translations."""
        fields, locales = self._split_locales(data)
        body_id, content = parse_article(fields, max_body_chars=self.max_body_chars)
        if body_id is not None and body_id != article_id:
            raise InvalidArticle({"id": f"must be '{article_id}' (the URL's id) or left out"})
        updated = self.repository.update(article_id, content)
        self.recent.changed()
        return self._translate_later(updated, locales)

    def _split_locales(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The article fields, and the available locales its ``locales`` names (or defaults)."""
        fields = dict(data)
        raw = fields.pop("locales", None)
        if raw is None or self._jobs is None:
            return fields, self._defaults() if self._jobs is not None else []
        if not isinstance(raw, list) or len(raw) > MAX_ITEMS:
            raise InvalidArticle({"locales": f"must be a list of at most {MAX_ITEMS} locales"})
        available = self.available_locales()
        found, problems = [], {}
        for index, tag in enumerate(raw):
            locale = match_locale(tag, available) if isinstance(tag, str) else None
            if locale is None:
                problems[f"locales[{index}]"] = (
                    f"is not an available locale (available: {', '.join(available)})"
                )
            found.append(locale)
        if problems:
            raise InvalidArticle(problems)
        return fields, list(dict.fromkeys(found))

    def _defaults(self) -> list[str]:
        """The site's default locales that can be served (others are ignored)."""
        if not self.default_locales:
            return []
        available = self.available_locales()
        found = (match_locale(tag, available) for tag in self.default_locales)
        return list(dict.fromkeys(locale for locale in found if locale is not None))

    def _translate_later(self, article: Article, locales: list[str]) -> Published:
        if not locales or self._jobs is None:
            return Published(article)
        jobs = self._jobs().translate_article(article.id, article.revision, locales)
        return Published(article, dict(zip(locales, jobs, strict=True)))

    def store_translation(
        self, article: Article, locale: str, priority: Priority
    ) -> dict[str, Any]:
        """Translate and store ``article`` into ``locale`` unless stored (for article jobs)."""
        return self.localizer.store(article, locale, priority)

    def pending_job(self, article: Article, locale: str) -> TranslationJob | None:
        """The job making ``article``'s translation into ``locale`` (queued now if none), or
        None when a current translation is stored already or there are no jobs."""
        if self._jobs is None or self._stored(article, locale, self.stamps.stamp(locale)):
            return None
        jobs = self._jobs()
        active = jobs.active_article_job(article.id, article.revision, locale)
        if active is not None:
            jobs.raise_priority(active.id)  # someone waits for it now
            return active
        return jobs.translate_article(article.id, article.revision, [locale])[0]

    def _stored(self, article: Article, locale: str, stamp: Stamp) -> dict[str, Any] | None:
        """The stored translation of ``article`` into ``locale`` if it is current at ``stamp``."""
        found = self.repository.translation(article.id, article.revision, locale)
        return self.localizer.current(found, stamp)

    def refresh_stale(self) -> int:
        """Queue a refresh job for every stored translation (of a current revision) that is
        stale now; how many were found stale. Idempotent: a queued refresh is not doubled."""
        if self._jobs is None:
            return 0
        stamps: dict[str, Stamp | None] = {}
        served = set(self.available_locales())
        stale = []
        for article_id, revision, locale, content in self.repository.stored_translations():
            if locale not in stamps:
                try:
                    stamps[locale] = self.stamps.stamp(locale) if locale in served else None
                except UnknownLocale:
                    stamps[locale] = None
                # None: a locale no longer served (no catalog, or no model reaches it)
            stamp = stamps[locale]
            if stamp is not None and self.localizer.current(content, stamp) is None:
                stale.append((article_id, revision, locale))
        jobs = self._jobs()
        for key in stale:
            jobs.refresh_article(*key)
        return len(stale)

    def reviewed(self, article: Article, locale: str) -> None:
        """A reviewer changed sentences of ``article`` in ``locale``: its stored translation
        is stale (read anew, with the reviewed sentences) and is refreshed in the background."""
        locale = match_locale(locale, self.serving_locales()) or locale
        if self.repository.forget_dependencies(article.id, article.revision, locale):
            self.recent.changed()
            if self._jobs is not None:
                self._jobs().refresh_article(article.id, article.revision, locale)

    def dependency_generation(self) -> tuple[object, ...]:
        """What every stored translation depends on but the memory, read now: the installed
        models, each locale's catalog revision and the glossary revision (for the watch)."""
        catalogs = []
        for tag in self.catalogs.locales():
            try:
                catalogs.append((tag, self.catalogs.revision(tag)))
            except UnknownLocale:
                continue
        glossary = (list(self._translator().known_revision()) + [0])[0]
        return (tuple(self._model_identities()), tuple(catalogs), glossary)

    def delete(self, article_id: str) -> None:
        self.repository.delete(article_id)
        self.recent.changed()

    def get(self, article_id: str) -> Article:
        return self.repository.get(article_id)

    def current(self, article_id: str) -> Article:
        """The article for a read: re-read from the store at most once a second."""
        return self.recent.get(article_id)

    def validator(
        self, article: Article, locale: str, available: Sequence[str], view: Sequence[object]
    ) -> str:
        """The strong ETag of ``article`` in ``locale`` as ``view``, computed without
        reading or making its translation."""
        return self.stamps.validator(article, locale, available, view)

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

    def serving_locales(self) -> list[str]:
        """``available_locales()`` for reads: listed again at most once a second."""
        return self._serving.get()

    def localized(self, article: Article, locale: str) -> dict[str, Any]:
        """The article's current stored translation into ``locale`` (translated on first use
        and again when the stored one is stale).

        While a job is translating it (publication or refresh), raise that job's priority to
        interactive and wait for it (up to ``wait_seconds``) rather than translate it twice;
        a job that is only queued is overtaken at interactive priority (the job then finds
        the translation stored).
        """
        stamp = self.stamps.stamp(locale)
        if self._jobs is not None and self._stored(article, locale, stamp) is None:
            jobs = self._jobs()
            job = jobs.active_article_job(article.id, article.revision, locale)
            if job is not None:
                jobs.raise_priority(job.id)
                if job.state == "running":
                    jobs.wait(job.id, self.wait_seconds)
        return self.localizer.localize(article, locale, stamp)

    def gettext(self, locale: str) -> Gettext:
        """``gettext(msgid, **variables)`` for ``locale`` reading the current catalogs."""
        return partial(self.catalogs.gettext, locale)

    def ui(self, article: Article, localized: Mapping[str, Any], locale: str) -> dict[str, Any]:
        """The page's UI strings in ``locale``, filled in for this article."""
        return ui_strings(
            self.gettext(locale),
            published=published_display(article.content.published_at, locale),
            languages=languages_display(article_translated_from(localized["fields"]), locale),
            left=languages_display(list(article_untranslated(localized["fields"])), locale),
            author=localized["texts"]["author"],
            reading_minutes=reading_time_display(localized["texts"], locale),
            privacy_link=self.privacy_link,
        )

    def serve(self, article: Article, locale: str, available: list[str]) -> dict[str, Any]:
        """The API JSON of ``article`` in ``locale``."""
        localized = self.localized(article, locale)
        return article_json(
            article, localized, locale, available, self.ui(article, localized, locale)
        )
