"""Catalog API writes: edit entries (If-Match), import PO/XLIFF (If-Match), machine suggestions.

Every write records its changes in the edit history, is atomic, and is visible to every
worker as soon as the response is sent (see ``service.catalogs``).
"""

from __future__ import annotations

from typing import Any

from flask import Response, request

from service.api.auth import requires_role
from service.api.catalogs_common import (
    ETAG_PARAMETER,
    TAGS,
    VALUE_SCHEMA,
    WRITE_ERRORS,
    WRITE_RESPONSE,
    author,
    bp,
    if_match,
    written,
)
from service.catalogs import Edit, EntryKey, locale_tag
from service.http.errors import ApiError, bad_request, key_dict
from service.http.openapi import documented
from service.http.requests import json_object
from service.review.catalog_suggestions import suggest
from service.runtime import current_runtime

IMPORT_MAX_BYTES = 1024 * 1024
_KEY_SCHEMA = {
    "type": "object",
    "required": ["msgid"],
    "properties": {"msgid": {"type": "string"}, "msgctxt": {"type": "string", "nullable": True}},
}
_EDIT_SCHEMA = {
    "type": "object",
    "required": ["msgid"],
    "properties": {
        **_KEY_SCHEMA["properties"],
        "msgstr": VALUE_SCHEMA,
        "msgstr_plural": {"type": "array", "items": {"type": "string"}},
        "fuzzy": {"type": "boolean"},
        "base": {**VALUE_SCHEMA, "description": "The value you saw (exact conflict reports)"},
        "base_fuzzy": {
            "type": "boolean",
            "description": "Whether the entry you saw was fuzzy (exact conflict reports)",
        },
    },
}


def _malformed(index: int, item: Any, message: str) -> dict[str, Any]:
    found = item if isinstance(item, dict) else {}
    return {
        "index": index,
        "msgid": found.get("msgid"),
        "msgctxt": found.get("msgctxt"),
        "problems": [{"code": "malformed", "message": message, "form": None}],
    }


def _edit(item: Any) -> Edit:
    if not isinstance(item, dict):
        raise ValueError("an entry must be an object")
    if "msgstr" not in item and "msgstr_plural" in item:
        item = {**item, "msgstr": item["msgstr_plural"]}
    if "msgstr" not in item:
        raise ValueError("msgstr (or msgstr_plural) is required")
    if not isinstance(item.get("fuzzy", False), bool):
        raise ValueError("fuzzy must be true or false")
    return Edit.from_dict(item)


def _edits(body: dict[str, Any]) -> list[Edit]:
    """The edits of a PUT body: ``{"entries": [...]}`` or one entry object; 422 if malformed."""
    items = body.get("entries", [body] if "msgid" in body else None)
    if not isinstance(items, list) or not items:
        raise bad_request('Send one entry object or {"entries": [...]} with at least one')
    edits, malformed = [], []
    for index, item in enumerate(items):
        try:
            edits.append(_edit(item))
        except ValueError as exc:
            malformed.append(_malformed(index, item, str(exc)))
    if malformed:
        raise ApiError(422, "Some entries are malformed; nothing was saved", entries=malformed)
    return edits


@bp.put("/api/v1/catalogs/<locale>/entries")
@requires_role("localizer")
@documented(
    "Save one or many entries (keyed by msgid + msgctxt), all or nothing, if the ETag matches",
    tags=TAGS,
    parameters=[ETAG_PARAMETER],
    body={
        "oneOf": [
            _EDIT_SCHEMA,
            {"type": "object", "properties": {"entries": {"type": "array", "items": _EDIT_SCHEMA}}},
        ]
    },
    response=WRITE_RESPONSE,
    errors=(*WRITE_ERRORS, 412, 428),
    security=True,
)
def put_entries(locale: str) -> Response:
    revision = if_match()
    edits = _edits(json_object())
    result = current_runtime().catalog_history.apply_edits(locale, edits, revision, author())
    return written(locale_tag(locale), result.revision, result.changes)


