"""Request helpers shared by the glossary, memory and suggestion endpoints."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from service.http.errors import ApiError, bad_request
from service.http.requests import json_body
from service.languages import canonical


def json_items(limit: int) -> list[tuple[str, Any]]:
    """The JSON body as (place, item) pairs: one object, or a list of at most ``limit``."""
    body = json_body()
    if not isinstance(body, list):
        return [("the body", body)]
    if not body:
        raise bad_request("Give at least one item")
    if len(body) > limit:
        raise ApiError(413, f"{len(body)} items in one request; the limit is {limit}")
    return [(f"[{number}]", item) for number, item in enumerate(body)]


def language_arg(name: str) -> str | None:
    """Query parameter ``name`` as a canonical language tag (400 if unknown), or None."""
    value = request.args.get(name)
    return canonical(value) if value else None


MAX_TEXT_ARG = 500
TEXT_ARG = {"type": "string", "maxLength": MAX_TEXT_ARG}
"""The schema of a ``text_arg`` with the default limit."""


def text_arg(name: str, limit: int = MAX_TEXT_ARG) -> str | None:
    """Query parameter ``name``: valid text of at most ``limit`` characters, or None."""
    text = request.args.get(name) or None
    if text is not None and (len(text) > limit or any("\ud800" <= c <= "\udfff" for c in text)):
        raise bad_request(f"Parameter '{name}' must be valid text of at most {limit} characters")
    return text


def created(body: dict[str, Any]) -> Response:
    """A 201 JSON response."""
    response = jsonify(body)
    response.status_code = 201
    return response
