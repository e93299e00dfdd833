"""Cacheable GET responses: strong ETags, CDN-friendly caching headers, ``304`` and a
per-process cache of rendered bodies keyed by the validator.

``cached_response(etag, policy, render)`` answers ``If-None-Match`` with ``304`` before
anything is rendered, else reuses the body rendered for ``etag`` (the app's
``RenderedCache``, bounded by entries and bytes, least recently used out first), else calls
``render`` and keeps its body. The validator must digest everything the body depends on, so
a body kept under it is never stale; the cache only saves the work.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import Response, current_app, request

MAX_AGE_SECONDS = 60
STALE_WHILE_REVALIDATE_SECONDS = 600
PUBLIC = (
    f"public, max-age={MAX_AGE_SECONDS}, stale-while-revalidate={STALE_WHILE_REVALIDATE_SECONDS}"
)
# For responses that set a cookie: a shared cache must not hand the cookie to others.
PRIVATE = f"private, max-age={MAX_AGE_SECONDS}"
MAX_ENTRIES = 2_000
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Policy:
    """How a response may be cached: its Cache-Control and what it varies on."""

    cache_control: str = PUBLIC
    vary: tuple[str, ...] = ("Accept-Language",)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered 200 body and the headers that belong to it (Content-Language, ...)."""

    body: bytes
    mimetype: str
    headers: tuple[tuple[str, str], ...]


class RenderedCache:
    """Thread-safe LRU of rendered bodies by validator."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Rendered] = OrderedDict()
        self._bytes = 0

    def get(self, key: str) -> Rendered | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: str, rendered: Rendered) -> None:
        if len(rendered.body) > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            self._bytes -= len(old.body) if old is not None else 0
            self._entries[key] = rendered
            self._bytes += len(rendered.body)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._entries)


def rendered_cache() -> RenderedCache:
    """The current app's cache of rendered responses (one per app and process)."""
    found = current_app.extensions.get("rendered_responses")
    if found is None:
        found = current_app.extensions.setdefault("rendered_responses", RenderedCache())
    return found


_KEPT_HEADERS = ("Content-Language", "Content-Security-Policy", "X-Content-Type-Options")
_KEPT_HEADERS += ("Referrer-Policy",)


def _headers(response: Response, etag: str, policy: Policy, *, fresh: bool = True) -> Response:
    """``fresh``: a response made here, with no Vary yet (set at once, not parsed and merged)."""
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = policy.cache_control
    if fresh:
        response.headers["Vary"] = ", ".join(policy.vary)
    else:
        response.vary.update(policy.vary)
    return response


def not_modified(etag: str) -> bool:
    """Whether the request's If-None-Match matches ``etag`` (weak comparison, RFC 9110)."""
    return request.if_none_match.contains_weak(etag.strip('"'))


def cached_response(etag: str, policy: Policy, render: Callable[[], Response]) -> Response:
    """``304`` if the client holds ``etag``, else the body kept for it, else ``render()``."""
    cache = rendered_cache()
    if not_modified(etag):
        return _headers(Response(status=304), etag, policy)
    found = cache.get(etag)
    if found is None:
        response = render()
        if response.status_code != 200:
            return response
        kept = tuple((k, v) for k, v in response.headers.items() if k in _KEPT_HEADERS)
        cache.put(etag, Rendered(response.get_data(), response.mimetype or "", kept))
        return _headers(response, etag, policy, fresh=False)
    response = Response(found.body, mimetype=found.mimetype)
    response.headers.update(found.headers)
    return _headers(response, etag, policy)


IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "An ETag of this resource: 304 when it is still current",
    "schema": {"type": "string"},
}
_CACHE_HEADERS = {
    "ETag": {"description": "Strong validator of this body", "schema": {"type": "string"}},
    "Cache-Control": {"schema": {"type": "string", "example": PUBLIC}},
    "Vary": {"schema": {"type": "string"}},
}


def document_conditional(view: Callable[..., Any], statuses: Iterable[str] = ("200",)) -> None:
    """Add If-None-Match, the caching headers and ``304`` to ``view``'s OpenAPI operation."""
    operation = view.__openapi__  # type: ignore[attr-defined]
    operation["parameters"] = [*operation.get("parameters", []), IF_NONE_MATCH]
    for status in statuses:
        operation["responses"][status]["headers"] = dict(_CACHE_HEADERS)
    operation["responses"]["304"] = {
        "description": "Not modified: the client's copy (If-None-Match) is current",
        "headers": dict(_CACHE_HEADERS),
    }
