"""LibreTranslate's document endpoints: ``POST /translate_file`` and ``GET /download_file``.

``/translate_file`` takes a multipart ``file`` with ``source`` (a language or ``auto``),
``target`` and ``api_key`` (checked as for ``/translate``: keys, rate limits, a key's
character limit) and answers ``{"translatedFileUrl": ...}``, the absolute URL of
``/download_file/<name>``, as LibreTranslate does. Every upload is checked in full first
(``files_common.read_upload``). A file within the synchronous limits
(``MIXLATE_FILES_SYNC_MAX_BYTES`` and ``_CHARS``) is translated in the request; a larger one
(up to ``MIXLATE_FILES_MAX_BYTES`` and ``_CHARS``) becomes a ``document`` job, which the
request waits for, since LibreTranslate clients expect the URL in the answer; with
``Prefer: respond-async`` (or a job still running after the translate timeout) the answer is
202 with the job's ``Location`` (the job routes are in ``file_jobs``). ``/download_file/<name>``
serves a stored file as an attachment under its original name until it expires; any other
name is a 404.
"""

from __future__ import annotations

import io

from flask import Response, jsonify, request, send_file

from service.api.access import metered
from service.api.files_common import (
    FILE_JOB_SCHEMA,
    UPLOAD_SCHEMA,
    accepted,
    bp,
    download_url,
    prefers_async,
    queue_upload,
    read_upload,
)
from service.http.errors import ApiError
from service.http.openapi import documented
from service.jobs import Job, JobState
from service.jobs.model import JobEnded
from service.runtime import current_runtime
from service.translation.documents import FORMATS, check_size
from service.translation.documents.formats import extension_of

_MULTIPART_SLACK = 64 * 1024  # room for the form fields and part headers around the file
_UPLOAD_ENDPOINTS = ("files.translate_file", "files.create_file_job")
_MEDIA_TYPES = {ext: f.media_type for f in FORMATS.values() for ext in f.extensions}


@bp.before_request
def _upload_limit() -> None:
    """Before anything reads the form (the key check does): the upload limit, in our words."""
    if request.endpoint in _UPLOAD_ENDPOINTS:
        limits = current_runtime().document_limits
        request.max_content_length = limits.max_bytes + _MULTIPART_SLACK
        length = request.content_length
        if length is not None and length > limits.max_bytes + _MULTIPART_SLACK:
            check_size(length, limits, "The upload")


def _waited(job: Job) -> Response:
    """LibreTranslate's answer once the job /translate_file waited for has ended."""
    if job.state == JobState.DONE and job.result is not None:
        return jsonify({"translatedFileUrl": download_url(job.result["file"])})
    if job.state == JobState.CANCELLED:
        raise JobEnded(job.id, job.state, "The translation of the file was cancelled")
    if job.state == JobState.FAILED:
        raise JobEnded(job.id, job.state, f"The translation of the file failed: {job.error}")
    return accepted(job)  # not finished in time: where to follow it


@bp.post("/translate_file")
@documented(
    "LibreTranslate-compatible file translation (txt, html, md, srt, docx, pptx, odt, odp, "
    "epub, po, xliff); answers the URL of the translated file. A large file is translated "
    "as a job that the request waits for; with 'Prefer: respond-async', or while half the "
    "server's threads already wait for files, the answer is 202 with the job's Location "
    "(GET /api/v1/files/{job_id})",
    tags=("libretranslate",),
    parameters=[
        {
            "name": "Prefer",
            "in": "header",
            "description": "'respond-async': answer 202 with the job at once",
            "schema": {"type": "string", "example": "respond-async"},
        }
    ],
    body=UPLOAD_SCHEMA,
    body_types=("multipart/form-data",),
    response={
        "type": "object",
        "required": ["translatedFileUrl"],
        "properties": {"translatedFileUrl": {"type": "string"}},
    },
    also={202: ("Translating as a job, at the Location header's URL", FILE_JOB_SCHEMA)},
    errors=(400, 403, 409, 413, 429, 503),
)
@metered
def translate_file():  # noqa: ANN201
    upload = read_upload()
    runtime = current_runtime()
    if upload.small() and not prefers_async():
        translated = upload.prepared.translate(runtime.translator, upload.target, upload.source)
        name = runtime.files.save(translated.data, translated.filename)
        return jsonify({"translatedFileUrl": download_url(name)})
    job = queue_upload(upload)
    waiters = runtime.file_waiters
    if prefers_async() or not waiters.acquire(blocking=False):
        return accepted(job)
    try:
        return _waited(runtime.jobs.wait(job.id, runtime.settings.translate_timeout_seconds))
    finally:
        waiters.release()


@bp.get("/download_file/<name>")
@documented(
    "Download a translated file (until it expires)",
    tags=("libretranslate",),
    response={"type": "string", "format": "binary"},
    response_type=tuple(sorted({*_MEDIA_TYPES.values(), "application/octet-stream"})),
    errors=(404,),
)
def download_file(name: str):  # noqa: ANN201
    stored = current_runtime().files.load(name)
    if stored is None:
        raise ApiError(404, "No such file: it never existed or it has expired")
    media_type = _MEDIA_TYPES.get(extension_of(stored.download_name), "application/octet-stream")
    return send_file(
        io.BytesIO(stored.data),
        mimetype=media_type,
        as_attachment=True,
        download_name=stored.download_name,
    )
