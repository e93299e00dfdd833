"""How a translation is %-formatted: one rule shared by validation and rendering.

A msgid is a *python-format* string when it holds a %-conversion other than ``%%`` (a ``%``
followed by a space, as in "100% sure", is literal text). Then, and only then, its
translation is a format string too:

- rendering (``render``) formats the translation of a python-format msgid with the
  caller's variables; any other translation is returned as it is, never %-formatted, so
  "跳到正文 50%" for "Skip to content" is shown literally. A translation that cannot be
  formatted with the variables (a stray ``%``, an unknown ``%(name)s``, a positional ``%s``
  against named variables) is logged and replaced by the source string, so a bad catalog
  entry can never fail a page;
- validation (``format_problems``) refuses what rendering would have to replace: in the
  translation of a python-format msgid every ``%`` must start a conversion (``%%`` is a
  literal percent sign) and the translation must format with values shaped like the
  msgid's placeholders.

Pure functions; strings may be ``markupsafe.Markup`` (its ``%`` escapes the variables).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

from babel.messages.catalog import PYTHON_FORMAT

log = logging.getLogger(__name__)

_CONVERSION = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<type>[diouxXeEfFgGcrsa%])"
)
_FORMAT_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError)


def python_conversions(text: str) -> list[str]:
    """The %-conversions of ``text`` as Babel's extractor sees them (no ``%%``, no ``% x``)."""
    return [
        match.group(0)
        for match in PYTHON_FORMAT.finditer(text)
        if match.group(3) != "%" and not match.group(2).startswith(" ")
    ]


def is_python_format(*msgids: str | None) -> bool:
    """Whether any of ``msgids`` is a python-format string (its translations get formatted)."""
    return any(msgid and python_conversions(msgid) for msgid in msgids)


def stray_percents(text: str) -> list[int]:
    """Offsets of the ``%`` signs of ``text`` that start no valid conversion (``%%`` is one)."""
    found, position = [], 0
    while (start := text.find("%", position)) != -1:
        match = _CONVERSION.match(text, start)
        if match is None or (match.group("type") == "%" and match.group(0) != "%%"):
            found.append(start)
            position = start + 1
        else:
            position = match.end()
    return found


def _sample(conversion: str) -> Any:
    kind = conversion[-1]
    if kind in "diouxXc":
        return 1
    return 1.5 if kind in "eEfFgG" else "x"


def named_samples(msgids: Sequence[str]) -> dict[str, Any] | None:
    """Values shaped like the named placeholders of ``msgids``; None if any is positional."""
    named: dict[str, Any] = {}
    for msgid in msgids:
        for match in _CONVERSION.finditer(msgid):
            if match.group(0) == "%%":
                continue
            if match.group("key") is None:
                return None
            named.setdefault(match.group("key"), _sample(match.group(0)))
    return named


def format_problem(text: str, msgids: Sequence[str]) -> str | None:
    """Why ``text`` cannot stand for the python-format ``msgids`` (None if it can).

    Positional sources (``%s of %d``) are only checked for stray ``%``: which value goes
    where is the placeholder rule's business, and rendering falls back if they clash.
    """
    if stray := stray_percents(text):
        return f"A % at position {stray[0]} starts no placeholder; write %% for a percent sign"
    samples = named_samples(msgids)
    if samples is None:
        return None
    try:
        text % samples
    except _FORMAT_ERRORS as exc:
        return f"The translation cannot be formatted like the source: {exc!r}"
    return None


def _formattable(text: str, variables: Mapping[str, Any]) -> bool:
    """Whether ``text % variables`` formats every conversion from ``variables``."""
    for match in _CONVERSION.finditer(text):
        if match.group(0) != "%%" and match.group("key") not in variables:
            return False
    return not stray_percents(text)


def render(text: str, fallback: str, variables: Mapping[str, Any], msgids: Sequence[str]) -> str:
    """``text`` formatted with ``variables`` if ``msgids`` are python-format, else as it is.

    On a translation that does not format, logs and returns ``fallback`` (the source
    string) formatted the same way, or unformatted if even that fails.
    """
    if not is_python_format(*msgids):
        return text
    if _formattable(text, variables):
        try:
            return text % variables
        except _FORMAT_ERRORS:
            pass
    log.warning("translation %r of %r does not format; showing the source", text, msgids[0])
    try:
        return fallback % variables
    except _FORMAT_ERRORS:
        return fallback
