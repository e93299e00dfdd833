"""HTML front end: list the translatable text of an HTML document, then rebuild it.

Runs (text stretches; ``alt``, ``title``, ``placeholder``, ``aria-label`` values) are found with
``html.parser`` fed the source with ``&`` masked as ``_`` (same offsets, no split at character
references); code-like content and what is under ``translate="no"``/``class="notranslate"`` are
kept (``translate="yes"`` reopens, not in code). Open elements follow HTML tree building's main
recovery rules. ``render`` splices into the source: ``parse(s).render({}) == s`` for any ``s``.
"""

import contextlib
import functools
import itertools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape, unescape
from html.entities import html5 as html5_entities
from html.parser import HTMLParser
from typing import Literal

_Kind = Literal["text", "attribute"]
_TRANSLATABLE_ATTRIBUTES = frozenset({"alt", "title", "placeholder", "aria-label"})
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
_OPAQUE = frozenset({*_RAW_TEXT, "code", "pre", "kbd", "samp"} - {"title"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link"})
_VOID |= {"meta", "param", "source", "track", "wbr"}
_FORMATTING = frozenset({"a", "b", "big", "code", "em", "font", "i", "s", "small", "strong", "u"})
_CLOSES_P = frozenset({"address", "article", "aside", "blockquote", "center", "details", "dialog"})
_CLOSES_P |= {"dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2"}
_CLOSES_P |= {"h3", "h4", "h5", "h6", "header", "hgroup", "hr", "listing", "main", "menu", "nav"}
_CLOSES_P |= {"ol", "p", "pre", "search", "section", "summary", "table", "ul", "xmp"}
_SPECIAL = _CLOSES_P | {"li", "dd", "dt", "body", "button", "caption", "colgroup", "head", "html"}
_SPECIAL |= {"iframe", "noembed", "noframes", "noscript", "object", "script", "select", "style"}
_SPECIAL |= {"tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr"}
_MARKERS = frozenset({"caption", "object", "td", "template", "th"})
_LIST_SCOPE = _SPECIAL - {"address", "div", "p"}
_SCOPE = _MARKERS | {"table"}  # an end tag does not reach an element below one of these
_CLOSE_P = (frozenset({"p"}), _SCOPE | {"button", "p"})
# Start tag -> [(elements it closes, elements where the search down the stack ends, those too)].
_CELL = (frozenset({"td", "th"}), frozenset({"tr", "table", "template", "td", "th"}))
_IMPLIED_END = dict.fromkeys(_CLOSES_P, [_CLOSE_P]) | dict.fromkeys(("td", "th"), [_CELL])
_IMPLIED_END |= dict.fromkeys(("dd", "dt"), [(frozenset({"dd", "dt"}), _LIST_SCOPE), _CLOSE_P])
_IMPLIED_END["li"] = [(frozenset({"li"}), _LIST_SCOPE), _CLOSE_P]
_IMPLIED_END["option"] = [(frozenset({"option"}), _LIST_SCOPE | {"option"})]
_IMPLIED_END["tr"] = [(frozenset({"tr"}), frozenset({"tbody", "thead", "tfoot", "table", "tr"}))]
_IN_TABLE = frozenset({"caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"})

_S = "\t\n\f\r "  # HTML whitespace; a no-break space is part of a name or value
_TAG_NAME = re.compile(f"<[A-Za-z][^{_S}/>]*")
_END_TAG = re.compile("</[A-Za-z]")
_ATTRIBUTE = re.compile(
    f"""[{_S}/]*([^{_S}/>][^{_S}/=>]*)(?:[{_S}]*=[{_S}]*("[^"]*"|'[^']*'|[^{_S}>]*))?"""
)
_TAG = re.compile(  # a tag as HTML reads it: a quote opens a value only right after "="
    f"""</?[A-Za-z][^{_S}/>]*+(?>[{_S}/]++|[^{_S}/>][^{_S}/=>]*+(?>[{_S}]*+=[{_S}]*+"""
    f"""(?>"[^"]*+"|'[^']*+'|(?!["'])[^{_S}>]*+)|(?![{_S}]*+=)))*+>"""
)
_MARKUP = re.compile(r"<[A-Za-z!/?]")  # data that opens markup the tokenizer gave up on
_CHARACTER_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9A-Fa-f]+;?|[A-Za-z][A-Za-z0-9]*;?)")


