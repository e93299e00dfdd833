"""The embedded runner: jobs on a small in-process thread pool (no broker configured).

``start`` resumes every unfinished job in the database, so a restart (or a crash) loses no
job: the units stored before are kept and the rest is done. A job held by another process's
live lease (two servers on one database) is retried once that lease would have expired.
``close`` stops the running jobs between batches and gives their leases back.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from service.jobs.executor import JobExecutor
from service.jobs.model import Job
from service.jobs.store import JobStore

log = logging.getLogger(__name__)


class EmbeddedRunner:
    """Runs jobs with ``executor`` on ``workers`` threads of this process."""

    def __init__(self, executor: JobExecutor, store: JobStore, workers: int) -> None:
        self.executor = executor
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mixlate-job")
        self._timers: set[threading.Timer] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Resume the unfinished jobs."""
        for job in self.store.unfinished():
            self.dispatch(job)

    def dispatch(self, job: Job) -> None:
        self._submit(job.id)

    def _submit(self, job_id: str) -> None:
        with self._lock:
            if not self._closed:
                self._pool.submit(self._run, job_id)

    def _run(self, job_id: str) -> None:
        try:
            outcome = self.executor.run(job_id)
        except Exception:  # the database went away: the next start resumes the job
            log.exception("job %s could not run", job_id)
            return
        if outcome.retry_after:
            self._later(job_id, outcome.retry_after)

    def _later(self, job_id: str, seconds: float) -> None:
        with self._lock:
            if self._closed:
                return
            self._timers = {timer for timer in self._timers if timer.is_alive()}
            timer = threading.Timer(seconds, self._submit, args=(job_id,))
            timer.daemon = True
            self._timers.add(timer)
            timer.start()

    def close(self) -> None:
        """Stop between batches, give leases back, and wait for the threads."""
        with self._lock:
            self._closed = True
            timers = list(self._timers)
        for timer in timers:
            timer.cancel()
        self.executor.stopping.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
