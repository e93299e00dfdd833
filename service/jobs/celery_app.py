"""Jobs on Celery: the app (broker by URL), the one task, and the dispatcher web nodes use.

The task only carries a job id; the job itself (parameters, state, progress, results) is in
the database. ``acks_late`` with ``reject_on_worker_lost``: a message is acknowledged when
the run ends, so a worker killed mid-job leaves it to the broker to redeliver (RabbitMQ at
once, Redis after ``MIXLATE_BROKER_VISIBILITY_SECONDS``), and the next worker resumes the
job from its stored units. A redelivered message whose job another live worker still runs
is retried after that worker's lease would expire.
"""

from __future__ import annotations

from celery import Celery
from kombu.exceptions import OperationalError

from service.config import Settings
from service.jobs.executor import JobExecutor
from service.jobs.model import Job, JobKind, JobsUnavailable, queue_names

TASK = "mixlate.run_job"


def celery_app(settings: Settings) -> Celery:
    """The Celery app of ``settings.broker_url`` (no result backend: results are in the DB)."""
    visibility = settings.broker_visibility_seconds
    app = Celery("mixlate", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        task_default_queue=queue_names(settings.queue_prefix)[JobKind.TRANSLATE],
        task_create_missing_queues=True,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=5,
        broker_transport_options={
            "visibility_timeout": visibility,
            "unacked_restore_interval": max(1, min(10, visibility // 2)),
            "unacked_restore_throttle": 1,
            "max_retries": 2,
        },
    )
    return app


def register_tasks(app: Celery, executor: JobExecutor) -> None:
    """Register ``mixlate.run_job`` running jobs with ``executor`` (in a worker process)."""

    @app.task(name=TASK, bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
    def run_job(self, job_id: str) -> None:  # noqa: ANN001 (Celery's bound task)
        outcome = executor.run(job_id)
        if outcome.retry_after:
            raise self.retry(countdown=outcome.retry_after)


class CeleryDispatcher:
    """Queues jobs on the broker, each on its kind's queue."""

    def __init__(self, app: Celery) -> None:
        self.app = app

    def start(self) -> None:
        """Nothing to resume here: the broker holds the messages of unfinished jobs."""

    def dispatch(self, job: Job) -> None:
        try:
            self.app.send_task(
                TASK,
                args=[job.id],
                queue=job.queue,
                retry=True,
                retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5},
            )
        except OperationalError as exc:
            raise JobsUnavailable(f"the broker is unreachable ({exc})") from exc

    def close(self) -> None:
        self.app.close()
