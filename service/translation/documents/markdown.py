"""Markdown (``.md``): prose translated per block, markup and code left byte-for-byte.

Blocks are found line by line: front matter, fenced and indented code (an indented line in a
list or under a paragraph continues it instead), HTML lines, link reference definitions and
table rulers are kept whole. A heading, a list item, a table cell or
a run of paragraph lines is one paragraph; its line prefixes (``#``, ``>``, ``-``, ``1.``,
``|``) are fixed pieces, and the breaks between wrapped lines (quoted ones too, at the same
depth) show the pipeline a space, so a wrapped sentence is one sentence. Inside a paragraph,
emphasis markers, link and image brackets with their targets, and HTML tags are fixed pieces
(the model sees no markup); link and image texts are translated; inline code is shown to the
pipeline, which protects it. A line with a ``|`` is a table row, one paragraph per cell.
"""

from __future__ import annotations

import re

from service.translation.documents.model import Extraction, Options, TextParts, from_paragraphs
from service.translation.documents.pieces import Paragraph

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_KEPT_LINE = re.compile(r"^(?: {0,3}<| {0,3}\[[^\]]+\]:\s| {0,3}\|?\s*:?-+:?\s*(\||$))")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:>\s?)*(?:[-+*]|\d{1,9}[.)])\s+\S")
_PREFIX = re.compile(r"^([ \t]*(?:>\s?)*(?:[-+*]\s+|\d{1,9}[.)]\s+)?(?:#{1,6}(?:\s+|$))?)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_INLINE = re.compile(
    r"(?P<code>`+[^`]*?`+)"
    r"|(?P<open>!?\[)"
    r"|(?P<target>\]\([^()\s]*(?:\s+\"[^\"]*\")?\)|\]\[[^\]]*\]|\])"
    r"|(?P<tag><[^<>\n]+>)"
    r"|(?P<emphasis>\*{1,3}|~~|(?<![\w])_{1,3}|_{1,3}(?![\w]))"
)


def extract(data: bytes, _options: Options) -> Extraction:
    lines = data.decode("utf-8").splitlines(keepends=True)
    parts = TextParts()
    paragraphs: list[Paragraph] = []
    paragraph: Paragraph | None = None
    fence: str | None = None
    depth = 0  # how many ">" quote the current paragraph
    in_list = False  # indented lines continue a list rather than start code
    if lines and lines[0].rstrip() == "---":  # YAML front matter up to the next "---"
        fence = "---"
    for number, line in enumerate(lines):
        content = line.rstrip("\r\n")
        if fence is not None:
            parts.keep(line)
            if number and content.strip().startswith(fence) and not content.strip().strip(fence[0]):
                fence = None
            continue
        opening = _FENCE.match(content)
        if _LIST_ITEM.match(content):
            in_list = True
        elif content.strip() and not _INDENTED.match(content):
            in_list = False
        code = _INDENTED.match(content) and not in_list and paragraph is None
        kept = opening or code or _KEPT_LINE.match(content) or _RULE.match(content)
        if kept or not content.strip():
            fence = opening.group(1) if opening else None
            paragraph = None
            parts.keep(line)
            continue
        prefix = _PREFIX.match(content).group(1)  # type: ignore[union-attr]
        if not content[len(prefix) :].strip():  # ">" or "-" alone: a break between blocks
            paragraph = None
            parts.keep(line)
            continue
        if "|" in content:
            paragraph = None
            _cells(content, parts, paragraphs)
        else:
            opens = bool(prefix.replace(">", "").strip()) or prefix.count(">") != depth
            depth = prefix.count(">")
            if paragraph is None or opens:
                paragraph = Paragraph()
                paragraphs.append(paragraph)
                parts.add(paragraph, prefix, "")
            else:
                parts.add(paragraph, prefix, " ")
            _inline(content[len(prefix) :], parts, paragraph)
            if prefix.lstrip().startswith("#"):
                paragraph = None
        parts.keep(line[len(content) :])
    return from_paragraphs(paragraphs, parts.encode)


def _cells(row: str, parts: TextParts, paragraphs: list[Paragraph]) -> None:
    for cell in re.split(r"(\|)", row):
        stripped = cell.strip()
        if cell == "|" or not stripped:
            parts.keep(cell)
            continue
        start = cell.index(stripped)
        parts.keep(cell[:start])
        paragraph = Paragraph()
        paragraphs.append(paragraph)
        _inline(stripped, parts, paragraph)
        parts.keep(cell[start + len(stripped) :])


def _inline(text: str, parts: TextParts, paragraph: Paragraph) -> None:
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            parts.add(paragraph, text[position : match.start()])
        shown = match.group() if match.lastgroup == "code" else ""
        parts.add(paragraph, match.group(), shown)
        position = match.end()
    if position < len(text):
        parts.add(paragraph, text[position:])
