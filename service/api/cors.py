"""Cross-origin access (Flask-Cors): open to browsers on other origins, but never for writes.

Contract: every API and LibreTranslate path answers browsers from ``MIXLATE_CORS_ORIGINS``
(default any origin, as LibreTranslate). Writes to articles and catalogs (and their
preflights) carry no CORS headers unless the origin is one of ``MIXLATE_CORS_WRITE_ORIGINS``,
so a page on another site can read and translate but never publish or edit, even with a
token it got hold of.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_cors import CORS

from service.config import Settings

LIBRETRANSLATE_PATHS = r"/(translate|detect|languages|health|spec|frontend/settings|suggest)"
FILE_PATHS = r"/(translate_file|download_file/.*)"
PROTECTED_PREFIXES = ("/api/v1/articles", "/api/v1/catalogs")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _is_protected_write() -> bool:
    if not request.path.startswith(PROTECTED_PREFIXES):
        return False
    method = request.method
    if method == "OPTIONS":
        method = (request.headers.get("Access-Control-Request-Method") or "").upper()
    return method in WRITE_METHODS


def install_cors(app: Flask, settings: Settings) -> None:
    """CORS on the API and LibreTranslate paths, withheld from cross-origin writes."""
    write_origins = frozenset(settings.cors_write_origins)

    @app.after_request
    def _withhold_from_writes(response: Response) -> Response:
        # Registered before Flask-Cors, so it runs after it (Flask runs them in reverse).
        if _is_protected_write() and request.headers.get("Origin") not in write_origins:
            for header in [
                name for name, _ in response.headers if name.startswith("Access-Control-")
            ]:
                del response.headers[header]
        return response

    origins = list(settings.cors_origins)
    options = {
        "origins": origins,
        "expose_headers": [
            "ETag",
            "Location",  # where a 202's job is (a document job's progress)
            "Retry-After",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
        ],
    }
    CORS(
        app,
        resources={
            r"/api/*": {**options, "origins": origins + list(write_origins)},
            LIBRETRANSLATE_PATHS: options,
            FILE_PATHS: options,
        },
        allow_headers=["Authorization", "Content-Type", "If-Match", "If-None-Match", "X-API-Key"],
        max_age=86400,
        # Flask runs the after-request hooks for error responses too (a 503 refusal, a 500):
        # Flask-Cors's own interception of the error handlers only set the headers twice.
        intercept_exceptions=False,
    )
