"""Reading request bodies: JSON objects and LibreTranslate-style form-or-JSON parameters."""

from __future__ import annotations

from typing import Any

from flask import request

from service.http.errors import ApiError, bad_request


def json_object() -> dict[str, Any]:
    """The request's JSON body, which must be an object; 415/400 JSON errors otherwise."""
    if not request.is_json:
        raise ApiError(415, "Content-Type must be application/json")
    body = request.get_json(silent=True)
    if body is None:
        raise bad_request("The request body is not valid JSON")
    if not isinstance(body, dict):
        raise bad_request("The JSON body must be an object")
    return body


def form_or_json() -> dict[str, Any]:
    """Parameters from a JSON object, a form or the query string, as LibreTranslate accepts them."""
    if request.is_json:
        return json_object()
    params: dict[str, Any] = {}
    for source in (request.args, request.form):
        for key in source:
            values = source.getlist(key)
            params[key] = values if len(values) > 1 else values[0]
    return params


def required_string(body: dict[str, Any], name: str) -> str:
    """``body[name]``, which must be a string."""
    if name not in body or body[name] is None:
        raise bad_request(f"Missing field '{name}'")
    value = body[name]
    if not isinstance(value, str):
        raise bad_request(f"Field '{name}' must be a string")
    return value


def optional_string(body: dict[str, Any], name: str, default: str) -> str:
    """``body[name]`` if present (must be a string), else ``default``."""
    value = body.get(name)
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        raise bad_request(f"Field '{name}' must be a string")
    return value
