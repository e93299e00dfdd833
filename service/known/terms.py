"""Finding glossary terms in a text: leftmost, longest first, without overlaps.

``TermIndex`` is built from every entry once per glossary revision; each language pair gets
its own trie of lower-cased terms the first time it is asked for. From each position the
scan walks the trie along the text, so it costs the length of the prefixes that match, not
the number of entries: a 5,000-term glossary costs about what 20 terms do.

Rules: a longer term wins over a shorter one starting at the same place, and a match is never
cut by another; ``case_sensitive`` compares exactly, otherwise case-insensitively;
``whole_word`` forbids a letter or digit of the same kind on either side, and CJK characters
never count as word neighbours (Chinese has no spaces between words). Chinese scripts serve
each other: a zh-Hans entry answers zh-Hant (term or translation converted by the injected
OpenCC function) unless an entry of that script itself exists.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from service.known.glossary import GlossaryEntry

Converter = Callable[[str, str, str], str]  # (text, from script, to script) -> text
_CHINESE = ("zh-Hans", "zh-Hant")


@dataclass(frozen=True, slots=True)
class TermMatch:
    """Entry ``entry`` matched ``text[start:end]``; ``output`` is what the target shows."""

    start: int
    end: int
    output: str
    entry: int
    term: str


@dataclass(frozen=True, slots=True)
class _Candidate:
    key: str  # the term as compared: exact, or lower-cased
    length: int
    case_sensitive: bool
    whole_word: bool
    output: str
    entry: int
    term: str


def _lower(text: str) -> str:
    """``text`` lower-cased character by character, keeping every offset."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF
        or 0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xAC00 <= code <= 0xD7AF
        or 0x20000 <= code <= 0x3FFFF
    )


def _wordish(char: str) -> bool:
    return (char.isalnum() or char == "_") and not _is_cjk(char)


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is not glued to a letter or digit of its own kind."""
    if start > 0 and _wordish(text[start - 1]) and _wordish(text[start]):
        return False
    return not (end < len(text) and _wordish(text[end]) and _wordish(text[end - 1]))


class TermIndex:
    """Immutable view of one glossary revision; ``matches`` is safe to call from any thread."""

    def __init__(self, entries: Iterable[GlossaryEntry], convert: Converter | None = None) -> None:
        self._by_pair: dict[tuple[str, str], list[GlossaryEntry]] = {}
        for entry in entries:
            self._by_pair.setdefault((entry.source, entry.target), []).append(entry)
        self._convert = convert
        self._tables: dict[tuple[str, str], _Node] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return sum(map(len, self._by_pair.values()))

    def matches(self, text: str, source: str, target: str) -> list[TermMatch]:
        """The terms of ``text`` (in ``source``) with their ``target`` outputs, in order."""
        trie = self._table(source, target)
        if not trie:
            return []
        lowered = _lower(text)
        found: list[TermMatch] = []
        position = 0
        while position < len(text):
            hit = _longest(trie, text, lowered, position)
            if hit is None:
                position += 1
                continue
            end = position + hit.length
            found.append(TermMatch(position, end, hit.output, hit.entry, hit.term))
            position = end
        return found

    def _table(self, source: str, target: str) -> _Node:
        table = self._tables.get((source, target))
        if table is None:
            table = self._build(source, target)
            with self._lock:
                self._tables[(source, target)] = table
        return table

    def _entries(self, source: str, target: str) -> list[tuple[str, str, GlossaryEntry]]:
        """(term, output, entry) for the pair, borrowing from the other Chinese script."""
        rows = [(e.term, e.output, e) for e in self._by_pair.get((source, target), ())]
        convert = self._convert
        if convert is None:
            return rows
        seen = {(term, entry.case_sensitive) for term, _, entry in rows}
        if target in _CHINESE:
            other = _CHINESE[1 - _CHINESE.index(target)]
            for entry in self._by_pair.get((source, other), ()):
                if (entry.term, entry.case_sensitive) not in seen:
                    output = (
                        entry.term
                        if entry.do_not_translate
                        else convert(entry.output, other, target)
                    )
                    rows.append((entry.term, output, entry))
        if source in _CHINESE:
            other = _CHINESE[1 - _CHINESE.index(source)]
            for entry in self._by_pair.get((other, target), ()):
                term = convert(entry.term, other, source)
                if (term, entry.case_sensitive) not in seen:
                    rows.append((term, term if entry.do_not_translate else entry.output, entry))
        return rows

    def _build(self, source: str, target: str) -> _Node:
        trie: _Node = {}
        for term, output, entry in self._entries(source, target):
            key = term if entry.case_sensitive else _lower(term)
            candidate = _Candidate(
                key, len(key), entry.case_sensitive, entry.whole_word, output, entry.id or 0, term
            )
            node = trie
            for char in _lower(term):
                node = node.setdefault(char, {})
            node.setdefault(_ENDS, []).append(candidate)
        return trie


_ENDS = ""  # in a trie node: the candidates whose (lower-cased) term ends there
_Node = dict


def _longest(trie: _Node, text: str, lowered: str, position: int) -> _Candidate | None:
    """The longest term starting at ``position``: walk the trie along the lower-cased text,
    so the cost is the length of the matched prefixes, not the size of the glossary."""
    best = None
    node = trie
    for index in range(position, len(lowered)):
        node = node.get(lowered[index])
        if node is None:
            break
        for candidate in node.get(_ENDS, ()):
            haystack = text if candidate.case_sensitive else lowered
            if haystack.startswith(candidate.key, position) and (
                not candidate.whole_word or _bounded(text, position, index + 1)
            ):
                best = candidate
                break
    return best
