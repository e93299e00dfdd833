"""LibreTranslate's document endpoints: ``POST /translate_file`` and ``GET /download_file``.

``/translate_file`` takes a multipart ``file`` with ``source`` (a language or ``auto``),
``target`` and ``api_key`` (checked as for ``/translate``: keys, rate limits, a key's
character limit), translates it synchronously through the one pipeline
(``service.translation.documents``) and answers ``{"translatedFileUrl": ...}``, the absolute
URL of ``/download_file/<name>``, as LibreTranslate does. Files over the synchronous limit are
refused with 413 (the background-job path is not built yet). ``/download_file/<name>`` serves
a stored file as an attachment under its original name until it expires; any other name is
a 404.
"""

from __future__ import annotations

import io
from dataclasses import replace

from flask import Blueprint, jsonify, request, send_file, url_for

from service.api.access import caller_key, metered
from service.http.errors import ApiError, bad_request
from service.http.openapi import documented
from service.languages import canonical
from service.runtime import current_runtime
from service.translation.documents import (
    EXTENSIONS,
    FORMATS,
    DocumentLimits,
    FileStore,
    check_size,
    translate_document,
)
from service.translation.documents.formats import extension_of

bp = Blueprint("files", __name__)
# What /frontend/settings lists as LibreTranslate's supportedFilesFormat.
bp.record_once(lambda state: state.app.extensions.setdefault("mixlate.file_formats", EXTENSIONS))

_MULTIPART_SLACK = 64 * 1024  # room for the form fields and part headers around the file
_MEDIA_TYPES = {ext: f.media_type for f in FORMATS.values() for ext in f.extensions}
_UPLOAD = {
    "type": "object",
    "required": ["file", "source", "target"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "source": {"type": "string", "default": "auto"},
        "target": {"type": "string"},
        "api_key": {"type": "string"},
    },
}


def _limits() -> DocumentLimits:
    settings = current_runtime().settings
    return DocumentLimits(
        max_bytes=settings.files_max_bytes,
        max_zip_entries=settings.files_max_zip_entries,
        max_unzipped_bytes=settings.files_max_unzipped_bytes,
        max_chars=settings.files_max_chars,
    )


def _store() -> FileStore:
    settings = current_runtime().settings
    return FileStore(settings.data_dir / "files", settings.files_ttl_seconds)


def _field(name: str) -> str:
    value = request.form.get(name)
    if not value:
        raise bad_request(f"Invalid request: missing {name} parameter")
    return value


@bp.before_request
def _upload_limit() -> None:
    """Before anything reads the form (the key check does): the upload limit, in our words."""
    if request.endpoint == "files.translate_file":
        limits = _limits()
        request.max_content_length = limits.max_bytes + _MULTIPART_SLACK
        length = request.content_length
        if length is not None and length > limits.max_bytes + _MULTIPART_SLACK:
            check_size(length, limits, "The upload")


@bp.post("/translate_file")
@documented(
    "LibreTranslate-compatible file translation (txt, html, md, srt, docx, pptx, odt, odp, "
    "epub, po, xliff); answers the URL of the translated file",
    tags=("libretranslate",),
    body=_UPLOAD,
    body_types=("multipart/form-data",),
    response={
        "type": "object",
        "required": ["translatedFileUrl"],
        "properties": {"translatedFileUrl": {"type": "string"}},
    },
    errors=(400, 403, 413, 429, 503),
)
@metered
def translate_file():  # noqa: ANN201
    limits = _limits()
    key = caller_key()
    if key is not None and key.char_limit:
        limits = replace(limits, max_chars=min(limits.max_chars, key.char_limit))
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
    translated = translate_document(data, upload.filename, translator, target, source, limits)
    name = _store().save(translated.data, translated.filename)
    url = url_for("files.download_file", name=name, _external=True)
    return jsonify({"translatedFileUrl": url})


@bp.get("/download_file/<name>")
@documented(
    "Download a translated file (until it expires)",
    tags=("libretranslate",),
    response={"type": "string", "format": "binary"},
    response_type=tuple(sorted({*_MEDIA_TYPES.values(), "application/octet-stream"})),
    errors=(404,),
)
def download_file(name: str):  # noqa: ANN201
    stored = _store().load(name)
    if stored is None:
        raise ApiError(404, "No such file: it never existed or it has expired")
    media_type = _MEDIA_TYPES.get(extension_of(stored.download_name), "application/octet-stream")
    return send_file(
        io.BytesIO(stored.data),
        mimetype=media_type,
        as_attachment=True,
        download_name=stored.download_name,
    )
