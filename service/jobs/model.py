"""What a job is: its state machine, its rows as dataclasses, and the errors about jobs.

A job goes ``queued`` → ``running`` → ``done`` | ``failed``; ``cancelled`` can be reached from
``queued`` or ``running``. A job is a list of ``total`` units (texts, an article translation,
catalog entries, a document's runs); ``done`` counts the units whose result is stored. Each
unit's result is written once, keyed by (job, position), so a job resumed or redelivered
after a crash continues where it stopped and never writes a unit twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


class JobKind(StrEnum):
    TRANSLATE = "translate"
    ARTICLE = "article"
    CATALOG = "catalog"
    DOCUMENT = "document"


# One broker queue per kind of work, so sites can run bulk work on other machines.
_QUEUE_NAMES = {
    JobKind.TRANSLATE: "translate",
    JobKind.ARTICLE: "articles",
    JobKind.CATALOG: "catalogs",
    JobKind.DOCUMENT: "documents",
}


def queue_names(prefix: str) -> dict[JobKind, str]:
    """The broker queue of each kind of job (``<prefix>.translate`` ...)."""
    return {kind: f"{prefix}.{name}" for kind, name in _QUEUE_NAMES.items()}


@dataclass(frozen=True)
class Job:
    """One job row."""

    id: str
    kind: JobKind
    queue: str
    state: JobState
    params: dict[str, Any]
    key: str | None
    owner: str | None
    total: int
    done: int
    error: str | None
    result: dict[str, Any] | None
    callback_url: str | None
    callback_state: str | None
    callback_attempts: int
    runs: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True)
class JobUnit:
    """The stored result of one unit, and the worker that wrote it."""

    position: int
    result: dict[str, Any]
    written_by: str


@dataclass(frozen=True)
class JobView:
    """A job with the results of its units (given once the job is done)."""

    job: Job
    units: list[JobUnit] | None


def article_key(article_id: str, revision: int, locale: str) -> str:
    """The ``key`` of the job translating one article revision into one locale."""
    return f"article:{article_id}:{revision}:{locale}"


class JobNotFound(LookupError):
    def __init__(self, job_id: str) -> None:
        super().__init__(f"No job '{job_id[:64]}'")
        self.job_id = job_id


class InvalidJob(ValueError):
    """A job request that cannot be run; ``fields`` names each faulty field."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("The job is invalid")
        self.fields = fields


class JobEnded(RuntimeError):
    """A job someone waited for ended without its result (failed or cancelled)."""

    def __init__(self, job_id: str, state: JobState, reason: str) -> None:
        super().__init__(reason)
        self.job_id = job_id
        self.state = state


class JobsUnavailable(RuntimeError):
    """The broker cannot be reached, so the job cannot be queued (retry later)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Jobs cannot be queued: {reason}")
        self.reason = reason