@dataclass(frozen=True, slots=True)
class TextRun:
    """A translatable text (decoded) or attribute value, keyed by ``index`` in ``render``."""

    index: int
    text: str
    kind: _Kind
    attribute: str | None


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """An HTML source with its translatable runs and where they are in it."""

    runs: list[TextRun]
    _source: str = field(repr=False)
    _places: list[tuple[int, int]] = field(repr=False)

    @classmethod
    def parse(cls, html: str) -> "HtmlDocument":
        """Find the runs of ``html``; never raises on malformed markup."""
        tokenizer = _Tokenizer(html)
        with contextlib.suppress(AssertionError, _Stop):  # keep the runs found so far
            tokenizer.feed(html.replace("&", "_"))
            tokenizer.close()
        tokenizer.end_run()
        return cls(tokenizer.runs, html, tokenizer.places)

    def render(self, translations: Mapping[int, str]) -> str:
        """The source with the runs in ``translations`` replaced (escaped, values quoted)."""
        parts: list[str] = []
        position = 0
        for index in sorted(translations):
            if not 0 <= index < len(self.runs):
                raise KeyError(f"no run {index!r} in a document of {len(self.runs)} runs")
            start, end = self._places[index]
            text = escape(translations[index], quote=False)
            if self.runs[index].kind == "attribute":
                text = '"' + text.replace('"', "&quot;") + '"'
            parts += (self._source[position:start], text)
            position = end
        parts.append(self._source[position:])
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class _Element:
    tag: str
    own: bool | None  # the element's own translate="yes/no" or notranslate class, if any
    translate: bool  # its translation mode: its own, else inherited
    opaque: bool  # inside code-like content


class _Stop(Exception):
    """No more runs: the rest of the input is hidden, or the parser's offsets are off."""


class _Tokenizer(HTMLParser):
    """Collects runs while tracking which open elements allow translation."""

    CDATA_CONTENT_ELEMENTS = _RAW_TEXT

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.runs: list[TextRun] = []
        self.places: list[tuple[int, int]] = []
        self._source = source
        self._masked = source.replace("&", "_")
        self._line_starts = [0, *(match.end() for match in re.finditer("\n", source))]
        self._stack = [_Element("", own=None, translate=True, opaque=False)]  # the document
        self._open: Counter[str] = Counter()
        self._run: tuple[int, int] | None = None
        self._hidden_until = 0  # end of markup that a browser reads further than the tokenizer

    def end_run(self) -> None:
        if self._run is not None:
            start, end = self._run
            self._run = None
            self._add(unescape(self._source[start:end]), "text", None, start, end)

    def parse_html_declaration(self, i: int) -> int:
        try:
            return super().parse_html_declaration(i)
        except AssertionError:  # "<![foo": HTML reads an unknown "<!" as a bogus comment
            return self.parse_bogus_comment(i)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        if start < self._hidden_until < self._masked.find(">", start) + 1:
            raise _Stop  # the tokenizer reads a tag across the point where a browser resumes
        if start >= self._hidden_until and _END_TAG.match(self._masked, start):  # "</ p>": comment
            self._close(tag)
            self._hide(_markup_end(self._masked, start))

    def handle_data(self, data: str) -> None:
        start = self._offset(data)
        end = start + len(data)
        parent = self._stack[-1]
        opaque = parent.opaque or self.cdata_elem not in (None, "title")  # raw text but <title>
        if self.cdata_elem is None and _MARKUP.match(self._masked, start):
            self.end_run()
            self._hide(_markup_end(self._masked, start))
        elif end <= self._hidden_until or not parent.translate or opaque:
            self.end_run()
        elif self._run is not None and self._run[1] == start:  # no markup in between
            self._run = (self._run[0], end)
        else:
            self.end_run()
            self._run = (max(start, self._hidden_until), end)  # the part a browser shows

    def _offset(self, expected: str = "") -> int:
        """Where the current event starts in the source, checked against its ``expected`` text."""
        line, column = self.getpos()
        offset = self._line_starts[line - 1] + column
        if not self._masked.startswith(expected, offset):
            raise _Stop
        return offset

    def _hide(self, end: int) -> None:  # a browser reads broken markup on up to ``end``
        self._hidden_until = max(self._hidden_until, end)
        if end >= len(self._masked):
            raise _Stop

    def _add(self, text: str, kind: _Kind, attribute: str | None, start: int, end: int) -> None:
        if text.strip():
            self.runs.append(TextRun(len(self.runs), text, kind, attribute))
            self.places.append((start, end))

    def handle_starttag(self, tag: str, attrs: object, self_closing: bool = False) -> None:
        self.end_run()
        raw = self.get_starttag_text() or ""
        start = self._offset(raw)
        if start < self._hidden_until < start + len(raw):
            raise _Stop  # as in handle_endtag
        if start < self._hidden_until or (tag in _IN_TABLE and not self._open["table"]):
            return
        end = _markup_end(self._masked, start)
        if end != start + len(raw):  # a browser reads this tag otherwise: keep it and what it hides
            self._hide(end)
            return
        for closes, stops in _IMPLIED_END.get(tag, ()):
            if any(self._open[name] for name in closes):
                nearest = next(e.tag for e in reversed(self._stack) if e.tag in stops)
                if nearest in closes:
                    self._close(nearest)
        parent = self._stack[-1]
        values = _attribute_values(self._source, start, start + len(raw))
        own = _translate_mode(self._source, values)
        if (parent.translate if own is None else own) and not parent.opaque:
            for name, (value_start, value_end) in values.items():
                if name in _TRANSLATABLE_ATTRIBUTES:
                    value = _decode_attribute(self._source[value_start:value_end])
                    self._add(value, "attribute", name, value_start, value_end)
        if tag not in _VOID and not (self_closing and (self._open["svg"] or self._open["math"])):
            self._push(tag, own)

    handle_startendtag = functools.partialmethod(handle_starttag, self_closing=True)

    def _push(self, tag: str, own: bool | None) -> None:
        if len(self._stack) > 512:  # browsers cap the tree depth too; this bounds each walk
            raise _Stop
        parent = self._stack[-1]
        translate = parent.translate if own is None else own
        self._stack.append(_Element(tag, own, translate, parent.opaque or tag in _OPAQUE))
        self._open[tag] += 1

    def _close(self, tag: str) -> None:
        """Close the innermost ``tag`` and what is in it, following HTML tree building.

        ``</span>`` over an open block is ignored; ``</b>`` over a block moves the block out of
        the b; formatting closed implicitly is reopened (``<p><b>x</p>y``: y is bold).
        """
        if not self._open[tag]:
            return
        index, blocked = len(self._stack) - 1, False
        while self._stack[index].tag != tag:
            blocked = blocked or (self._stack[index].tag in _SPECIAL and tag not in _SPECIAL)
            if (blocked and tag not in _FORMATTING) or self._stack[index].tag in _SCOPE:
                return
            index -= 1
        above = self._stack[index + 1 :]
        for element in self._stack[index:]:
            self._open[element.tag] -= 1
        del self._stack[index:]
        if not blocked:
            inside = itertools.takewhile(lambda e: e.tag not in _MARKERS, above)
            above = [e for e in inside if e.tag in _FORMATTING and tag not in _MARKERS]
        for element in above:
            self._push(element.tag, element.own)


