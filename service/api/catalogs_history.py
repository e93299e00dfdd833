"""Catalog API history: who changed which entry when, and reverting one change.

History shows token names, so it needs a localizer token like the writes. A revert puts
back the old value through the same validated write path and is recorded as a new row;
it is refused with 409 when the entry changed after the reverted write.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from service.api.auth import requires_role
from service.api.catalogs_common import CHANGE_SCHEMA, TAGS, WRITE_RESPONSE, author, bp, written
from service.catalogs import locale_tag
from service.catalogs.history import MAX_PAGE
from service.http.openapi import documented
from service.http.requests import INT64_MAX, QueryNumber
from service.runtime import current_runtime

_LIMIT = QueryNumber("limit", 50, MAX_PAGE)
_BEFORE = QueryNumber("before", None, INT64_MAX)
_ROW = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        **CHANGE_SCHEMA["properties"],
        "author": {"type": "string"},
        "action": {"type": "string", "enum": ["edit", "import", "suggest", "revert"]},
        "revision": {"type": "string"},
        "reverts": {"type": "integer", "nullable": True},
        "created_at": {"type": "string", "format": "date-time"},
    },
}


@bp.get("/api/v1/catalogs/<locale>/history")
@requires_role("localizer")
@documented(
    "A locale's edit history, newest first (optionally of one entry, or before an id)",
    tags=TAGS,
    parameters=[
        {"name": "msgid", "in": "query", "schema": {"type": "string"}},
        {"name": "msgctxt", "in": "query", "schema": {"type": "string"}},
        _BEFORE.parameter(),
        _LIMIT.parameter(),
    ],
    response={
        "type": "object",
        "properties": {
            "locale": {"type": "string"},
            "history": {"type": "array", "items": _ROW},
            "next_before": {"type": "integer", "nullable": True},
        },
    },
    errors=(400, 401, 403, 404),
    security=True,
)
def history(locale: str) -> Response:
    limit = _LIMIT.read()
    rows = current_runtime().catalog_history.list(
        locale,
        msgid=request.args.get("msgid"),
        msgctxt=request.args.get("msgctxt"),
        before=_BEFORE.read(),
        limit=limit,
    )
    more = rows[-1].id if len(rows) == limit else None
    body = {"locale": locale_tag(locale), "history": [row.to_dict() for row in rows]}
    return jsonify({**body, "next_before": more})


@bp.post("/api/v1/catalogs/<locale>/history/<int:entry_id>/revert")
@requires_role("localizer")
@documented(
    "Revert one recorded change (puts the old value back, validated and recorded)",
    tags=TAGS,
    response=WRITE_RESPONSE,
    errors=(401, 403, 404, 409, 412, 422),
    security=True,
)
def revert(locale: str, entry_id: int) -> Response:
    result = current_runtime().catalog_history.revert(locale, entry_id, author())
    return written(locale_tag(locale), result.revision, result.changes)
