"""Reading requests: JSON objects, LibreTranslate-style form-or-JSON parameters, query numbers.

Contract: what these functions return is safe for every layer below. A JSON body is an object
nested at most ``MAX_JSON_DEPTH`` deep whose strings (keys included) are valid Unicode (no
unpaired surrogates, which no encoder downstream can write) and whose numbers are finite;
anything else is a 400 naming the place (``texts[3]``). Query numbers are ASCII digits within
stated bounds (``"²"`` is a digit to ``str.isdigit`` but not a number here); so are numbers in
routes, whose ``<path:...>`` parts match any character.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from flask import request
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter, PathConverter

from service.http.errors import ApiError, bad_request

MAX_JSON_DEPTH = 32
INT64_MAX = 2**63 - 1


class Int64Converter(IntegerConverter):
    """``<int:...>`` in routes: ASCII digits, bounded by what the database can store (larger:
    404 for every method)."""

    regex = r"[0-9]+"  # Werkzeug's \d+ also takes "٣", which int() reads as 3

    def to_python(self, value: str) -> int:
        # Werkzeug has chosen the rule by now: a ValidationError would become a 405 when the
        # path has rules for other methods. The length check keeps int() off 4,300 digits.
        if len(value) > len(str(INT64_MAX)) or int(value) > INT64_MAX:
            raise NotFound()
        return int(value)


class AnyPathConverter(PathConverter):
    """``<path:...>`` in routes, matching every character: Werkzeug's ``.`` skips newlines,
    which left ``/static/web/a%0Ab`` unrouted (a JSON 404) instead of the page's 404."""

    regex = r"[^/][\s\S]*?"


def _where(path: tuple[str | int, ...]) -> str:
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
    return text.lstrip(".") or "the body"


# Searched in C (18 µs for 5,000 characters): a Python loop over the characters cost 0.24 ms
# for a 5,000-character article body, on every request before anything else.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def check_json(value: Any) -> None:
    """Raise a 400 for JSON that is too deep, not valid Unicode, or holds NaN/Infinity."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        if len(path) > MAX_JSON_DEPTH:
            raise bad_request(f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(item, str):
            if _has_surrogate(item):
                raise bad_request(
                    f"{_where(path)} is not valid Unicode text (it holds an unpaired surrogate)",
                    field=_where(path),
                )
        elif isinstance(item, float) and not math.isfinite(item):
            raise bad_request(f"{_where(path)} is not a finite number", field=_where(path))
        elif isinstance(item, dict):
            for key, inner in item.items():
                if _has_surrogate(key):
                    raise bad_request("A JSON key is not valid Unicode text")
                stack.append((inner, (*path, key)))
        elif isinstance(item, list):
            stack.extend((inner, (*path, index)) for index, inner in enumerate(item))


def json_body() -> Any:
    """The request's JSON body, any checked value; 415 unless JSON, 400 if unreadable or bad.

    Every JSON body is read here: the recursion guard and ``check_json`` are the only things
    standing between a hostile body and the layers below.
    """
    if not request.is_json:
        raise ApiError(415, "Content-Type must be application/json")
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        raise bad_request(f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels") from None
    if body is None:
        raise bad_request("The request body is not valid JSON")
    check_json(body)
    return body


def json_object(not_an_object: str = "The JSON body must be an object") -> dict[str, Any]:
    """The request's JSON body, which must be a checked object; 415/400 JSON errors otherwise."""
    body = json_body()
    if not isinstance(body, dict):
        raise bad_request(not_an_object)
    return body


def query_int(name: str, default: Any, maximum: int, minimum: int = 1) -> Any:
    """Query parameter ``name`` as a whole number from ``minimum`` to ``maximum`` (else 400)."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    # The length check keeps int() off thousands of digits, which it refuses (a ValueError).
    short = len(raw) <= len(str(maximum))
    if not (raw.isascii() and raw.isdigit() and short and minimum <= int(raw) <= maximum):
        raise bad_request(
            f"Parameter '{name}' must be a whole number from {minimum} to {maximum}",
            parameter=name,
        )
    return int(raw)


@dataclass(frozen=True)
class QueryNumber:
    """A whole-number query parameter, so that the server reads exactly what the OpenAPI
    document states: its bounds and default come from here for both."""

    name: str
    default: int | None
    maximum: int
    minimum: int = 1

    def read(self) -> Any:
        """The number in this request (``default`` when absent); 400 when out of bounds."""
        return query_int(self.name, self.default, self.maximum, self.minimum)

    def parameter(self) -> dict[str, Any]:
        """The OpenAPI description of the parameter."""
        schema: dict[str, Any] = {
            "type": "integer",
            "minimum": self.minimum,
            "maximum": self.maximum,
        }
        if self.default is not None:
            schema["default"] = self.default
        return {"name": self.name, "in": "query", "required": False, "schema": schema}


MAX_PAGE_NUMBER = 1_000_000


def paging(per_page_default: int, per_page_max: int) -> tuple[QueryNumber, QueryNumber]:
    """The ``page`` and ``per_page`` parameters of a paged list."""
    return (
        QueryNumber("page", 1, MAX_PAGE_NUMBER),
        QueryNumber("per_page", per_page_default, per_page_max),
    )


def form_or_json() -> dict[str, Any]:
    """Parameters from a JSON object, a form or the query string, as LibreTranslate accepts them."""
    if request.is_json:
        return json_object(not_an_object="Invalid JSON format")
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
