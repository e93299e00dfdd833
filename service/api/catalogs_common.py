"""What the catalog API modules share: the blueprint, ETags, catalog errors as JSON, schemas.

The routes live in ``catalogs`` (reading, locales, templates, export), ``catalogs_write``
(edits, import, suggestions) and ``catalogs_history`` (history and revert); they all hang
on the one blueprint defined here. Catalog errors become responses in the one error table
(``service.http.errors``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from service.http.errors import ApiError, etag

bp = Blueprint("catalogs", __name__)

TAGS = ("catalogs",)
WRITE_ERRORS = (400, 401, 403, 404, 415, 422)
ETAG_PARAMETER = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "description": 'The catalog\'s ETag, as returned by GET (e.g. "3f2a..."; W/ is accepted)',
    "schema": {"type": "string"},
}
VALUE_SCHEMA = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
CHANGE_SCHEMA = {
    "type": "object",
    "properties": {
        "msgid": {"type": "string"},
        "msgctxt": {"type": "string", "nullable": True},
        "old": VALUE_SCHEMA,
        "new": VALUE_SCHEMA,
        "old_fuzzy": {"type": "boolean"},
        "fuzzy": {"type": "boolean"},
    },
}
WRITE_RESPONSE = {
    "type": "object",
    "properties": {
        "locale": {"type": "string"},
        "etag": {"type": "string", "description": "The catalog's new ETag (also a header)"},
        "changed": {"type": "array", "items": CHANGE_SCHEMA},
    },
}


def if_match() -> str:
    """The revision in ``If-Match`` (quotes and W/ stripped); 428/400 JSON if unusable."""
    raw = (request.headers.get("If-Match") or "").strip()
    if not raw:
        raise ApiError(428, "If-Match: <ETag> is required; GET the catalog to learn its ETag")
    tags = [part.strip() for part in raw.split(",") if part.strip()]
    if tags == ["*"]:
        raise ApiError(428, "If-Match must carry the catalog's ETag, not *")
    if len(tags) != 1:
        raise ApiError(400, "If-Match must carry exactly one ETag")
    tag = tags[0].removeprefix("W/").strip().strip('"')
    if not tag:
        raise ApiError(400, "If-Match carries an empty ETag")
    return tag


def author() -> str:
    """The name of the token making this (authorized) request."""
    return g.token.name


def written(locale: str, revision: str, changes: Sequence[Any], **extra: Any) -> Response:
    """The 200 response of a write: the new ETag (header and body) and what changed."""
    response = jsonify(
        {
            "locale": locale,
            "etag": etag(revision),
            "changed": [change.to_dict() for change in changes],
            **extra,
        }
    )
    response.set_etag(revision)
    return response


