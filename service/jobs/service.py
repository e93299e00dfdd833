"""``JobService``: create, read, wait for and cancel jobs (what the API, CLI and articles call).

Creating a job stores its row first, then hands it to the dispatcher (the embedded runner or
the broker), so the database always knows every job, whoever runs it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from service.jobs.documents import DocumentJobRequest
from service.jobs.model import (
    Job,
    JobKind,
    JobNotFound,
    JobState,
    JobsUnavailable,
    JobView,
    article_key,
)
from service.jobs.requests import TranslateJobRequest
from service.jobs.store import JobStore
from service.jobs.uploads import JobUploads, Upload
from service.languages import canonical

_POLL_SECONDS = 0.1


class Dispatcher(Protocol):
    def start(self) -> None: ...

    def dispatch(self, job: Job) -> None: ...

    def close(self) -> None: ...


class Targets(Protocol):
    """Checks that a target can be produced (raises UnknownLanguage or UnreachableTarget)."""

    def resolve_target(self, tag: str) -> Any: ...


class JobService:
    """Jobs for one process, with ``dispatcher`` running them."""

    def __init__(
        self,
        store: JobStore,
        dispatcher: Dispatcher,
        targets: Callable[[], Targets],
        queues: Mapping[JobKind, str],
        uploads: JobUploads | None = None,
    ) -> None:
        self.store = store
        self.uploads = uploads or JobUploads(store.database)
        self.dispatcher = dispatcher
        self.queues = dict(queues)
        self._targets = targets

    def _queue(self, job: Job) -> Job:
        try:
            self.dispatcher.dispatch(job)
        except JobsUnavailable as exc:
            self.store.cancel(job.id)
            raise exc
        return job

    def translate(self, request: TranslateJobRequest, owner: str | None = None) -> Job:
        """Queue a bulk translation of ``request``'s texts; raises for an unreachable target."""
        self._targets().resolve_target(request.target)
        params = {
            "target": request.target,
            "source": canonical(request.source) if request.source else None,
            "items": [{"text": text, "format": request.format} for text in request.texts],
        }
        job = self.store.create(
            JobKind.TRANSLATE,
            self.queues[JobKind.TRANSLATE],
            params,
            len(request.texts),
            owner=owner,
            callback_url=request.callback_url,
        )
        return self._queue(job)

    def translate_document(self, request: DocumentJobRequest, owner: str | None = None) -> Job:
        """Queue the translation of a checked upload; its units are the document's runs."""
        self.uploads.sweep()
        params = {
            "target": request.target,
            "source": request.source,
            "filename": request.filename,
        }
        upload = Upload(request.filename, request.data)
        job = self.store.create(
            JobKind.DOCUMENT,
            self.queues[JobKind.DOCUMENT],
            params,
            request.runs,
            owner=owner,
            with_rows=lambda job_id: [self.uploads.row(job_id, upload)],
        )
        return self._queue(job)

    def translate_article(
        self, article_id: str, revision: int, locales: Sequence[str]
    ) -> list[Job]:
        """One job per locale whose translation of this revision is not being made already."""
        jobs = []
        for locale in dict.fromkeys(locales):
            key = article_key(article_id, revision, locale)
            active = self.store.active_for_key(key)
            if active is not None:
                jobs.append(active)
                continue
            params = {"article_id": article_id, "revision": revision, "locale": locale}
            job = self.store.create(
                JobKind.ARTICLE, self.queues[JobKind.ARTICLE], params, 1, key=key
            )
            jobs.append(self._queue(job))
        return jobs

    def suggest_catalog(
        self, locale: str, keys: Sequence[tuple[str, str | None]], author: str
    ) -> Job:
        """Queue machine suggestions for the entries ``keys`` of ``locale``'s catalog."""
        params = {"locale": locale, "author": author, "keys": [list(key) for key in keys]}
        job = self.store.create(
            JobKind.CATALOG, self.queues[JobKind.CATALOG], params, len(keys), owner=author
        )
        return self._queue(job)

    def refresh_article(self, article_id: str, revision: int, locale: str) -> Job:
        """Queue the refresh of one stored article translation (made stale by a change),
        unless one is queued already: a queued job reads what it depends on when it runs, so
        it covers every change made before; a running one may have read too early."""
        key = article_key(article_id, revision, locale)
        active = self.store.active_for_key(key)
        if active is not None and active.state == JobState.QUEUED:
            return active
        params = {"article_id": article_id, "revision": revision, "locale": locale}
        job = self.store.create(
            JobKind.ARTICLE, self.queues[JobKind.ARTICLE], {**params, "refresh": True}, 1, key=key
        )
        return self._queue(job)

    def active_article_job(self, article_id: str, revision: int, locale: str) -> Job | None:
        return self.store.active_for_key(article_key(article_id, revision, locale))

    def raise_priority(self, job_id: str) -> None:
        """Someone waits for the job now: it goes on at interactive priority."""
        self.store.raise_priority(job_id)

    def get(self, job_id: str) -> Job:
        return self.store.get(job_id)

    def view(self, job_id: str) -> JobView:
        """The job, with its unit results once it is done (translate and catalog jobs)."""
        job = self.store.get(job_id)
        done = job.state == JobState.DONE and job.kind in (JobKind.TRANSLATE, JobKind.CATALOG)
        return JobView(job, self.store.units(job_id) if done else None)

    def list(self, limit: int = 50, state: JobState | None = None) -> list[Job]:
        return self.store.list(limit, state)

    def cancel(self, job_id: str) -> Job:
        job = self.store.cancel(job_id)
        if job.kind == JobKind.DOCUMENT and job.state.finished:
            self.uploads.discard(job_id)  # a cancelled document job's file goes at once
        return job

    def wait(self, job_id: str, timeout: float) -> Job:
        """The job once it has finished, or as it is after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.store.get(job_id)
            if job.state.finished or time.monotonic() >= deadline:
                return job
            time.sleep(_POLL_SECONDS)

    def owned_by(self, job_id: str, owner: str | None, admin: bool) -> Job:
        """The job if ``owner`` may see it (its creator, or an admin); else JobNotFound."""
        job = self.store.get(job_id)
        if not admin and job.owner != owner:
            raise JobNotFound(job_id)
        return job

    def start(self) -> None:
        self.dispatcher.start()

    def close(self) -> None:
        self.dispatcher.close()
