"""Suggestions: LibreTranslate's ``POST /suggest``, and their review over ``/api/v1/suggestions``.

``/suggest`` (``q``, ``s``, ``source``, ``target``; form or JSON) hangs on the LibreTranslate
blueprint, so LibreTranslate's wording of errors applies; it answers ``{"success": true}``,
or 403 "Suggestions are disabled on this server." unless ``MIXLATE_SUGGESTIONS=1``. Unlike
LibreTranslate, which only stores them, a localizer (or editor, or admin) lists the pending
ones and accepts (optionally edited) or rejects each; an accepted one becomes a memory unit,
used for that exact sentence from the next translation on.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, request

from service.api.access import caller_key, char_limit, metered
from service.api.auth import requires_role
from service.api.known_common import language_arg
from service.api.libretranslate_blueprint import bp as libretranslate_bp
from service.detection import detect_segments, language_shares
from service.http.errors import ApiError, bad_request
from service.http.openapi import documented
from service.http.requests import form_or_json, json_object, paging
from service.known.memory import unit_problems
from service.known.suggestions import STATES, SuggestionStore
from service.languages import canonical
from service.runtime import current_runtime

bp = Blueprint("suggestions", __name__)

DISABLED = "Suggestions are disabled on this server."
_PAGE, _PER_PAGE = paging(50, 500)
_SUGGESTION = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "source": {"type": "string"},
        "target": {"type": "string"},
        "q": {"type": "string"},
        "s": {"type": "string"},
        "state": {"type": "string", "enum": list(STATES)},
        "submitted_by": {"type": "string", "nullable": True},
        "reviewed_by": {"type": "string", "nullable": True},
        "created_at": {"type": "string", "nullable": True},
        "reviewed_at": {"type": "string", "nullable": True},
    },
}
_REVIEWED = {
    "type": "object",
    "properties": {
        "suggestion": _SUGGESTION,
        "memory_unit": {"type": "integer", "nullable": True},
    },
}


def _store() -> SuggestionStore:
    return current_runtime().suggestions


def _param(params: dict[str, Any], name: str) -> str:
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(f"Invalid request: missing {name} parameter")
    if not isinstance(value, str):
        raise bad_request(f"Invalid request: {name} must be a string")
    return value


def _source_language(tag: str, text: str) -> str:
    """The language of the suggested sentence: as given, or detected for ``auto``."""
    if tag != "auto":
        return canonical(tag)
    runtime = current_runtime()
    shares = language_shares(text, detect_segments(text, runtime.settings.detect_languages))
    known = {lang: share for lang, share in shares.items() if lang != "und"}
    if not known:
        raise bad_request("Invalid request: the language of q cannot be detected; give source")
    return max(known, key=known.__getitem__)


@libretranslate_bp.post("/suggest")
@documented(
    "LibreTranslate-compatible suggestion of a better translation (stored for review)",
    tags=("libretranslate",),
    body={
        "type": "object",
        "required": ["q", "s", "source", "target"],
        "properties": {
            # _param refuses an empty value as missing.
            "q": {"type": "string", "minLength": 1, "description": "The original text"},
            "s": {"type": "string", "minLength": 1, "description": "The suggested translation"},
            "source": {"type": "string", "minLength": 1},
            "target": {"type": "string", "minLength": 1},
            "api_key": {"type": "string"},
        },
    },
    body_types=("application/json", "application/x-www-form-urlencoded", "multipart/form-data"),
    response={"type": "object", "properties": {"success": {"type": "boolean"}}},
    errors=(400, 403, 413, 429),
)
@metered
def suggest():  # noqa: ANN201
    if not current_runtime().settings.suggestions:
        raise ApiError(403, DISABLED)
    params = form_or_json()
    q, s = _param(params, "q"), _param(params, "s")
    source_tag, target_tag = _param(params, "source"), _param(params, "target")
    limit = char_limit()
    if max(len(q), len(s)) > limit:
        raise ApiError(
            413, f"Invalid request: request ({max(len(q), len(s))}) exceeds text limit ({limit})"
        )
    target = canonical(target_tag)
    source = _source_language(source_tag, q)
    fields = {"source": source, "target": target, "source_text": q, "target_text": s}
    _unit, problems = unit_problems(fields, "suggestion", "")
    if problems:  # accepted, it becomes a memory unit: refused now, not at review
        named = problems[0].replace("'source_text'", "q").replace("'target_text'", "s")
        raise bad_request(f"Invalid request: {named}")
    key = caller_key()
    _store().submit(q, s, source, target, key.name if key is not None else None)
    return jsonify({"success": True})


@bp.get("/api/v1/suggestions")
@documented(
    "Suggestions sent through /suggest, oldest first (localizer, editor or admin)",
    tags=("suggestions",),
    parameters=[
        {
            "name": "state",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": list(STATES), "default": "pending"},
        },
        {"name": "target", "in": "query", "required": False, "schema": {"type": "string"}},
        _PAGE.parameter(),
        _PER_PAGE.parameter(),
    ],
    response={
        "type": "object",
        "properties": {
            "suggestions": {"type": "array", "items": _SUGGESTION},
            "total": {"type": "integer"},
        },
    },
    errors=(400, 401, 403),
    security=True,
)
@requires_role("localizer", "editor")
def list_suggestions():  # noqa: ANN201
    state = request.args.get("state", "pending")
    if state not in STATES:
        raise bad_request(f"Parameter 'state' must be one of {', '.join(STATES)}")
    page, per_page = _PAGE.read(), _PER_PAGE.read()
    found, total = _store().list(state, language_arg("target"), (page - 1) * per_page, per_page)
    return jsonify({"suggestions": [item.to_dict() for item in found], "total": total})


def _review(suggestion_id: int, accept: bool):  # noqa: ANN202
    text = None
    if accept and request.get_data(cache=True):
        body = json_object()
        text = body.get("s")
        if text is not None and (not isinstance(text, str) or not text.strip()):
            raise bad_request("Field 's' must be the accepted translation (a non-empty string)")
    reviewed, unit_id = _store().review(suggestion_id, accept, g.token.name, text)
    return jsonify({"suggestion": reviewed.to_dict(), "memory_unit": unit_id})


@bp.post("/api/v1/suggestions/<int:suggestion_id>/accept")
@documented(
    'Accept a pending suggestion (optionally edited: {"s": ...}); it becomes a memory unit',
    tags=("suggestions",),
    body={"type": "object", "properties": {"s": {"type": "string"}}},
    response=_REVIEWED,
    errors=(400, 401, 403, 404, 409, 415),
    security=True,
)
@requires_role("localizer", "editor")
def accept_suggestion(suggestion_id: int):  # noqa: ANN201
    return _review(suggestion_id, accept=True)


@bp.post("/api/v1/suggestions/<int:suggestion_id>/reject")
@documented(
    "Reject a pending suggestion",
    tags=("suggestions",),
    response=_REVIEWED,
    errors=(401, 403, 404, 409),
    security=True,
)
@requires_role("localizer", "editor")
def reject_suggestion(suggestion_id: int):  # noqa: ANN201
    return _review(suggestion_id, accept=False)
