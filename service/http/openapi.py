"""The OpenAPI 3 document, assembled from the ``@documented`` description on each view."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string", "description": "What went wrong"}},
    "additionalProperties": True,
}

_ERROR_TEXT = {
    400: "Invalid request",
    401: "Missing or invalid token",
    403: "Token lacks the role",
    404: "Not found",
    409: "Conflict",
    412: "Precondition failed (stale ETag)",
    413: "Input too large",
    415: "Unsupported content type",
    422: "Validation failed",
    428: "Precondition required",
    503: "Model not installed or service unavailable",
}


def documented(
    summary: str,
    *,
    tags: tuple[str, ...] = (),
    body: dict[str, Any] | None = None,
    body_types: tuple[str, ...] = ("application/json",),
    parameters: list[dict[str, Any]] | None = None,
    response: dict[str, Any] | None = None,
    response_type: str | tuple[str, ...] = "application/json",
    errors: tuple[int, ...] = (),
    security: bool = False,
    status: int = 200,
    also: Mapping[int, tuple[str, dict[str, Any]]] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Attach an OpenAPI operation description to a view function (``status``: its success;
    ``also``: other successes, status → (description, JSON schema)).

    Errors of views tagged ``pages`` are HTML pages; every other error is the JSON Error.
    """
    page = "pages" in tags
    error_content = (
        {"text/html": {"schema": {"type": "string"}}}
        if page
        else {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    )

    def attach(view: Callable[..., Any]) -> Callable[..., Any]:
        operation: dict[str, Any] = {"summary": summary, "tags": list(tags)}
        if parameters:
            operation["parameters"] = parameters
        if body is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {kind: {"schema": body} for kind in body_types},
            }
        ok: dict[str, Any] = {"description": "Success"}
        if response is not None:
            kinds = (response_type,) if isinstance(response_type, str) else response_type
            ok["content"] = {kind: {"schema": response} for kind in kinds}
        responses: dict[str, Any] = {str(status): ok}
        for other, (description, schema) in (also or {}).items():
            responses[str(other)] = {
                "description": description,
                "content": {"application/json": {"schema": schema}},
            }
        for error in errors:
            responses[str(error)] = {
                "description": _ERROR_TEXT.get(error, "Error"),
                "content": error_content,
            }
        operation["responses"] = responses
        if security:
            operation["security"] = [{"bearer": []}]
        view.__openapi__ = operation  # type: ignore[attr-defined]
        return view

    return attach


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-zA-Z_]+)>", r"{\1}", rule)


def undocumented_routes(app: Flask) -> list[str]:
    """Routes (other than static files) whose view has no ``@documented`` description."""
    missing = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.endpoint != "static" and not hasattr(view, "__openapi__"):
            missing.append(rule.rule)
    return missing


def build_document(app: Flask, version: str) -> dict[str, Any]:
    """The OpenAPI 3 document of every documented route of ``app``."""
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions[rule.endpoint]
        operation = getattr(view, "__openapi__", None)
        if operation is None:
            continue
        path = paths.setdefault(_openapi_path(rule.rule), {})
        params = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in sorted(rule.arguments)
        ]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            op = dict(operation, operationId=f"{rule.endpoint}_{method.lower()}")
            if params:
                op["parameters"] = params + list(operation.get("parameters", []))
            path[method.lower()] = op
    return {
        "openapi": "3.0.3",
        "info": {"title": "Mixlate", "version": version},
        "paths": paths,
        "components": {
            "schemas": {"Error": ERROR_SCHEMA},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
