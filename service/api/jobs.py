"""Job endpoints: bulk translation jobs (publisher or admin), catalog suggestions for a whole
locale (localizer or admin), their state, results and cancel.

A job is visible to the token that created it and to admins. The first request to the app
builds the job service, which (embedded mode) resumes the jobs a restart interrupted.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, jsonify

from service.api.auth import requires_role
from service.http.openapi import documented
from service.http.requests import json_object
from service.jobs import JobService
from service.jobs.present import job_json, job_path, job_summary
from service.jobs.requests import FORMATS, JobLimits, parse_translate_job
from service.jobs.suggestions import check_reachable, untranslated_keys
from service.runtime import current_runtime

bp = Blueprint("jobs", __name__)

_JOB_BODY = {
    "type": "object",
    "required": ["texts", "target"],
    "additionalProperties": False,
    "properties": {
        "texts": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "format": {"type": "string", "enum": list(FORMATS)},
        "target": {"type": "string", "example": "fr"},
        "source": {"type": "string", "example": "auto"},
        "callback_url": {"type": "string", "format": "uri"},
    },
}
_PROGRESS = {
    "type": "object",
    "required": ["done", "total"],
    "properties": {"done": {"type": "integer"}, "total": {"type": "integer"}},
}
JOB_SCHEMA = {
    "type": "object",
    "required": ["id", "kind", "state", "progress", "url"],
    "properties": {
        "id": {"type": "string"},
        "kind": {"type": "string", "enum": ["translate", "article", "catalog", "document"]},
        "state": {
            "type": "string",
            "enum": ["queued", "running", "done", "failed", "cancelled"],
        },
        "queue": {"type": "string"},
        "progress": _PROGRESS,
        "url": {"type": "string"},
        "error": {"type": "string"},
        "result": {"type": "object"},
        "callback": {"type": "object"},
        "results": {"type": "array", "items": {"type": "object"}},
    },
}


def _service() -> JobService:
    return current_runtime().jobs


@bp.before_app_request
def _start_jobs() -> None:
    _service()


def _visible(job_id: str) -> str:
    """``job_id`` if the caller's token may see it (else JobNotFound, a 404)."""
    _service().owned_by(job_id, g.token.name, g.token.role == "admin")
    return job_id


def accepted(body: dict, job_id: str) -> Response:
    """A ``202 Accepted`` answer pointing at the job."""
    response = jsonify(body)
    response.status_code = 202
    response.headers["Location"] = job_path(job_id)
    return response


@bp.post("/api/v1/jobs")
@documented(
    "Queue a bulk translation of many texts or HTML documents (publisher or admin)",
    tags=("jobs",),
    body=_JOB_BODY,
    response=JOB_SCHEMA,
    errors=(400, 401, 403, 413, 415, 422, 503),
    security=True,
    status=202,
)
@requires_role("publisher")
def create_job():  # noqa: ANN201
    settings = current_runtime().settings
    limits = JobLimits(
        settings.job_max_items,
        settings.max_text_chars,
        callbacks=bool(settings.callback_secret),
        callback_policy=current_runtime().callback_policy,
    )
    request = parse_translate_job(json_object(), limits)
    job = _service().translate(request, owner=g.token.name)
    return accepted(job_summary(job), job.id)


@bp.get("/api/v1/jobs/<job_id>")
@documented(
    "A job's state and progress, and its results once done (its creator or an admin)",
    tags=("jobs",),
    response=JOB_SCHEMA,
    errors=(401, 403, 404),
    security=True,
)
@requires_role("publisher", "localizer")
def get_job(job_id: str):  # noqa: ANN201
    return jsonify(job_json(_service().view(_visible(job_id))))


@bp.delete("/api/v1/jobs/<job_id>")
@documented(
    "Cancel a queued or running job (a finished one is left as it is)",
    tags=("jobs",),
    response=JOB_SCHEMA,
    errors=(401, 403, 404),
    security=True,
)
@requires_role("publisher", "localizer")
def cancel_job(job_id: str):  # noqa: ANN201
    return jsonify(job_summary(_service().cancel(_visible(job_id))))


@bp.post("/api/v1/catalogs/<locale>/suggest-all")
@documented(
    "Queue machine suggestions for every untranslated entry of a locale (localizer or admin)",
    tags=("jobs", "catalogs"),
    response=JOB_SCHEMA,
    errors=(401, 403, 404, 503),
    security=True,
    status=202,
)
@requires_role("localizer")
def suggest_locale(locale: str):  # noqa: ANN201
    runtime = current_runtime()
    keys = untranslated_keys(runtime.catalogs, locale)
    check_reachable(runtime.translator, locale)
    job = _service().suggest_catalog(locale, keys, g.token.name)
    return accepted(job_summary(job), job.id)
