"""Running one job: claim it, run its kind's handler over the units not stored yet, finish.

The same code runs in the embedded thread pool and in a Celery worker. A handler gets a
``Work``: the positions still to do, and ``write`` to store a batch of unit results. Every
``write`` renews the lease and checks the job: a cancelled job, a lost lease or a shutdown
stops the handler (``Stopped``) between batches. A handler's error fails the job with its
message; a shutdown only gives the lease back, so the job is resumed from where it stopped.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from service.engine.errors import SchedulerClosed
from service.jobs.model import Job, JobKind, JobState
from service.jobs.store import INTERACTIVE, JobStore

log = logging.getLogger(__name__)


class Stopped(Exception):
    """The job must stop here: cancelled, taken over by another worker, or shutting down."""


def worker_name() -> str:
    """A name for this process: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Work:
    """One run of one job, as its handler sees it."""

    def __init__(
        self,
        store: JobStore,
        job: Job,
        owner: str,
        lease_seconds: float,
        chunk: int,
        stopping: threading.Event,
    ) -> None:
        self.job = job
        self.chunk = chunk
        self._store = store
        self._owner = owner
        self._lease = lease_seconds
        self._stopping = stopping

    def pending(self) -> list[int]:
        """Positions whose result is not stored yet, in order."""
        stored = self._store.stored_positions(self.job.id)
        return [position for position in range(self.job.total) if position not in stored]

    def batches(self) -> list[list[int]]:
        """The pending positions cut into batches of ``chunk``."""
        pending = self.pending()
        return [pending[i : i + self.chunk] for i in range(0, len(pending), self.chunk)]

    def check(self) -> None:
        """Raise Stopped if the job must not go on."""
        if self._stopping.is_set():
            raise Stopped("shutting down")
        state = self._store.renew(self.job.id, self._owner, self._lease)
        if state is None:
            raise Stopped("lease lost")
        if state != JobState.RUNNING:
            raise Stopped(state.value)

    def raised(self) -> bool:
        """Whether someone now waits for this job (its priority was raised to interactive)."""
        params = self._store.get(self.job.id).params
        return params.get("priority") == INTERACTIVE

    def write(self, results: Mapping[int, dict[str, Any]]) -> None:
        """Store a batch of unit results, then ``check``."""
        self._store.write_units(self.job.id, self._owner, results)
        self.check()


class Handler(Protocol):
    def __call__(self, work: Work) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class Outcome:
    """What became of one run: ``retry_after`` seconds when another worker holds the job."""

    state: JobState | None
    retry_after: float = 0.0


class JobExecutor:
    """Runs jobs by id with the handlers of each kind."""

    def __init__(
        self,
        store: JobStore,
        handlers: Mapping[JobKind, Handler],
        *,
        lease_seconds: float,
        chunk: int,
        on_finished: Callable[[str], None] | None = None,
        owner: str | None = None,
    ) -> None:
        self.store = store
        self.handlers = dict(handlers)
        self.lease_seconds = lease_seconds
        self.chunk = chunk
        self.owner = owner or worker_name()
        self.stopping = threading.Event()
        self._on_finished = on_finished

    def run(self, job_id: str) -> Outcome:
        """Run the job if it is free; never raises for the job's own errors."""
        # Each run claims under a name of its own: a message redelivered to this same process
        # while the job runs here must be turned away like one delivered elsewhere.
        owner = f"{self.owner}/{uuid.uuid4().hex[:6]}"
        claim = self.store.claim(job_id, owner, self.lease_seconds)
        if claim.job is None:
            return Outcome(None, claim.busy_seconds)
        job = claim.job
        work = Work(self.store, job, owner, self.lease_seconds, self.chunk, self.stopping)
        try:
            result = self.handlers[job.kind](work)
        except (Stopped, SchedulerClosed) as stop:
            log.info("job %s stopped: %s", job_id, stop)
            self.store.release(job_id, owner)
            return Outcome(self.store.get(job_id).state)
        except Exception as exc:
            log.warning("job %s failed", job_id, exc_info=True)
            ended = self.store.finish(job_id, owner, JobState.FAILED, error=_message(exc))
            return self._ended(job_id, JobState.FAILED if ended else None)
        ended = self.store.finish(job_id, owner, JobState.DONE, result=result)
        return self._ended(job_id, JobState.DONE if ended else None)

    def _ended(self, job_id: str, state: JobState | None) -> Outcome:
        if state is not None and self._on_finished is not None:
            self._on_finished(job_id)
        return Outcome(state)


def _message(exc: Exception) -> str:
    text = str(exc)
    return text if text else type(exc).__name__
