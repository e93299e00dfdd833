"""Glossary endpoints: anyone reads the entries; a localizer (or admin) writes them.

``/api/v1/glossary`` lists (filters ``source``, ``target``, ``text``) and adds one entry or a
list (201 with their ids); ``/api/v1/glossary/<id>`` reads, replaces and deletes one;
``/api/v1/glossary/export`` and ``/import`` move the glossary as CSV or TBX. Every write
bumps the glossary revision, so the next translation uses it.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from service.api.auth import requires_role
from service.api.known_common import TEXT_ARG, created, json_items, language_arg, text_arg
from service.http.errors import bad_request
from service.http.openapi import documented
from service.http.requests import json_object, paging
from service.known import GlossaryStore, InvalidGlossaryEntry
from service.known.glossary import MAX_NOTE, MAX_TERM, GlossaryEntry, entry_problems
from service.known.glossary_files import read_csv, read_tbx, write_csv, write_tbx
from service.runtime import current_runtime

bp = Blueprint("glossary", __name__)

MAX_PER_PAGE = 1000
MAX_POSTED = 5_000
_FORMATS = {"csv": "text/csv; charset=utf-8", "tbx": "application/x-tbx+xml"}
# What entry_problems refuses, stated: blank tags; blank, long or multi-line texts.
_TAG = {"type": "string", "pattern": r"\S"}
_LINE = {"type": "string", "maxLength": MAX_TERM, "pattern": r"^[^\r\n]*\S[^\r\n]*$"}
_ENTRY = {
    "type": "object",
    "required": ["source", "term", "target"],
    "properties": {
        "source": {**_TAG, "example": "zh-Hans"},
        "term": {**_LINE, "example": "李在明"},
        "target": {**_TAG, "example": "en"},
        "translation": {**_LINE, "example": "Lee Jae Myung"},
        "case_sensitive": {"type": "boolean", "default": False},
        "whole_word": {"type": "boolean", "default": True},
        "do_not_translate": {"type": "boolean", "default": False},
        "note": {"type": "string", "maxLength": MAX_NOTE},
    },
}
_STORED = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, **_ENTRY["properties"]},
}
_IDS = {"type": "object", "properties": {"ids": {"type": "array", "items": {"type": "integer"}}}}
_PAGE, _PER_PAGE = paging(100, MAX_PER_PAGE)
_FILTERS = [
    {"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
    for name in ("source", "target")
] + [
    {"name": "text", "in": "query", "required": False, "schema": TEXT_ARG},
    _PAGE.parameter(),
    _PER_PAGE.parameter(),
]
_FORMAT_PARAM = {
    "name": "format",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": ["csv", "tbx"], "default": "csv"},
}


def _store() -> GlossaryStore:
    return current_runtime().glossary


def _checked(body: Any, where: str = "the body") -> GlossaryEntry:
    entry, problems = entry_problems(body)
    if entry is None:
        raise InvalidGlossaryEntry([{"at": where, "problems": problems}])
    return entry


def _format() -> str:
    fmt = request.args.get("format", "csv")
    if fmt not in _FORMATS:
        raise bad_request("Parameter 'format' must be 'csv' or 'tbx'", parameter="format")
    return fmt


@bp.get("/api/v1/glossary")
@documented(
    "List glossary entries (filters: source, target, text in the term or translation)",
    tags=("glossary",),
    parameters=_FILTERS,
    response={
        "type": "object",
        "properties": {
            "entries": {"type": "array", "items": _STORED},
            "total": {"type": "integer"},
        },
    },
    errors=(400,),
)
def list_entries():  # noqa: ANN201
    source, target, text = language_arg("source"), language_arg("target"), text_arg("text")
    page, per_page = _PAGE.read(), _PER_PAGE.read()
    entries, total = _store().list(source, target, text, (page - 1) * per_page, per_page)
    return jsonify({"entries": [entry.to_dict() for entry in entries], "total": total})


@bp.post("/api/v1/glossary")
@documented(
    "Add one glossary entry or a list of them (localizer or admin)",
    tags=("glossary",),
    body={
        "oneOf": [_ENTRY, {"type": "array", "minItems": 1, "maxItems": MAX_POSTED, "items": _ENTRY}]
    },
    response=_IDS,
    errors=(400, 401, 403, 413, 415, 422),
    security=True,
    status=201,
)
@requires_role("localizer")
def add_entries():  # noqa: ANN201
    entries, problems = [], []
    for where, item in json_items(MAX_POSTED):
        entry, found = entry_problems(item)
        if entry is None:
            problems.append({"at": where, "problems": found})
        else:
            entries.append(entry)
    if problems:
        raise InvalidGlossaryEntry(problems[:100])
    return created({"ids": _store().add(entries)})


@bp.get("/api/v1/glossary/<int:entry_id>")
@documented("One glossary entry", tags=("glossary",), response=_STORED, errors=(404,))
def get_entry(entry_id: int):  # noqa: ANN201
    return jsonify(_store().get(entry_id).to_dict())


@bp.put("/api/v1/glossary/<int:entry_id>")
@documented(
    "Replace one glossary entry (localizer or admin)",
    tags=("glossary",),
    body=_ENTRY,
    response=_STORED,
    errors=(400, 401, 403, 404, 415, 422),
    security=True,
)
@requires_role("localizer")
def replace_entry(entry_id: int):  # noqa: ANN201
    entry = _checked(json_object())
    return jsonify(_store().replace(entry_id, entry).to_dict())


@bp.delete("/api/v1/glossary/<int:entry_id>")
@documented(
    "Delete one glossary entry (localizer or admin)",
    tags=("glossary",),
    errors=(401, 403, 404),
    security=True,
    status=204,
)
@requires_role("localizer")
def delete_entry(entry_id: int):  # noqa: ANN201
    _store().delete(entry_id)
    return Response(status=204)


@bp.get("/api/v1/glossary/export")
@documented(
    "The whole glossary as CSV or TBX",
    tags=("glossary",),
    parameters=[_FORMAT_PARAM],
    response={"type": "string"},
    response_type=("text/csv", "application/x-tbx+xml"),
    errors=(400,),
)
def export_entries():  # noqa: ANN201
    fmt = _format()
    entries = _store().all()
    data = write_csv(entries) if fmt == "csv" else write_tbx(entries)
    response = Response(data, mimetype=_FORMATS[fmt].split(";")[0])
    response.headers["Content-Disposition"] = f'attachment; filename="glossary.{fmt}"'
    return response


@bp.post("/api/v1/glossary/import")
@documented(
    "Add the entries of a CSV or TBX file, all or none (localizer or admin)",
    tags=("glossary",),
    parameters=[_FORMAT_PARAM],
    body={"type": "string", "format": "binary"},
    body_types=("text/csv", "application/x-tbx+xml", "application/xml"),
    response=_IDS,
    errors=(400, 401, 403, 413, 422),
    security=True,
    status=201,
)
@requires_role("localizer")
def import_entries():  # noqa: ANN201
    fmt = _format()
    data = request.get_data(cache=False)
    entries = read_csv(data) if fmt == "csv" else read_tbx(data)
    if not entries:
        raise bad_request("The file holds no entries")
    return created({"ids": _store().add(entries)})