def _upload() -> tuple[bytes, str]:
    """(file bytes, format) of an import: a multipart ``file`` or the raw body."""
    upload = request.files.get("file")
    data = upload.read(IMPORT_MAX_BYTES + 1) if upload else request.get_data()
    if len(data) > IMPORT_MAX_BYTES:
        raise ApiError(413, f"Imports are limited to {IMPORT_MAX_BYTES} bytes")
    if not data.strip():
        raise bad_request("Send the PO or XLIFF file as the body or as the form field 'file'")
    named = (upload.filename or "") if upload else ""
    kind = (upload.mimetype if upload else request.mimetype) or ""
    fmt = request.args.get("format")
    if fmt is None:  # "" is no format: refused, as the enum says
        xml = named.endswith((".xlf", ".xliff")) or "xml" in kind or "xliff" in kind
        fmt = "xliff" if xml or data.lstrip().startswith(b"<") else "po"
    return data, fmt


@bp.post("/api/v1/catalogs/<locale>/import")
@requires_role("localizer")
@documented(
    "Merge the translations of a PO or XLIFF file, validated like edits, if the ETag matches",
    tags=TAGS,
    parameters=[
        ETAG_PARAMETER,
        {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["po", "xliff"]}},
    ],
    body={"type": "string", "format": "binary"},
    body_types=("text/x-gettext-translation", "application/xliff+xml", "multipart/form-data"),
    response=WRITE_RESPONSE,
    errors=(*WRITE_ERRORS, 412, 413, 428),
    security=True,
)
def import_catalog(locale: str) -> Response:
    revision = if_match()
    data, fmt = _upload()
    result = current_runtime().catalog_history.import_(locale, data, fmt, author(), revision)
    return written(locale_tag(locale), result.revision, result.changes)


def _suggest_options() -> tuple[list[EntryKey] | None, int]:
    limit = current_runtime().settings.max_batch_texts
    if not request.get_data():
        return None, limit
    body = json_object()
    requested = body.get("limit", limit)
    if not isinstance(requested, int) or isinstance(requested, bool) or requested < 1:
        raise bad_request("limit must be a positive whole number")
    entries = body.get("entries")
    if entries is None:
        return None, min(requested, limit)
    valid = isinstance(entries, list) and all(
        isinstance(item, dict)
        and isinstance(item.get("msgid"), str)
        and isinstance(item.get("msgctxt"), str | None)
        for item in entries
    )
    if not valid:
        raise bad_request("entries must be a list of {msgid, msgctxt} objects")
    return [(item["msgid"], item.get("msgctxt")) for item in entries], min(requested, limit)


@bp.post("/api/v1/catalogs/<locale>/suggest")
@requires_role("localizer")
@documented(
    "Machine suggestions for empty entries, stored as fuzzy (never replacing a translation)",
    tags=TAGS,
    body={
        "type": "object",
        "properties": {
            "entries": {"type": "array", "items": _KEY_SCHEMA},
            "limit": {"type": "integer", "minimum": 1},
        },
    },
    response={
        "type": "object",
        "properties": {
            **WRITE_RESPONSE["properties"],
            "skipped": {"type": "array", "items": {"type": "object"}},
            "remaining": {"type": "integer"},
        },
    },
    errors=(*WRITE_ERRORS, 412, 503),
    security=True,
)
def suggest_entries(locale: str) -> Response:
    keys, limit = _suggest_options()
    runtime = current_runtime()
    result = suggest(
        runtime.catalog_history, runtime.translator, locale, author(), keys=keys, limit=limit
    )
    skipped = [
        {**key_dict(key), "problems": [problem.to_dict() for problem in problems]}
        for key, problems in result.skipped.items()
    ]
    return written(
        locale_tag(locale),
        result.revision,
        result.changes,
        skipped=skipped,
        remaining=result.remaining,
    )
