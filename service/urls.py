"""Whether a string is a URL a reader's browser or a callback can use: absolute http(s).

One rule for every layer that takes URLs from callers (articles' links and images, jobs'
callbacks), so that a URL accepted in one place is accepted in the others.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) URL without whitespace."""
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": a bad IPv6 bracket makes urlsplit itself refuse
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and not any(c.isspace() for c in url)
    )
