"""Validation of one translation edit: placeholders, HTML tags, plural forms, whitespace.

Nothing that passes can fail a page: the translation of a python-format msgid must be a
format string rendering can use (see ``formatting``), and every text must be encodable as
UTF-8 (a lone surrogate is refused here, before anything is written). An empty msgstr
(or, for plural entries, all-empty forms) means "untranslated" and is never a problem.
Each rule compares a translated form with the msgid; for plural entries a form passes a
rule if it agrees with either the msgid or the msgid_plural (a singular form may
legitimately drop the count placeholder). A translation may be up to ``MAX_CHARS`` or
``LENGTH_FACTOR`` times its source long.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from string import Formatter

from babel.messages.plurals import get_plural

from service.catalogs.formatting import format_problem, is_python_format, python_conversions
from service.catalogs.locales import locale_dir_name
from service.text_rules import xml_unsafe

_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_MALFORMED_BRACES = "{malformed braces}"
MAX_CHARS, LENGTH_FACTOR = 1000, 4
"""A translation may have up to max(MAX_CHARS, LENGTH_FACTOR × the source's length)
characters: more is a paste error, and wrapping long unbroken runs (CJK text) in a PO
file costs Babel quadratic time."""


@dataclass(frozen=True)
class Problem:
    """One validation finding; ``form`` is the plural form index it concerns, if any."""

    code: str
    message: str
    form: int | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"code": self.code, "message": self.message, "form": self.form}


def placeholders(text: str) -> Counter[str]:
    """Multiset of %-style (``%(name)s``, ``%d``) and brace (``{name}``, ``{0}``, ``{}``) fields.

    ``%%`` and a ``%`` followed by a space ("100% sure") are literal percent signs.
    """
    found: Counter[str] = Counter(python_conversions(text))
    if "{" in text or "}" in text:
        try:
            for _, field, spec, conversion in Formatter().parse(text):
                if field is not None:
                    conv = f"!{conversion}" if conversion else ""
                    fmt = f":{spec}" if spec else ""
                    found[f"{{{field}{conv}{fmt}}}"] += 1
        except ValueError:
            found[_MALFORMED_BRACES] += 1
    return found


_ENCODING = Problem(
    "encoding", "The text holds a lone surrogate (invalid Unicode) and cannot be saved"
)


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.events.append(("open", tag))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.events.append(("void", tag))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("close", tag))


def html_tags(text: str) -> list[tuple[str, str]]:
    """The (kind, name) tag events of ``text`` in order; kind is open, close or void."""
    collector = _TagCollector()
    collector.feed(text)
    collector.close()
    return collector.events


def _balanced(events: list[tuple[str, str]]) -> bool:
    stack: list[str] = []
    for kind, name in events:
        if kind == "void" or name in _VOID_TAGS:
            continue
        if kind == "open":
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def _describe(counter: Counter[str]) -> str:
    return ", ".join(sorted(counter.elements()))


def _check_placeholders(source: str, text: str) -> Problem | None:
    expected, actual = placeholders(source), placeholders(text)
    if expected == actual:
        return None
    parts = []
    if missing := expected - actual:
        parts.append(f"missing {_describe(missing)}")
    if extra := actual - expected:
        parts.append(f"unexpected {_describe(extra)}")
    return Problem("placeholders", "Placeholders differ from the source: " + "; ".join(parts))


def _check_tags(source: str, text: str) -> Problem | None:
    expected, actual = html_tags(source), html_tags(text)
    if Counter(expected) != Counter(actual):
        names = sorted({name for _, name in expected}) or ["none"]
        return Problem("html_tags", f"HTML tags differ from the source (expected: {names})")
    if _balanced(expected) and not _balanced(actual):
        return Problem("html_unbalanced", "HTML tags are not properly nested or closed")
    return None


def _edges(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def _check_leading(source: str, text: str) -> Problem | None:
    if _edges(source)[0] != _edges(text)[0]:
        return Problem("leading_whitespace", "Leading whitespace differs from the source")
    return None


def _check_trailing(source: str, text: str) -> Problem | None:
    if _edges(source)[1] != _edges(text)[1]:
        return Problem("trailing_whitespace", "Trailing whitespace differs from the source")
    return None


def _check_newlines(source: str, text: str) -> Problem | None:
    if source.count("\n") != text.count("\n"):
        return Problem(
            "newlines",
            f"The source has {source.count(chr(10))} line break(s), "
            f"the translation {text.count(chr(10))}",
        )
    return None


def _check_control(source: str, text: str) -> Problem | None:
    if xml_unsafe(text) or any(char in "\r\x7f" for char in text):
        return Problem("control_characters", "The translation contains control characters")
    return None


def _check_length(source: str, text: str) -> Problem | None:
    limit = max(MAX_CHARS, LENGTH_FACTOR * len(source))
    if len(text) > limit:
        return Problem("too_long", f"The translation is {len(text)} characters; at most {limit}")
    return None


_RULES: tuple[Callable[[str, str], Problem | None], ...] = (
    _check_length,
    _check_placeholders,
    _check_tags,
    _check_leading,
    _check_trailing,
    _check_newlines,
    _check_control,
)


def _check_form(sources: Sequence[str], text: str, form: int | None) -> list[Problem]:
    problems = []
    for rule in _RULES:
        found = [rule(source, text) for source in sources]
        first = found[0]
        if first is not None and all(found):
            problems.append(Problem(first.code, first.message, form))
    checked = not any(problem.code == "placeholders" for problem in problems)
    if checked and is_python_format(*sources) and (why := format_problem(text, sources)):
        problems.append(Problem("format", why, form))
    return problems


def unencodable(text: str) -> bool:
    """Whether ``text`` cannot be written as UTF-8 (it holds a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def encoding_problems(msgstr: str | Sequence[str]) -> list[Problem]:
    """An ``encoding`` problem per form of ``msgstr`` that is not valid Unicode text."""
    if isinstance(msgstr, str):
        return [_ENCODING] if unencodable(msgstr) else []
    return [
        Problem(_ENCODING.code, _ENCODING.message, form)
        for form, text in enumerate(msgstr)
        if unencodable(text)
    ]


def plural_count(locale: str) -> int:
    """Number of plural forms Babel defines for ``locale`` (``zh-Hans`` → 1, ``en`` → 2)."""
    return get_plural(locale_dir_name(locale)).num_plurals


def validate_edit(
    msgid: str,
    msgstr: str | Sequence[str],
    locale: str,
    msgid_plural: str | None = None,
    num_plurals: int | None = None,
) -> list[Problem]:
    """Problems of translating ``msgid`` (and ``msgid_plural``) as ``msgstr`` into ``locale``.

    ``msgstr`` is a string for singular entries and a list of forms for plural entries;
    ``num_plurals`` overrides Babel's plural count (a catalog passes its header's count).
    """
    if encoded := encoding_problems(msgstr):
        return encoded
    if msgid_plural is None:
        if not isinstance(msgstr, str):
            return [Problem("not_plural", "This entry has no plural forms; send one string")]
        return _check_form([msgid], msgstr, None) if msgstr else []
    if isinstance(msgstr, str):
        return [Problem("plural_forms", "This entry has plural forms; send a list of strings")]
    expected = plural_count(locale) if num_plurals is None else num_plurals
    if len(msgstr) != expected:
        return [
            Problem(
                "plural_forms",
                f"Expected {expected} plural form(s) for {locale}, got {len(msgstr)}",
            )
        ]
    if not any(msgstr):
        return []
    problems = []
    for form, text in enumerate(msgstr):
        if not text:
            problems.append(Problem("plural_incomplete", "This plural form is empty", form))
        else:
            problems.extend(_check_form([msgid, msgid_plural], text, form))
    return problems
