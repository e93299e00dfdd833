"""Service-level endpoints: health, installed models and the OpenAPI document."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from service.http.openapi import build_document, documented
from service.runtime import current_runtime

bp = Blueprint("system", __name__)

_MODEL = {
    "type": "object",
    "properties": {
        "from": {"type": "string"},
        "to": {"type": "string"},
        "version": {"type": "string"},
    },
}


@bp.get("/api/v1/health")
@documented(
    "Service health and installed models",
    tags=("system",),
    response={
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "translation_available": {"type": "boolean"},
            "models": {"type": "array", "items": _MODEL},
            "message": {"type": "string"},
        },
    },
)
def health():  # noqa: ANN201
    runtime = current_runtime()
    models = runtime.installed_models()
    body = {"status": "ok", "translation_available": bool(models), "models": models}
    if not models:
        body["message"] = runtime.NO_MODELS_MESSAGE
    return jsonify(body)


@bp.get("/api/v1/models")
@documented(
    "Installed model pairs and every reachable language pair",
    tags=("system",),
    response={
        "type": "object",
        "properties": {
            "installed": {"type": "array", "items": _MODEL},
            "pairs": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "from": {"type": "string"},
                        "to": {"type": "string"},
                        "via": {
                            "type": "string",
                            "nullable": True,
                            "description": "The pivot language, or null for a direct model",
                        },
                    },
                },
            },
        },
    },
)
def models():  # noqa: ANN201
    runtime = current_runtime()
    return jsonify({"installed": runtime.installed_models(), "pairs": runtime.engine.pairs()})


@bp.get("/api/v1/openapi.json")
@documented("This OpenAPI document", tags=("system",), response={"type": "object"})
def openapi():  # noqa: ANN201
    return jsonify(build_document(current_app, current_runtime().version))
