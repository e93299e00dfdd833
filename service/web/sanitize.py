"""An allow-list HTML sanitiser for article bodies published as HTML.

The body is parsed into a tree and written out again by this module only: text is escaped,
elements outside the allow-list are dropped (their text kept; script-like elements dropped
with their content), attributes outside the allow-list are dropped and links keep only
http(s), mailto and relative URLs. The walk is iterative, so deep nesting cannot overflow.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from markupsafe import Markup, escape

ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "strong", "em", "b", "i", "u", "s", "small", "sub", "sup", "mark"}
    | {"q", "cite", "abbr", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "span"}
    | {"h2", "h3", "h4", "h5", "h6", "a", "figure", "figcaption", "code", "pre"}
    | {"table", "caption", "thead", "tbody", "tr", "th", "td"}
)
# The page has its own <h1>: a body's h1 becomes h2.
RENAMED = {"h1": "h2"}
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"}
    | {"head", "title", "textarea", "select", "button", "form", "frameset", "noembed"}
)
VOID = frozenset({"br", "hr"})
_GLOBAL_ATTRIBUTES = frozenset({"lang", "dir", "title"})
_TAG_ATTRIBUTES = {
    "a": {"href"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
_URL_ATTRIBUTES = frozenset({"href", "cite"})
_NUMBER_ATTRIBUTES = frozenset({"start", "colspan", "rowspan"})
_LANG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SAFE_SCHEMES = ("", "http", "https", "mailto")


def safe_url(value: str) -> str | None:
    """``value`` without control characters if its scheme is allowed, else None."""
    cleaned = _INVISIBLE.sub("", value)
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return None
    return cleaned if scheme in _SAFE_SCHEMES and cleaned else None


def _attribute(tag: str, name: str, value: str) -> str | None:
    """The value to keep for attribute ``name`` of ``tag``, or None to drop it."""
    if name not in _GLOBAL_ATTRIBUTES and name not in _TAG_ATTRIBUTES.get(tag, ()):
        return None
    if name in _URL_ATTRIBUTES:
        return safe_url(value)
    if name in _NUMBER_ATTRIBUTES:
        return value if value.isdigit() and len(value) <= 4 else None
    if name == "lang":
        return value if _LANG.match(value) else None
    if name == "dir":
        return value if value in ("ltr", "rtl", "auto") else None
    return value


def _start_tag(name: str, element: Tag) -> str:
    parts = [name]
    for attr, raw in element.attrs.items():
        value = " ".join(raw) if isinstance(raw, list) else str(raw)
        kept = _attribute(name, attr.lower(), value)
        if kept is not None:
            parts.append(f'{attr.lower()}="{escape(kept)}"')
    if name == "a":
        parts.append('rel="nofollow noopener noreferrer"')
    return "<" + " ".join(parts) + ">"


def sanitize_html(source: str) -> Markup:
    """``source`` reduced to the allow-listed elements and attributes, safe to embed."""
    soup = BeautifulSoup(source, "html.parser")
    out: list[str] = []
    pending = [iter(soup.children)]
    closers: list[str] = [""]
    while pending:
        node = next(pending[-1], None)
        if node is None:
            pending.pop()
            out.append(closers.pop())
        elif isinstance(node, PreformattedString):
            continue
        elif isinstance(node, NavigableString):
            out.append(str(escape(str(node))))
        elif isinstance(node, Tag) and node.name.lower() not in DROPPED_WITH_CONTENT:
            name = RENAMED.get(node.name.lower(), node.name.lower())
            allowed = name in ALLOWED_TAGS
            if allowed:
                out.append(_start_tag(name, node))
            if allowed and name in VOID:
                continue
            pending.append(iter(node.children))
            closers.append(f"</{name}>" if allowed else "")
    return Markup("".join(out))  # noqa: S704 (built from escaped text and checked attributes)
