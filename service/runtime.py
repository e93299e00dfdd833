"""The objects one process shares between all requests: settings, database, models, engine."""

from __future__ import annotations

import logging
import threading
from importlib.metadata import PackageNotFoundError, version

from flask import current_app

from service.articles.refresh import RefreshWatch
from service.articles.service import ArticleService
from service.auth import ApiKeyStore, TokenStore
from service.auth.rate_limits import RateLimiter
from service.built_once import built_once
from service.catalogs import CatalogRepository
from service.catalogs.db_store import DatabaseCatalogStore
from service.catalogs.file_store import FileCatalogStore
from service.catalogs.history import CatalogHistory, newest_revision
from service.catalogs.store import CatalogStore
from service.config import Settings, catalogs_in_database
from service.detection import load_detectors
from service.engine import TranslationEngine
from service.jobs import JobService
from service.jobs.callback_targets import CallbackPolicy
from service.jobs.callbacks import CallbackSender, pinned_post
from service.jobs.documents import DocumentHandler
from service.jobs.executor import JobExecutor
from service.jobs.handlers import ArticleHandler, TranslateHandler
from service.jobs.model import JobKind, queue_names
from service.jobs.runner import EmbeddedRunner
from service.jobs.service import Dispatcher
from service.jobs.store import JobStore
from service.jobs.suggestions import SuggestHandler
from service.jobs.uploads import JobUploads
from service.known import GlossaryStore, KnownTranslations, MemoryStore
from service.known.catalog_units import catalog_units
from service.known.suggestions import SuggestionStore
from service.review import ArticleReview
from service.store import Database, open_database
from service.translation.chinese_script import convert_script
from service.translation.documents import DocumentLimits, FileStore
from service.translation.translator import ContentTranslator

log = logging.getLogger(__name__)


