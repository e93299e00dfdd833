"""What the document endpoints share: reading a checked upload, and document jobs as JSON.

``read_upload`` reads the multipart ``file``, ``source`` and ``target`` and checks the file
in full (size, real format by content, archive limits, XML safety: 400/413), so a file is
refused before any job is made for it. ``file_job_json`` is a document job as the
``/api/v1/files`` routes show it: state, progress (runs done of runs), error, and once done
the ``translatedFileUrl`` and when the file expires.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for

from service.api.access import caller_key
from service.http.errors import bad_request
from service.jobs import Job, JobState
from service.jobs.documents import DocumentJobRequest
from service.languages import canonical
from service.runtime import current_runtime
from service.translation.documents import (
    EXTENSIONS,
    DocumentLimits,
    PreparedDocument,
    check_size,
    prepare_document,
)
from service.translation.plan import Target

# The blueprint of the file routes: LibreTranslate's (``files``) and the jobs' (``file_jobs``).
bp = Blueprint("files", __name__)
# What /frontend/settings lists as LibreTranslate's supportedFilesFormat.
bp.record_once(lambda state: state.app.extensions.setdefault("mixlate.file_formats", EXTENSIONS))

UPLOAD_SCHEMA = {
    "type": "object",
    "required": ["file", "source", "target"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "source": {"type": "string", "default": "auto"},
        "target": {"type": "string"},
        "api_key": {"type": "string"},
    },
}
FILE_JOB_SCHEMA = {
    "type": "object",
    "required": ["id", "state", "progress", "url", "filename"],
    "properties": {
        "id": {"type": "string"},
        "state": {
            "type": "string",
            "enum": [state.value for state in JobState],
        },
        "progress": {
            "type": "object",
            "required": ["done", "total"],
            "properties": {"done": {"type": "integer"}, "total": {"type": "integer"}},
        },
        "url": {"type": "string"},
        "filename": {"type": "string"},
        "error": {"type": "string"},
        "translatedFileUrl": {"type": "string"},
        "expires_at": {"type": "string", "format": "date-time"},
        "created_at": {"type": "string", "format": "date-time"},
        "finished_at": {"type": "string", "format": "date-time", "nullable": True},
    },
}


@dataclass(frozen=True, slots=True)
class Upload:
    """A checked, parsed upload and the languages to translate it between."""

    filename: str
    data: bytes
    target: Target
    source: str | None
    prepared: PreparedDocument

    def small(self) -> bool:
        """Whether it is within the limits of a translation in the request."""
        settings = current_runtime().settings
        return (
            len(self.data) <= settings.files_sync_max_bytes
            and self.prepared.characters <= settings.files_sync_max_chars
        )

    def job_request(self) -> DocumentJobRequest:
        return DocumentJobRequest(
            self.filename,
            self.data,
            self.target.lang,
            self.source,
            len(self.prepared.items),
        )


def _limits() -> DocumentLimits:
    limits = current_runtime().document_limits
    key = caller_key()
    if key is not None and key.char_limit:
        limits = replace(limits, max_chars=min(limits.max_chars, key.char_limit))
    return limits


def _field(name: str) -> str:
    value = request.form.get(name)
    if not value:
        raise bad_request(f"Invalid request: missing {name} parameter")
    return value


def read_upload() -> Upload:
    """The request's file, checked in full (400/413) and parsed, with its languages."""
    limits = _limits()
    upload = request.files.get("file")
    if upload is None:
        raise bad_request("Invalid request: missing file parameter")
    if not upload.filename:
        raise bad_request("Invalid request: empty file")
    source_tag, target_tag = _field("source"), _field("target")
    data = upload.stream.read(limits.max_bytes + 1)
    check_size(len(data), limits)
    translator = current_runtime().translator
    target = translator.resolve_target(canonical(target_tag))
    source = None if source_tag == "auto" else canonical(source_tag)
    if source is not None:  # a missing model is said now (with its install hint), not by a job
        translator.resolve(source, target.lang)
    prepared = prepare_document(data, upload.filename, target.lang, limits)
    return Upload(upload.filename, data, target, source, prepared)


def queue_upload(upload: Upload) -> Job:
    """The document job translating ``upload`` (owned by the caller's key, if any: named
    ``key:<name>``, so no token of that name sees it through /api/v1/jobs)."""
    key = caller_key()
    return current_runtime().jobs.translate_document(
        upload.job_request(), f"key:{key.name}" if key is not None else None
    )


def prefers_async() -> bool:
    """Whether the caller sent ``Prefer: respond-async`` (RFC 7240)."""
    preferences = request.headers.get("Prefer", "").lower().replace(";", ",").split(",")
    return "respond-async" in (item.strip() for item in preferences)


def download_url(name: str) -> str:
    return url_for("files.download_file", name=name, _external=True)


def file_job_json(job: Job) -> dict[str, Any]:
    """A document job as ``/api/v1/files`` shows it."""
    body: dict[str, Any] = {
        "id": job.id,
        "state": job.state.value,
        "progress": {"done": job.done, "total": job.total},
        "url": url_for("files.get_file_job", job_id=job.id),
        "filename": job.params.get("filename", ""),
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
    }
    if job.error:
        body["error"] = job.error
    if job.state == JobState.DONE and job.result is not None and job.finished_at is not None:
        ttl = timedelta(seconds=current_runtime().settings.files_ttl_seconds)
        body["translatedFileUrl"] = download_url(job.result["file"])
        body["expires_at"] = (job.finished_at + ttl).isoformat()
    return body


def accepted(job: Job) -> Response:
    """``202 Accepted`` with the document job, at its ``Location``."""
    response = jsonify(file_job_json(job))
    response.status_code = 202
    response.headers["Location"] = url_for("files.get_file_job", job_id=job.id)
    if prefers_async():
        response.headers["Preference-Applied"] = "respond-async"
    return response
