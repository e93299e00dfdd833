"""What the catalog API modules share: the blueprint, ETags, catalog errors as JSON, schemas.

The routes live in ``catalogs`` (reading, locales, templates, export), ``catalogs_write``
(edits, import, suggestions) and ``catalogs_history`` (history and revert); they all hang
on the one blueprint defined here, whose error handlers turn every catalog error into a
JSON 4xx (503 when no model can make suggestions).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from service.api.errors import ApiError
from service.catalogs import (
    CatalogError,
    EntryKey,
    InvalidEdits,
    InvalidImport,
    LocaleExists,
    MissingTemplate,
    StaleRevision,
    UnknownEntry,
    UnknownLocale,
    UnsupportedFormat,
)
from service.catalogs.history import RevertConflict, UnknownHistoryEntry
from service.catalogs.suggest import SuggestionsUnavailable

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


def etag(revision: str) -> str:
    """The quoted HTTP form of a catalog revision."""
    return f'"{revision}"'


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


def key_dict(key: EntryKey) -> dict[str, str | None]:
    """An entry key as JSON."""
    return {"msgid": key[0], "msgctxt": key[1]}


def _stale(exc: StaleRevision) -> Response:
    entries = [exc.current[key] for key in exc.changed if key in exc.current]
    response = jsonify(
        {
            "error": "The catalog changed since your ETag; review the entries and retry",
            "etag": etag(exc.revision),
            "changed": [key_dict(key) for key in exc.changed],
            "entries": entries,
        }
    )
    response.status_code = 412
    response.set_etag(exc.revision)
    return response


def _as_api_error(exc: CatalogError) -> ApiError:
    if isinstance(exc, UnknownLocale):
        return ApiError(404, f"No catalog for locale '{exc.locale}'", locale=exc.locale)
    if isinstance(exc, UnknownEntry):
        keys = [key_dict(key) for key in exc.keys]
        return ApiError(404, "Some entries are not in the catalog", entries=keys)
    if isinstance(exc, InvalidEdits):
        found = [
            {**key_dict(key), "problems": [problem.to_dict() for problem in problems]}
            for key, problems in exc.problems.items()
        ]
        return ApiError(422, "Some translations are invalid; nothing was saved", entries=found)
    if isinstance(exc, UnknownHistoryEntry):
        return ApiError(404, str(exc), id=exc.entry_id)
    if isinstance(exc, RevertConflict):
        return ApiError(409, str(exc), id=exc.entry_id, entry=exc.current)
    if isinstance(exc, LocaleExists):
        return ApiError(409, str(exc), locale=exc.locale)
    if isinstance(exc, MissingTemplate):
        return ApiError(409, f"The catalog template is missing: {exc}")
    if isinstance(exc, UnsupportedFormat):
        return ApiError(400, str(exc))
    if isinstance(exc, InvalidImport):
        return ApiError(422, f"The file cannot be imported: {exc}")
    if isinstance(exc, SuggestionsUnavailable):
        return ApiError(503, str(exc))
    return ApiError(400, str(exc))


@bp.errorhandler(CatalogError)
def _catalog_error(exc: CatalogError) -> tuple[Response, int] | Response:
    if isinstance(exc, StaleRevision):
        return _stale(exc)
    error = _as_api_error(exc)
    return jsonify(error.body()), error.status