class Runtime:
    """Built once per process by the app factory; handlers reach it through current_runtime()."""

    NO_MODELS_MESSAGE = (
        "Translation is unavailable: no model is installed. Install one with "
        "'mixlate models install zh en' (needs the Argos package index) or "
        "'mixlate models install-file PATH.argosmodel' (air-gapped)."
    )

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.build_lock = threading.RLock()
        self.closed = False
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        settings.models_dir.mkdir(parents=True, exist_ok=True)

    @built_once
    def version(self) -> str:
        try:
            return version("mixlate")
        except PackageNotFoundError:
            return "0+unknown"

    @built_once
    def database(self) -> Database:
        return open_database(self.settings.database_url)

    @built_once
    def engine(self) -> TranslationEngine:
        return TranslationEngine.from_settings(self.settings, self.database)

    @built_once
    def tokens(self) -> TokenStore:
        return TokenStore(self.database)

    @built_once
    def api_keys(self) -> ApiKeyStore:
        return ApiKeyStore(self.database)

    @built_once
    def rate_limiter(self) -> RateLimiter:
        return RateLimiter(self.settings.limits_storage_url)

    @built_once
    def catalog_store(self) -> CatalogStore:
        """The database (seeded from locales_dir) when nodes share it, else the files."""
        settings = self.settings
        recheck = settings.catalog_recheck_ms / 1000
        if catalogs_in_database(settings):
            return DatabaseCatalogStore(self.database, settings.locales_dir, recheck)
        return FileCatalogStore(settings.locales_dir, recheck)

    @built_once
    def catalogs(self) -> CatalogRepository:
        """The catalogs, with what a killed writer left repaired and undone before any read.

        The database is opened only if a killed writer left an edit to check (see
        ``commit.settle``), so building this stays cheap.
        """
        repository = CatalogRepository(self.catalog_store)
        repository.settle(lambda locale: newest_revision(self.database, locale))
        return repository

    def open_catalogs(self) -> None:
        """Repair and settle the catalog files now (the app factory calls this at startup).

        Served catalogs must never show an edit a killed process left without its history
        row, from the first request on. The database store has nothing to repair (its
        writes are single transactions), so it stays unopened until first used.
        """
        if not catalogs_in_database(self.settings):
            self.catalogs.locales()

    @built_once
    def catalog_history(self) -> CatalogHistory:
        return CatalogHistory(self.database, self.catalogs)

    @built_once
    def translator(self) -> ContentTranslator:
        # Imported here, in the worker: prometheus_client must first be imported after
        # mixlate serve has set its multiprocess folder (see service.metrics).
        from service.metrics import count_characters

        return ContentTranslator(
            self.engine,
            self.settings.detect_languages,
            catalog=self.catalogs.lookup_index,
            on_translated=count_characters,
            known=self.known,
        )

    @built_once
    def glossary(self) -> GlossaryStore:
        return GlossaryStore(self.database, convert_script)

    @built_once
    def memory(self) -> MemoryStore:
        return MemoryStore(self.database, convert_script)

    @built_once
    def known(self) -> KnownTranslations:
        return KnownTranslations(
            self.database,
            self.glossary,
            self.memory,
            catalog_revision=self.catalogs.lookup_index,
            catalog_units=lambda: list(catalog_units(self.catalogs)),
        )

    @built_once
    def suggestions(self) -> SuggestionStore:
        return SuggestionStore(self.database, self.memory)

    @built_once
    def review(self) -> ArticleReview:
        return ArticleReview(
            self.database, lambda: self.translator, lambda: self.known, lambda: self.memory
        )

    @built_once
    def articles(self) -> ArticleService:
        return ArticleService(
            self.database,
            lambda: self.translator,
            self.catalogs,
            self.settings.max_text_chars,
            jobs=lambda: self.jobs,
            default_locales=self.settings.article_locales,
            wait_seconds=self.settings.translate_timeout_seconds,
            model_identities=lambda: [model.identity for model in self.engine.registry.models()],
            privacy_link=self.settings.privacy_url is not None,
        )

    @built_once
    def job_store(self) -> JobStore:
        return JobStore(self.database)

    @built_once
    def job_uploads(self) -> JobUploads:
        return JobUploads(self.database)

    @built_once
    def files(self) -> FileStore:
        """Translated documents, in the database (every node reads what any node wrote)."""
        return FileStore(self.database, self.settings.files_ttl_seconds)

    @built_once
    def file_waiters(self) -> threading.BoundedSemaphore:
        """How many requests may wait for a document job at once: half the server's threads,
        so waiting for large files never takes every thread from the other requests."""
        return threading.BoundedSemaphore(max(1, self.settings.server_threads // 2))

    @built_once
    def document_limits(self) -> DocumentLimits:
        """The most a document may be (the sync limits only choose between now and a job)."""
        settings = self.settings
        return DocumentLimits(
            max_bytes=settings.files_max_bytes,
            max_zip_entries=settings.files_max_zip_entries,
            max_unzipped_bytes=settings.files_max_unzipped_bytes,
            max_chars=settings.files_max_chars,
        )

    @built_once
    def callback_policy(self) -> CallbackPolicy:
        return CallbackPolicy(
            self.settings.callback_allow_private, self.settings.callback_allow_hosts
        )

    @built_once
    def callbacks(self) -> CallbackSender:
        settings = self.settings
        return CallbackSender(
            self.job_store,
            settings.callback_secret,
            settings.callback_attempts,
            settings.callback_backoff_ms / 1000,
            post=pinned_post(self.callback_policy),
        )

    @built_once
    def job_executor(self) -> JobExecutor:
        """Runs jobs in this process (the embedded pool's threads, or a worker's)."""
        handlers = {
            JobKind.TRANSLATE: TranslateHandler(lambda: self.translator),
            JobKind.ARTICLE: ArticleHandler(lambda: self.articles),
            JobKind.CATALOG: SuggestHandler(lambda: self.catalog_history, lambda: self.translator),
            JobKind.DOCUMENT: DocumentHandler(
                lambda: self.translator,
                self.job_uploads,
                self.job_store.units,
                lambda: self.files,
                lambda: self.document_limits,
            ),
        }
        return JobExecutor(
            self.job_store,
            handlers,
            lease_seconds=self.settings.job_lease_seconds,
            chunk=self.settings.job_chunk_items,
            on_finished=self._job_ended,
        )

    def _job_ended(self, job_id: str) -> None:
        """A job's end is committed: a document job's upload and runs go, callbacks are sent."""
        self.job_uploads.sweep(job_id)
        self.callbacks(job_id)

    @built_once
    def celery(self):  # noqa: ANN201 (Celery is imported only where a broker is used)
        from service.jobs.celery_app import celery_app

        return celery_app(self.settings)

    @built_once
    def jobs(self) -> JobService:
        """The job service; in embedded mode its runner resumes unfinished jobs now."""
        dispatcher: Dispatcher
        if self.settings.broker_url:
            from service.jobs.celery_app import CeleryDispatcher

            dispatcher = CeleryDispatcher(self.celery)
        else:
            dispatcher = EmbeddedRunner(
                self.job_executor, self.job_store, self.settings.job_workers
            )
        queues = queue_names(self.settings.queue_prefix)
        service = JobService(
            self.job_store, dispatcher, lambda: self.translator, queues, self.job_uploads
        )
        service.start()
        self.refresh_watch.start()  # a process that queues jobs also queues refreshes
        return service

    @built_once
    def refresh_watch(self) -> RefreshWatch:
        """Queues the refresh of stored article translations that changes made stale."""
        articles = self.articles
        return RefreshWatch(
            articles.dependency_generation,
            articles.refresh_stale,
            self.settings.refresh_check_seconds,
        )

    def installed_models(self) -> list[dict[str, str]]:
        return [
            {"from": m.source, "to": m.target, "version": m.package_version}
            for m in self.engine.registry.models()
        ]

    def log_startup(self) -> None:
        """Say in the log what the service can translate, or how to make it translate."""
        models = self.installed_models()
        if models:
            pairs = ", ".join(f"{m['from']}→{m['to']}" for m in models)
            log.info("models installed: %s", pairs)
        else:
            log.warning(self.NO_MODELS_MESSAGE)

    def prepare_to_serve(self) -> None:
        """Load the detectors now: the first request to detect would load them holding the
        GIL (about a second), and every request thread of the process would wait for it."""
        load_detectors(self.settings.detect_languages)

    def close(self) -> None:
        """Stop every part built so far; none is built after this (``ShuttingDown``)."""
        with self.build_lock:
            self.closed = True
        if "refresh_watch" in self.__dict__:
            self.refresh_watch.close()
        if "jobs" in self.__dict__:
            self.jobs.close()  # running jobs stop between batches and give their leases back
        if "callbacks" in self.__dict__:
            self.callbacks.close()
        if "engine" in self.__dict__:
            self.engine.close()  # the batch loops and the model reaper stop here
        if "database" in self.__dict__:
            self.database.dispose()


def current_runtime() -> Runtime:
    """The Runtime of the app handling the current request."""
    return current_app.extensions["mixlate"]
