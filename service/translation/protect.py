"""Protected spans: text that never goes to the model and comes back unchanged, in place.

A protected span is a URL, an e-mail address, a number (with its currency sign, percent sign
or unit), a format placeholder (``{name}``, ``{{ var }}``, ``%(count)d``, ``%s``), an
``@handle``, a ``#hashtag`` or inline code in backticks. :func:`protected_spans` finds them
with one compiled regex per kind; where candidates overlap the earliest wins, and of those
starting together the longest. :func:`translatable_pieces` cuts a range of text at those
spans and returns what is left to translate.

Offsets are code-point indices into the exact input, which is never normalised. Lookbehinds
use ASCII classes on purpose: in mixed text a URL or number often touches a Chinese character
(``访问https://x.org``, ``共3个``), and CJK characters count as word characters for ``\\w``.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A protected stretch ``text[start:end]``; ``kind`` says which rule found it."""

    start: int
    end: int
    kind: str


# URLs are ASCII (RFC 3986): a URL ends at whitespace, at ``"<>`` or at the first non-ASCII
# character, e.g. the ``了`` or ``。`` that follows it in Chinese text.
_URL = re.compile(r"(?<![A-Za-z0-9])((?i:https?://|www\.))[!#-;=?-~]+")
_URL_TRAILING = ".,;:!?'*"
_URL_CLOSERS = {")": "(", "]": "[", "}": "{"}

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,63}(?![A-Za-z0-9-])"
)

_DIGIT = "[0-9０-９]"
# Unit symbols that may follow a number after one space ("12 km"); attached ASCII letters
# ("12km", "4K", "2nd") are always part of the number. Words that double as units ("in",
# "t", single capitals) are left out of the spaced list.
_SPACED_UNITS = (
    "km|cm|mm|nm|m|mi|ft|yd|kg|mg|g|lbs?|oz|ml|mL|l|s|ms|µs|ns|min|hrs?|h|"
    "Hz|kHz|MHz|GHz|KB|kB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|bps|kbps|Mbps|Gbps|"
    "px|pt|em|rem|dpi|kW|MW|kWh|mAh|°C|°F|am|pm|AM|PM|"
    "USD|EUR|GBP|CNY|RMB|JPY|HKD|TWD|%"
)
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_０-９])(?<![A-Za-z]-)"  # not inside a word, nor "COVID-19"
    r"[-+−]?(?:[A-Z]{1,3}\$|[$€£¥￥₩₹₽₺₫₱฿₪])?"  # sign, currency: $5, US$5, ¥100
    rf"(?:{_DIGIT}{{1,3}}(?:,{_DIGIT}{{3}})+|{_DIGIT}+)(?:[.．]{_DIGIT}+)*"  # 1,234.5 / 1.2.3
    r"(?:[%％‰]|°[CF]?|[A-Za-z]{1,4}(?![A-Za-z])"  # 3.5%, 20°C, 12km, 4K
    rf"|[ \u00a0\u202f](?:{_SPACED_UNITS})(?![A-Za-z0-9]))?"  # 12 km, 5 GB
)

_PLACEHOLDER = re.compile(
    r"\{\{[^{}\n]*\}\}"  # {{ name }} (Jinja, Mustache, Angular)
    r"|[$%]?\{[A-Za-z0-9_]*(?:[.\[][A-Za-z0-9_.\[\]]*)?(?:![rsa])?(?::[^{}\s]*)?\}"  # {0:.2f}
)
_PRINTF = re.compile(
    r"%(?:[0-9]+\$)?(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-+#0]*(?:[0-9]+|\*)?(?:\.(?:[0-9]+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrs@%]"
)
# Handles are ASCII (Twitter, GitHub), optionally with a fediverse domain: @user@host.social.
_HANDLE = re.compile(
    r"(?<![A-Za-z0-9_.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?"
    r"(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?"
)
# Hashtags follow Twitter: "#" and a run of word characters (any script, at least one of them
# not a digit) up to whitespace or punctuation; a closing "#" (Weibo's #话题#) is included.
_HASHTAG = re.compile(r"(?<![A-Za-z0-9_&#])#(?=\w*[^\W\d_])\w+#?")
# Inline code: a run of backticks closed by a run of the same length on the same line.
_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")

# (kind, regex, a character every match contains, or None to always run the regex)
_RULES: tuple[tuple[str, re.Pattern[str], str | None], ...] = (
    ("code", _CODE, "`"),
    ("email", _EMAIL, "@"),
    ("handle", _HANDLE, "@"),
    ("hashtag", _HASHTAG, "#"),
    ("placeholder", _PLACEHOLDER, "{"),
    ("printf", _PRINTF, "%"),
    ("number", _NUMBER, None),
)

_LETTER = re.compile(r"[^\W\d_]")


def protected_spans(text: str) -> list[Span]:
    """Protected spans of ``text``: sorted, non-overlapping (earliest, then longest, wins)."""
    return _spans(text, 0, len(text))


def translatable_pieces(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Ranges of ``text[start:end]`` to translate: what lies between protected spans.

    Each range is trimmed of surrounding whitespace; a range without any letter (only
    punctuation, digits, symbols) is not returned, so it is kept as is.
    """
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise ValueError(f"range {start}:{end} is outside a text of length {len(text)}")
    pieces: list[tuple[int, int]] = []
    position = start
    for span in _spans(text, start, stop):
        _add_piece(text, position, span.start, pieces)
        position = span.end
    _add_piece(text, position, stop, pieces)
    return pieces


def _spans(text: str, start: int, end: int) -> list[Span]:
    # Candidates as (start, -end, kind): sorting puts the earliest, then longest, first.
    candidates = _urls(text, start, end)
    for kind, pattern, needle in _RULES:
        if needle is None or text.find(needle, start, end) >= 0:
            matches = pattern.finditer(text, start, end)
            candidates.extend((match.start(), -match.end(), kind) for match in matches)
    candidates.sort()
    chosen: list[Span] = []
    reached = start
    for span_start, negative_end, kind in candidates:
        if span_start >= reached:
            reached = -negative_end
            chosen.append(Span(span_start, reached, kind))
    return chosen


def _urls(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """URL candidates, without trailing sentence punctuation or unbalanced closing brackets."""
    urls = []
    for match in _URL.finditer(text, start, end):
        url_start, url_end = match.span()
        surplus: dict[str, int] = {}  # closing minus opening brackets of each kind in the URL
        while url_end > url_start:
            last = text[url_end - 1]
            opener = _URL_CLOSERS.get(last)
            if opener is not None and last not in surplus:
                closing = text.count(last, url_start, url_end)
                surplus[last] = closing - text.count(opener, url_start, url_end)
            if last in _URL_TRAILING or surplus.get(last, 0) > 0:
                if opener is not None:
                    surplus[last] -= 1
                url_end -= 1
            else:
                break
        if url_end > match.end(1):
            urls.append((url_start, -url_end, "url"))
    return urls


def _add_piece(text: str, start: int, end: int, pieces: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped and _LETTER.search(stripped):
        first = start + len(piece) - len(piece.lstrip())
        pieces.append((first, first + len(stripped)))
