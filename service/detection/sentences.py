"""Segmentation of text into sentence-like units with exact offsets.

A unit is the smallest stretch that gets one language: a sentence, a line, a bullet item or one
item of a "/" or "|" separated list. Units never start or end with whitespace, and bullet
markers and list separators stay outside them. Each unit also carries the index of its block
(paragraph): blocks are separated by blank lines, and context rules never look across them.

Splits happen at line breaks, at Chinese/Japanese full-width terminators (。！？；), at ASCII
. ! ? followed by whitespace, a CJK character or the end (but not after abbreviations such as
"U.S.", "Dr.", "e.g.", initials, list numbers, or before a lowercase word or a digit), at a
colon across which the script changes ("Note: 请勿回复", "语言: English"), and at
separators: "|", a tab, two or more spaces, an ideographic space, a spaced "/", "·", "•", "-",
"–" or "—", and an unspaced "/" between a CJK character and a letter.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .scripts import ALPHA_RE, CJK_RANGES, count_letters, has_cjk, is_cjk

_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_CLOSERS = "\"'”’」』）)\\]》】〕»"
_SEPARATORS = "/／·•–—\\-"

_TERMINATORS = "。！？；｡"
_ENDS = ".!?…"
_BREAKERS = "|｜¦\t\u3000"
# Every boundary starts with one of these characters, so the regex engine can skip to them
# with its fast character-set scan; each branch then checks (by lookbehind) what it found.
_FIRST = _LINE_BREAKS + _TERMINATORS + _ENDS + ":：" + _BREAKERS + _SEPARATORS + " "
_BOUNDARY_RE = re.compile(
    rf"[{_FIRST}]"
    rf"(?:(?<=[{_LINE_BREAKS}])(?P<br>)\s*"
    rf"|(?<=[{_TERMINATORS}])(?P<term>)[{_TERMINATORS}!?…]*[{_CLOSERS}]*"
    rf"|(?<=[{_ENDS}])(?P<dot>)[{_ENDS}]*[{_CLOSERS}]*(?=\s|\Z|[{CJK_RANGES}])"
    rf"|(?<=[:：])(?P<colon>)(?=\s*[^\W\d_])"
    rf"|(?<=[{_BREAKERS}])(?P<breaker>)"
    r"|(?<=  )(?P<spaces>) *"
    rf"|(?<=\s[{_SEPARATORS}])(?P<spaced>)(?=\s)"
    rf"|(?<=[{CJK_RANGES}][/／])(?P<slash>)(?=[^\W\d_])"
    rf"|(?<=[^\W\d_][/／])(?P<slash_back>)(?=[{CJK_RANGES}]))"
)
_LINE_BREAK_RE = re.compile(rf"\r\n|[{_LINE_BREAKS}]")
_NEXT_VISIBLE_RE = re.compile(r"\s*(\S)")
_WORD_BEFORE_RE = re.compile(r"(?<![\w.])(?:(?:[A-Za-z]\.)+[A-Za-z]|[A-Za-z]+)\Z")
_LIST_NUMBER_RE = re.compile(r"^[^\S\n]*\d{1,3}\Z", re.MULTILINE)
_BULLET_RE = re.compile(
    r"(?:[-*+•◦▪‣●○■□►▸–—]|\d{1,3}[.)]|[(（]\d{1,3}[)）])[^\S\n]+|\d{1,3}、|[•●▪◦]"
)

# Abbreviations whose period does not end a sentence even before a capitalised word.
# fmt: off
ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "rev", "hon", "gen", "col",
    "capt", "lt", "sgt", "gov", "sen", "rep", "pres", "vs", "etc", "approx", "inc", "ltd", "co",
    "corp", "dept", "est", "fig", "figs", "no", "nos", "vol", "vols", "pp", "cf", "al", "ca",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun", "mme", "mlle", "bzw", "usw", "nr", "str",
))
# fmt: on


class Unit(NamedTuple):
    """A sentence-like unit: ``text[start:end]``, inside block (paragraph) number ``block``."""

    start: int
    end: int
    block: int


def split_units(text: str) -> list[Unit]:
    """Split ``text`` into units with exact offsets into ``text`` (which is never modified)."""
    units: list[Unit] = []
    block = 0
    pos = 0
    line_start = True
    for match in _BOUNDARY_RE.finditer(text):
        kind = match.lastgroup
        if kind == "dot" and not _ends_sentence(text, match):
            continue
        if kind == "colon" and not _switches_script(text, pos, match):
            continue
        cut = match.end() if kind in ("term", "dot", "colon") else match.start()
        _emit(text, pos, cut, block, line_start, units)
        line_start = kind == "br"
        if kind == "br" and len(_LINE_BREAK_RE.findall(match.group())) > 1:
            block += 1
        pos = match.end()
    _emit(text, pos, len(text), block, line_start, units)
    return units


def _emit(text: str, start: int, end: int, block: int, line_start: bool, out: list[Unit]) -> None:
    start, end = trim(text, start, end)
    if line_start and start < end:
        bullet = _BULLET_RE.match(text, start, end)
        if bullet and bullet.end() < end:
            start, end = trim(text, bullet.end(), end)
    if start < end:
        out.append(Unit(start, end, block))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _switches_script(text: str, start: int, match: re.Match[str]) -> bool:
    """A colon ends a label when the script changes across it ("Note: 请勿回复", "语言: Go").

    A one-letter label ("Q: 如何...") stays with its sentence.
    """
    following = _NEXT_VISIBLE_RE.match(text, match.end())
    if following is None:
        return False
    colon = match.start()
    if is_cjk(following.group(1)):
        return count_letters(text, start, colon) > 1 and not has_cjk(text, start, colon)
    return has_cjk(text, start, colon) and ALPHA_RE.search(text, start, colon) is None


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Decide whether an ASCII . ! ? (plus closing quotes) ends a sentence."""
    following = _NEXT_VISIBLE_RE.match(text, match.end())
    if following is None:
        return True
    nxt = following.group(1)
    if is_cjk(nxt):
        return True
    if nxt.islower() or nxt.isdigit():
        return False
    if match.group().rstrip(_CLOSERS) != ".":
        return True
    dot = match.start()
    word = _WORD_BEFORE_RE.search(text, max(0, dot - 24), dot)
    if word is not None:
        token = word.group()
        if "." in token or len(token) == 1 or token.lower() in ABBREVIATIONS:
            return False
    return _LIST_NUMBER_RE.search(text, max(0, dot - 8), dot) is None
