"""HTML responses of the pages: strict security headers, content language, caching hints."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from flask import Response

ASSET_TYPES = ("image/svg+xml", "text/css", "text/javascript")
"""What the static files are served as (their documented content types)."""

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def html_page(
    body: str,
    locale: str,
    status: int = 200,
    *,
    private: bool = False,
    image_origins: Iterable[str] = (),
) -> Response:
    """A page in ``locale`` that varies with the reader's language choice.

    ``private`` pages (the editor) are never stored by caches. ``image_origins`` (e.g.
    ``https://images.example``) are the only other places images may come from.
    """
    response = Response(body, status=status, mimetype="text/html")
    response.headers.update(SECURITY_HEADERS)
    origins = sorted(set(image_origins))
    if origins:
        policy = SECURITY_HEADERS["Content-Security-Policy"]
        images = " ".join(["img-src 'self'", *origins])
        response.headers["Content-Security-Policy"] = policy.replace("img-src 'self'", images)
    response.headers["Content-Language"] = locale
    response.vary.update(("Accept-Language", "Cookie"))
    if private:
        response.headers["Cache-Control"] = "no-store"
    return response


def origin(url: str) -> str:
    """``scheme://host[:port]`` of an absolute URL (for a policy's source list)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
