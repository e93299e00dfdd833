"""Translation-memory endpoints: anyone reads the units; a localizer or editor adds them.

``/api/v1/memory`` lists units (filters ``source``, ``target``, ``text``) and adds one or a
list (origin ``api``, author the token's name); ``/api/v1/memory/<id>`` deletes one. A unit
is used verbatim for its sentence from the next translation on. ``/api/v1/memory/matches``
gives a sentence's exact match and its fuzzy matches (≥ 75%, with the difference; catalog
entries count as units there) for human review, from units of the sentence's ``source``
language (detected when not given); ``/export`` and ``/import`` move the memory as TMX.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, jsonify, request

from service.api.auth import requires_role
from service.api.known_common import TEXT_ARG, created, json_items, language_arg, text_arg
from service.http.errors import ApiError, bad_request
from service.http.openapi import documented
from service.http.requests import QueryNumber, paging
from service.known import MemoryStore
from service.known.fuzzy import fuzzy_matches
from service.known.memory import MAX_SENTENCE, unit_problems
from service.known.tmx import read_tmx, write_tmx
from service.review.sentences import sentence_language
from service.runtime import current_runtime

bp = Blueprint("memory", __name__)

MAX_POSTED = 5_000
_UNIT = {
    "type": "object",
    "required": ["source", "target", "source_text", "target_text"],
    "properties": {
        "source": {"type": "string", "pattern": r"\S", "example": "zh-Hans"},
        "target": {"type": "string", "pattern": r"\S", "example": "en"},
        # unit_problems refuses blank texts and longer ones.
        "source_text": {"type": "string", "pattern": r"\S", "maxLength": MAX_SENTENCE},
        "target_text": {"type": "string", "pattern": r"\S", "maxLength": MAX_SENTENCE},
    },
}
_STORED = {
    "type": "object",
    "properties": {
        **_UNIT["properties"],
        "id": {"type": "integer"},
        "origin": {"type": "string"},
        "author": {"type": "string"},
        "created_at": {"type": "string", "nullable": True},
    },
}
_PAGE, _PER_PAGE = paging(100, 1000)
_LIMIT = QueryNumber("limit", 5, 20)
MAX_MATCHED_CHARS = 5_000
_FILTERS = [
    {"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
    for name in ("source", "target")
] + [
    {"name": "text", "in": "query", "required": False, "schema": TEXT_ARG},
    _PAGE.parameter(),
    _PER_PAGE.parameter(),
]


def _store() -> MemoryStore:
    return current_runtime().memory


@bp.get("/api/v1/memory")
@documented(
    "List translation-memory units, newest first",
    tags=("memory",),
    parameters=_FILTERS,
    response={
        "type": "object",
        "properties": {"units": {"type": "array", "items": _STORED}, "total": {"type": "integer"}},
    },
    errors=(400,),
)
def list_units():  # noqa: ANN201
    source, target, text = language_arg("source"), language_arg("target"), text_arg("text")
    page, per_page = _PAGE.read(), _PER_PAGE.read()
    units, total = _store().list(source, target, text, (page - 1) * per_page, per_page)
    return jsonify({"units": [unit.to_dict() for unit in units], "total": total})


@bp.post("/api/v1/memory")
@documented(
    "Add approved translations to the memory (localizer, editor or admin)",
    tags=("memory",),
    body={
        "oneOf": [_UNIT, {"type": "array", "minItems": 1, "maxItems": MAX_POSTED, "items": _UNIT}]
    },
    response={"type": "object", "properties": {"ids": {"type": "array"}}},
    errors=(400, 401, 403, 413, 415, 422),
    security=True,
    status=201,
)
@requires_role("localizer", "editor")
def add_units():  # noqa: ANN201
    units, problems = [], []
    for where, item in json_items(MAX_POSTED):
        unit, found = unit_problems(item, "api", g.token.name)
        if unit is None:
            problems.append({"at": where, "problems": found})
        else:
            units.append(unit)
    if problems:
        raise ApiError(422, "Some units are invalid; nothing was saved", units=problems[:100])
    return created({"ids": _store().add(units)})


@bp.delete("/api/v1/memory/<int:unit_id>")
@documented(
    "Delete one memory unit (localizer, editor or admin)",
    tags=("memory",),
    errors=(401, 403, 404),
    security=True,
    status=204,
)
@requires_role("localizer", "editor")
def delete_unit(unit_id: int):  # noqa: ANN201
    _store().delete(unit_id)
    return Response(status=204)


@bp.get("/api/v1/memory/matches")
@documented(
    "The memory's exact and fuzzy (≥ 75%) matches of a sentence, with their differences",
    tags=("memory",),
    parameters=[
        {
            "name": "text",
            "in": "query",
            "required": True,
            "schema": {**TEXT_ARG, "minLength": 1, "maxLength": MAX_MATCHED_CHARS},
        },
        {
            "name": "target",
            "in": "query",
            "required": True,
            "schema": {"type": "string", "minLength": 1},
        },
        {"name": "source", "in": "query", "required": False, "schema": {"type": "string"}},
        _LIMIT.parameter(),
    ],
    response={
        "type": "object",
        "properties": {
            "source": {"type": "string"},
            "exact": {"type": "string", "nullable": True},
            "fuzzy": {"type": "array", "items": {"type": "object"}},
        },
    },
    errors=(400,),
)
def matches():  # noqa: ANN201
    text = text_arg("text", MAX_MATCHED_CHARS)
    target = language_arg("target")
    if text is None or target is None:
        raise bad_request("Parameters 'text' and 'target' are required")
    limit = _LIMIT.read()
    runtime = current_runtime()
    # Units answer a sentence of their own source language only; detected when not given.
    source = language_arg("source") or sentence_language(text, runtime.settings.detect_languages)
    known = runtime.known
    found = fuzzy_matches(known.suggestion_index(), text, target, limit, source=source)
    exact = known.snapshot().memory_index.exact(text, source, target)
    body = {"source": source, "exact": exact, "fuzzy": [match.to_dict() for match in found]}
    return jsonify(body)


@bp.get("/api/v1/memory/export")
@documented(
    "The whole translation memory as TMX 1.4",
    tags=("memory",),
    response={"type": "string"},
    response_type="application/x-tmx+xml",
)
def export_units():  # noqa: ANN201
    data = write_tmx(_store().all(), current_runtime().version)
    response = Response(data, mimetype="application/x-tmx+xml")
    response.headers["Content-Disposition"] = 'attachment; filename="memory.tmx"'
    return response


@bp.post("/api/v1/memory/import")
@documented(
    "Add the units of a TMX file, all or none (localizer, editor or admin)",
    tags=("memory",),
    body={"type": "string", "format": "binary"},
    body_types=("application/x-tmx+xml", "application/xml"),
    response={"type": "object", "properties": {"ids": {"type": "array"}}},
    errors=(400, 401, 403, 413, 422),
    security=True,
    status=201,
)
@requires_role("localizer", "editor")
def import_units():  # noqa: ANN201
    units = read_tmx(request.get_data(cache=False), g.token.name)
    if not units:
        raise bad_request("The file holds no units")
    return created({"ids": _store().add(units)})
