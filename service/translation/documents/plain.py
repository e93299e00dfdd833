"""Plain text (``.txt``): one item per block of lines; blank lines and spacing stay as they are.

A block (lines up to a blank line) is one paragraph; its line breaks go to the pipeline as they
are, so each line keeps its own language decision.
"""

from __future__ import annotations

import re

from service.translation.documents.model import Extraction, Options, TextParts, from_paragraphs
from service.translation.documents.pieces import Paragraph


def extract(data: bytes, _options: Options) -> Extraction:
    text = data.decode("utf-8")
    parts = TextParts()
    paragraphs: list[Paragraph] = []
    position = 0
    for match in re.finditer(r"\n[ \t\r]*\n(?:[ \t\r]*\n)*", text):
        _block(text[position : match.start()], parts, paragraphs)
        parts.keep(match.group())
        position = match.end()
    _block(text[position:], parts, paragraphs)
    return from_paragraphs(paragraphs, parts.encode)


def _block(block: str, parts: TextParts, paragraphs: list[Paragraph]) -> None:
    if block:
        paragraph = Paragraph()
        parts.add(paragraph, block)
        paragraphs.append(paragraph)
