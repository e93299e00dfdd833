"""Background jobs: rows in the database, run in-process or by Celery workers.

``JobService`` creates, reads and cancels jobs; ``JobExecutor`` runs one job's units (the
same code in the embedded thread pool and in a ``mixlate worker``); ``EmbeddedRunner`` and
``CeleryDispatcher`` hand jobs to whoever runs them.
"""

from service.jobs.model import (
    Job,
    JobNotFound,
    JobState,
    JobsUnavailable,
    JobUnit,
    JobView,
)
from service.jobs.service import JobService

__all__ = [
    "Job",
    "JobNotFound",
    "JobService",
    "JobState",
    "JobUnit",
    "JobView",
    "JobsUnavailable",
]
