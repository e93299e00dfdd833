"""Who may call the translation endpoints, and how much: API keys, origins, rate limits.

Contract: views marked ``@metered`` (LibreTranslate's ``/translate``, ``/detect``,
``/translate_file`` and ``/suggest``; ``/api/v1/translate``, ``/api/v1/detect``, ``POST
/api/v1/files``) run only for an allowed caller. A caller sends
its key as ``api_key`` (JSON body, form or query) or ``X-API-Key``. Once keys are in use
(any key exists, or keys are required) an unknown key is refused (403 "Invalid API key"); a
server without keys ignores one, as LibreTranslate does. With ``MIXLATE_REQUIRE_API_KEY=1``
a keyless caller is refused too
(403), unless its ``Origin`` is one of ``MIXLATE_REQUIRE_API_KEY_ORIGIN``. Rate limits are
counted per view and per key, else per client address, in the configured storage (memory, or
Redis shared by every node), per minute, hour and day, before the key is checked; a key's own
``req_limit`` replaces the per-minute default. Every answer of a limited view carries
``X-RateLimit-Limit``, ``-Remaining`` and ``-Reset`` (the shortest window's); going over a
limit answers 429 with ``Retry-After`` (see ``service.auth.rate_limits``). A key's
``char_limit`` lowers the characters one request may carry.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Response, g, request

from service.auth import ApiKeyInfo
from service.auth.rate_limits import LimitState, RateLimited
from service.config import Settings
from service.http.errors import ApiError
from service.runtime import current_runtime

INVALID_KEY = "Invalid API key"
KEY_REQUIRED = "Please contact the server operator to get an API key"
_UNSET = object()


def _settings() -> Settings:
    return current_runtime().settings


def _sent_key() -> str | None:
    """The key this request sends, if any (read once per request)."""
    found = g.get("api_key_sent", _UNSET)
    if found is _UNSET:
        found = g.api_key_sent = _read_sent_key()
    return found  # type: ignore[return-value]


def _read_sent_key() -> str | None:
    key: Any = None
    if request.is_json:
        # A body that does not hold the name holds no key: no second parse of every
        # request's JSON (the view parses it too) on the path that refuses a full queue.
        if b"api_key" in request.get_data(cache=True):
            try:
                body = request.get_json(silent=True)
            except RecursionError:  # the view's own parsing reports it
                body = None
            key = body.get("api_key") if isinstance(body, dict) else None
    else:
        key = request.values.get("api_key")
    key = key or request.headers.get("X-API-Key")
    return key if isinstance(key, str) and key else None


def caller_key() -> ApiKeyInfo | None:
    """The valid API key of this request, or None (looked up once per request)."""
    found = g.get("api_key_info", _UNSET)
    if found is _UNSET:
        sent = _sent_key()
        found = current_runtime().api_keys.lookup(sent) if sent else None
        g.api_key_info = found
    return found  # type: ignore[return-value]


def char_limit() -> int:
    """The most characters this caller may send in one request."""
    limit = _settings().max_text_chars
    key = caller_key()
    return min(limit, key.char_limit) if key is not None and key.char_limit else limit


def _keys_in_use(settings: Settings) -> bool:
    return settings.require_api_key or current_runtime().api_keys.any()


def _check_caller() -> None:
    key = caller_key()
    settings = _settings()
    if key is None and _sent_key() is not None and _keys_in_use(settings):
        raise ApiError(403, INVALID_KEY)
    origin = request.headers.get("Origin", "")
    if key is not None and key.origin and origin and origin != key.origin:
        raise ApiError(403, INVALID_KEY)
    if key is None and settings.require_api_key and origin not in settings.require_api_key_origins:
        raise ApiError(403, KEY_REQUIRED)


def metered(view: Callable[..., Any]) -> Callable[..., Any]:
    """Count callers against the rate limits, then let only allowed ones in."""

    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _count_request()
        _check_caller()
        return view(*args, **kwargs)

    checked.__metered__ = True  # type: ignore[attr-defined]
    return checked


def _limit_key() -> str:
    key = caller_key()
    return f"key:{key.name}" if key is not None else f"ip:{request.remote_addr or '-'}"


def _limits(settings: Settings) -> str:
    key = caller_key()
    per_minute = key.req_limit if key is not None and key.req_limit else settings.req_limit_minute
    periods = (
        (per_minute, "minute"),
        (settings.req_limit_hour, "hour"),
        (settings.req_limit_day, "day"),
    )
    return ";".join(f"{count} per {period}" for count, period in periods if count)


def _count_request() -> None:
    runtime = current_runtime()
    limits = _limits(runtime.settings)
    if limits:
        scope = request.endpoint or request.path
        try:
            g.rate_limit = runtime.rate_limiter.hit(_limit_key(), scope, limits, time.time())
        except RateLimited as exc:
            g.rate_limit = exc.state
            raise


def _limit_headers(response: Response) -> Response:
    state: LimitState | None = g.get("rate_limit")
    if state is not None:
        response.headers["X-RateLimit-Limit"] = str(state.limit)
        response.headers["X-RateLimit-Remaining"] = str(state.remaining)
        response.headers["X-RateLimit-Reset"] = str(state.reset_at)
    return response


def install_limits(app: Flask) -> None:
    """Put the ``X-RateLimit-*`` headers on every answer of a rate-limited view."""
    app.after_request(_limit_headers)
