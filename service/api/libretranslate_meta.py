"""LibreTranslate's service endpoints: ``/health``, ``/spec`` and ``/frontend/settings``.

They answer what LibreTranslate answers, from Mixlate's own state: the spec is the OpenAPI
document of the LibreTranslate-compatible operations only (the whole API is at
``/api/v1/openapi.json``), the settings describe this server's limits, keys and languages.
"""

from __future__ import annotations

from flask import current_app, jsonify

from service.api.libretranslate_blueprint import bp
from service.http.openapi import build_document, documented
from service.languages import display_name, to_argos
from service.runtime import current_runtime

LIBRETRANSLATE_TAG = "libretranslate"
FRONTEND_TIMEOUT_MS = 500
_NAMED = {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}}}


@bp.get("/health")
@documented(
    "LibreTranslate-compatible health check",
    tags=(LIBRETRANSLATE_TAG,),
    response={"type": "object", "properties": {"status": {"type": "string", "enum": ["ok"]}}},
)
def health():  # noqa: ANN201
    return jsonify({"status": "ok"})


@bp.get("/spec")
@documented(
    "The OpenAPI document of the LibreTranslate-compatible endpoints",
    tags=(LIBRETRANSLATE_TAG,),
    response={"type": "object"},
)
def spec():  # noqa: ANN201
    document = build_document(current_app, current_runtime().version)
    document["info"]["title"] = "Mixlate (LibreTranslate-compatible API)"
    document["paths"] = {
        path: methods
        for path, methods in document["paths"].items()
        if any(LIBRETRANSLATE_TAG in op.get("tags", ()) for op in methods.values())
    }
    return jsonify(document)


@bp.get("/frontend/settings")
@documented(
    "LibreTranslate-compatible front-end settings of this server",
    tags=(LIBRETRANSLATE_TAG,),
    response={
        "type": "object",
        "properties": {
            "charLimit": {"type": "integer"},
            "frontendTimeout": {"type": "integer"},
            "apiKeys": {"type": "boolean"},
            "keyRequired": {"type": "boolean"},
            "suggestions": {"type": "boolean"},
            "filesTranslation": {"type": "boolean"},
            "supportedFilesFormat": {"type": "array", "items": {"type": "string"}},
            "language": {
                "type": "object",
                "properties": {"source": _NAMED, "target": _NAMED},
            },
        },
    },
)
def frontend_settings():  # noqa: ANN201
    runtime = current_runtime()
    settings = runtime.settings
    formats = current_app.extensions.get("mixlate.file_formats", ())
    targets = sorted({t for ts in runtime.translator.language_graph().values() for t in ts})
    target = "en" if "en" in targets or not targets else targets[0]
    return jsonify(
        {
            "charLimit": settings.max_text_chars,
            "frontendTimeout": FRONTEND_TIMEOUT_MS,
            "apiKeys": bool(runtime.api_keys.list()) or settings.require_api_key,
            "keyRequired": settings.require_api_key,
            "suggestions": settings.suggestions,
            "filesTranslation": bool(formats),
            "supportedFilesFormat": list(formats),
            "language": {
                "source": {"code": "auto", "name": "Auto Detect"},
                "target": {"code": to_argos(target), "name": display_name(target, "en")},
            },
        }
    )
