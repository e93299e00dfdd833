"""JSON errors: every error a caller can cause becomes ``{"error": "..."}`` with a 4xx status."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error to report to the caller as JSON with ``status``."""

    def __init__(self, status: int, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details

    def body(self) -> dict[str, Any]:
        return {"error": self.message, **self.details}


def bad_request(message: str, **details: Any) -> ApiError:
    return ApiError(400, message, **details)


def register_error_handlers(app: Flask) -> None:
    """Turn ApiError, HTTP errors and unexpected exceptions into JSON responses."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):  # noqa: ANN202
        return jsonify(exc.body()), exc.status

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):  # noqa: ANN202
        message = exc.description or exc.name
        if exc.code == 413:
            message = "Request too large: the body exceeds the configured limit"
        response = jsonify({"error": message})
        response.status_code = exc.code or 500
        if exc.code == 405 and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):  # noqa: ANN202
        log.exception("unhandled error")
        return jsonify({"error": "Internal error (a bug in Mixlate; see the server log)"}), 500
