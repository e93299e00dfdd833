"""Jobs as JSON: the summary shown by the API, the CLI and sent to callbacks."""

from __future__ import annotations

from typing import Any

from service.jobs.model import Job, JobView


def job_path(job_id: str) -> str:
    return f"/api/v1/jobs/{job_id}"


def job_summary(job: Job) -> dict[str, Any]:
    """Everything about a job but its unit results."""
    summary: dict[str, Any] = {
        "id": job.id,
        "kind": job.kind.value,
        "state": job.state.value,
        "queue": job.queue,
        "progress": {"done": job.done, "total": job.total},
        "url": job_path(job.id),
        "created_at": job.created_at.isoformat(),
        "started_at": job.started_at.isoformat() if job.started_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
    }
    if job.error:
        summary["error"] = job.error
    if job.result is not None:
        summary["result"] = job.result
    if job.callback_url:
        summary["callback"] = {
            "url": job.callback_url,
            "state": job.callback_state or "waiting",
            "attempts": job.callback_attempts,
        }
    return summary


def job_json(view: JobView) -> dict[str, Any]:
    """The summary, plus ``results`` (one per unit, in order) once the job is done."""
    body = job_summary(view.job)
    if view.units is not None:
        body["results"] = [unit.result for unit in view.units]
    return body
