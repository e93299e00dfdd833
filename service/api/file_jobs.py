"""Documents translated as background jobs: ``/api/v1/files`` (upload, progress, cancel).

``POST /api/v1/files`` takes what ``/translate_file`` takes, checks the file in full at
once (400/413) and answers 202 with the job at its ``Location``, whatever the file's size
(up to the absolute limits), so a page shows every file's progress the same way. The job's
id (128 random bits) is what lets a caller see or cancel it, as a download name lets it
fetch the file: no token is needed for either, like ``/translate_file``.
"""

from __future__ import annotations

from flask import jsonify

from service.api.access import metered
from service.api.files_common import (
    FILE_JOB_SCHEMA,
    UPLOAD_SCHEMA,
    accepted,
    bp,
    file_job_json,
    queue_upload,
    read_upload,
)
from service.http.openapi import documented
from service.jobs import Job, JobNotFound
from service.jobs.model import JobKind
from service.runtime import current_runtime


def _document_job(job_id: str) -> Job:
    """The document job ``job_id`` (any other job is not found here)."""
    job = current_runtime().jobs.get(job_id)
    if job.kind != JobKind.DOCUMENT:
        raise JobNotFound(job_id)
    return job


@bp.post("/api/v1/files")
@documented(
    "Translate a document (txt, html, md, srt, docx, pptx, odt, odp, epub, po, xliff) as a "
    "background job; answers 202 with the job's Location, where its progress is",
    tags=("files",),
    body=UPLOAD_SCHEMA,
    body_types=("multipart/form-data",),
    response=FILE_JOB_SCHEMA,
    errors=(400, 403, 413, 429, 503),
    status=202,
)
@metered
def create_file_job():  # noqa: ANN201
    return accepted(queue_upload(read_upload()))


@bp.get("/api/v1/files/<job_id>")
@documented(
    "A document job's state and progress (runs translated of runs), its error, and once "
    "done the URL of the translated file",
    tags=("files",),
    response=FILE_JOB_SCHEMA,
    errors=(404,),
)
def get_file_job(job_id: str):  # noqa: ANN201
    return jsonify(file_job_json(_document_job(job_id)))


@bp.delete("/api/v1/files/<job_id>")
@documented(
    "Cancel a document job (a finished one is left as it is)",
    tags=("files",),
    response=FILE_JOB_SCHEMA,
    errors=(404,),
)
def cancel_file_job(job_id: str):  # noqa: ANN201
    _document_job(job_id)
    return jsonify(file_job_json(current_runtime().jobs.cancel(job_id)))
