"""Catalog API: progress per locale, entries with their ETag, new locales, template merge, export.

Reading needs no token; every write needs a localizer (or admin) token. Writes to entries
are in ``catalogs_write``, history in ``catalogs_history``; all share one blueprint ``bp``.
"""

from __future__ import annotations

from flask import Response, g, jsonify, request, url_for

from service.api import catalogs_history, catalogs_write  # noqa: F401 (their routes join bp)
from service.api.auth import requires_role
from service.api.catalogs_common import TAGS, bp, etag
from service.catalogs import SOURCE_LOCALE, locale_dir_name, locale_tag
from service.catalogs.entries import STATES, catalog_stats, select_entries
from service.catalogs.storage import content_revision
from service.http.errors import bad_request
from service.http.openapi import documented
from service.http.requests import json_object, required_string
from service.languages import display_name
from service.runtime import current_runtime

MAX_QUERY_CHARS = 500
_EXPORT_TYPES = {
    "po": ("text/x-gettext-translation", "po"),
    "mo": ("application/x-gettext-translation", "mo"),
    "xliff": ("application/x-xliff+xml", "xlf"),
}
_STATS = {
    "type": "object",
    "properties": {
        name: {"type": "number" if name == "percent" else "integer"}
        for name in ("total", *STATES, "percent")
    },
}
_LOCALE = {
    "type": "object",
    "properties": {
        "locale": {"type": "string"},
        "name": {"type": "string"},
        **_STATS["properties"],
    },
}
_ENTRY = {
    "type": "object",
    "properties": {
        "msgid": {"type": "string"},
        "msgid_plural": {"type": "string", "nullable": True},
        "msgctxt": {"type": "string", "nullable": True},
        "msgstr": {"type": "string", "nullable": True},
        "msgstr_plural": {"type": "array", "items": {"type": "string"}, "nullable": True},
        "flags": {"type": "array", "items": {"type": "string"}},
        "translator_comments": {"type": "array", "items": {"type": "string"}},
        "auto_comments": {"type": "array", "items": {"type": "string"}},
        "locations": {"type": "array", "items": {"type": "string"}},
        "state": {"type": "string", "enum": list(STATES)},
        "problems": {"type": "array", "items": {"type": "object"}},
    },
}


def _locale_summary(tag: str, stats: dict) -> dict:
    return {"locale": tag, "name": display_name(tag), **stats}


@bp.get("/api/v1/catalogs")
@documented(
    "Translation progress of every locale's catalog",
    tags=TAGS,
    response={
        "type": "object",
        "properties": {
            "source_locale": {"type": "string"},
            "locales": {"type": "array", "items": _LOCALE},
        },
    },
)
def list_catalogs() -> Response:
    stats = current_runtime().catalogs.stats()
    locales = [_locale_summary(tag, found) for tag, found in stats.items()]
    return jsonify({"source_locale": SOURCE_LOCALE, "locales": locales})


@bp.post("/api/v1/catalogs")
@requires_role("localizer")
@documented(
    "Create a locale's catalog from the template (as pybabel init)",
    tags=TAGS,
    body={"type": "object", "required": ["locale"], "properties": {"locale": {"type": "string"}}},
    response=_LOCALE,
    errors=(400, 401, 403, 409, 415, 422),
    security=True,
    status=201,
)
def create_catalog() -> tuple[Response, int]:
    requested = required_string(json_object(), "locale")
    catalogs = current_runtime().catalogs
    revision = catalogs.create_locale(requested)
    tag = locale_tag(requested)
    response = jsonify(_locale_summary(tag, catalog_stats(catalogs.load(tag))))
    response.set_etag(revision)
    response.headers["Location"] = url_for("catalogs.get_catalog", locale=tag)
    return response, 201


@bp.get("/api/v1/catalogs/<locale>")
@documented(
    "A locale's entries (optionally by state and text), with the catalog's ETag",
    tags=TAGS,
    parameters=[
        {"name": "state", "in": "query", "schema": {"type": "string", "enum": list(STATES)}},
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS}},
    ],
    response={
        "type": "object",
        "properties": {
            "locale": {"type": "string"},
            "etag": {"type": "string"},
            "plural_forms": {"type": "integer"},
            "stats": _STATS,
            "entries": {"type": "array", "items": _ENTRY},
        },
    },
    errors=(400, 404),
)
def get_catalog(locale: str) -> Response:
    state = request.args.get("state")  # "" is no state: refused, as the enum says
    query = request.args.get("q") or None
    if state is not None and state not in STATES:
        raise bad_request(f"state must be one of {', '.join(STATES)}")
    if query is not None and len(query) > MAX_QUERY_CHARS:
        raise bad_request(f"q is limited to {MAX_QUERY_CHARS} characters")
    snapshot = current_runtime().catalogs.snapshot(locale)
    tag = locale_tag(locale)
    response = jsonify(
        {
            "locale": tag,
            "etag": etag(snapshot.revision),
            "plural_forms": snapshot.catalog.num_plurals,
            "stats": catalog_stats(snapshot.catalog),
            "entries": select_entries(snapshot.catalog, tag, state, query),
        }
    )
    response.set_etag(snapshot.revision)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.post("/api/v1/catalogs/<locale>/update")
@requires_role("localizer")
@documented(
    "Merge the template into the catalog (as pybabel update): changed entries become fuzzy",
    tags=TAGS,
    response={"type": "object", "properties": {"etag": {"type": "string"}, "stats": _STATS}},
    errors=(401, 403, 404, 409),
    security=True,
)
def update_catalog(locale: str) -> Response:
    catalogs = current_runtime().catalogs
    revision = catalogs.update_from_template(locale)
    body = {"locale": locale_tag(locale), "etag": etag(revision)}
    response = jsonify({**body, "stats": catalog_stats(catalogs.load(locale))})
    response.set_etag(revision)
    return response


@bp.get("/api/v1/catalogs/<locale>/export")
@documented(
    "Download the catalog as PO, compiled MO or XLIFF 1.2",
    tags=TAGS,
    parameters=[
        {
            "name": "format",
            "in": "query",
            "schema": {"type": "string", "enum": list(_EXPORT_TYPES), "default": "po"},
        }
    ],
    response={"type": "string", "format": "binary"},
    response_type=tuple(mimetype for mimetype, _ in _EXPORT_TYPES.values()),
    errors=(400, 404),
)
def export_catalog(locale: str) -> Response:
    fmt = request.args.get("format", "po")
    if fmt not in _EXPORT_TYPES:
        raise bad_request(f"format must be one of {', '.join(_EXPORT_TYPES)}")
    data = current_runtime().catalogs.export(locale, fmt)
    mimetype, extension = _EXPORT_TYPES[fmt]
    binary = fmt == "mo"
    response = Response(data, content_type=mimetype if binary else f"{mimetype}; charset=utf-8")
    filename = f"{locale_dir_name(locale)}.{extension}"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    if fmt == "po":
        response.set_etag(content_revision(data))
    return response


@bp.get("/api/v1/localizer")
@requires_role("localizer")
@documented(
    "Who the token belongs to (the editor's login check)",
    tags=TAGS,
    response={
        "type": "object",
        "properties": {"name": {"type": "string"}, "role": {"type": "string"}},
    },
    errors=(401, 403),
    security=True,
)
def whoami() -> Response:
    return jsonify({"name": g.token.name, "role": g.token.role})
