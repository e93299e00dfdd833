"""HTML responses of the pages: strict security headers, content language, caching hints."""

from __future__ import annotations

from flask import Response

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def html_page(body: str, locale: str, status: int = 200, *, private: bool = False) -> Response:
    """A page in ``locale`` that varies with the reader's language choice.

    ``private`` pages (the editor) are never stored by caches.
    """
    response = Response(body, status=status, mimetype="text/html")
    response.headers.update(SECURITY_HEADERS)
    response.headers["Content-Language"] = locale
    response.vary.update(("Accept-Language", "Cookie"))
    if private:
        response.headers["Cache-Control"] = "no-store"
    return response