def _markup_end(source: str, start: int) -> int:
    """Where a browser ends the markup at ``start``; unclosed comments and quotes run to the end."""
    if _TAG_NAME.match(source, start) or _END_TAG.match(source, start):
        match = _TAG.match(source, start)
        return match.end() if match else len(source)
    closer = "-->" if source.startswith("<!--", start) else ">"  # "<!-->" is a whole comment
    close = source.find(closer, start + 2)
    return len(source) if close < 0 else close + len(closer)


def _attribute_values(source: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """Lower-case name -> range of the (first) value, with quotes; empty if there is no value."""
    values: dict[str, tuple[int, int]] = {}
    match = _TAG_NAME.match(source, start, end)
    position = match.end() if match else end
    while (match := _ATTRIBUTE.match(source, position, end)) is not None:
        position = match.end()
        value_start = position if match.group(2) is None else match.start(2)
        values.setdefault(match.group(1).lower(), (value_start, position))
    return values


def _translate_mode(source: str, at: dict[str, tuple[int, int]]) -> bool | None:
    """An element's own translation mode (translate attribute, notranslate class), or None."""
    found = {n: _decode_attribute(source[slice(*at[n])]) for n in ("translate", "class") if n in at}
    mode = found.get("translate", "-").strip().lower()
    if mode in ("", "yes", "no"):
        return mode != "no"
    return False if "notranslate" in found.get("class", "").split() else None


def _decode_attribute(raw: str) -> str:
    """An attribute value unquoted and decoded; unlike in text, ``?a=1&copy=2`` keeps ``&copy``."""
    if raw[:1] in ("'", '"') and len(raw) >= 2 and raw[-1] == raw[0]:
        raw = raw[1:-1]

    def resolve(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("#"):
            return unescape(match.group())
        followed_by = raw[match.end() : match.end() + 1]
        if name in html5_entities and (name.endswith(";") or followed_by != "="):
            return html5_entities[name]
        return match.group()

    return _CHARACTER_REFERENCE.sub(resolve, raw)
