"""SubRip subtitles (``.srt``) with the ``srt`` library: timings, numbers and tags untouched.

A cue is one paragraph: its lines go to the pipeline joined by a space, so a sentence split
over two lines is translated as one sentence; the output is shared back over the same lines
(see ``pieces``) and each line is trimmed at its ends. ``<i>``-style tags and ``{\\an8}``
overrides are fixed pieces. Cue numbers, timings and the proprietary part of the time line
come back from the parsed cues unchanged, and so do the line endings (LF or CRLF).
"""

from __future__ import annotations

import re

import srt

from service.translation.documents.errors import InvalidDocument
from service.translation.documents.model import Extraction, Options, TextParts, from_paragraphs
from service.translation.documents.pieces import Paragraph

_TAG = re.compile(r"<[^<>\n]*>|\{\\[^{}\n]*\}")


def extract(data: bytes, _options: Options) -> Extraction:
    text = data.decode("utf-8")
    eol = "\r\n" if "\r\n" in text else "\n"
    try:
        cues = list(srt.parse(text, ignore_errors=False))
    except (srt.SRTParseError, ValueError) as exc:
        raise InvalidDocument(f"The file is not valid SubRip (.srt): {exc}") from exc
    contents: list[TextParts] = []
    paragraphs: list[Paragraph] = []
    for cue in cues:
        parts, paragraph = TextParts(), Paragraph()
        for number, line in enumerate(cue.content.split("\n")):
            if number:
                parts.add(paragraph, "\n", " ")
            position = 0
            for tag in _TAG.finditer(line):
                if tag.start() > position:
                    parts.add(paragraph, line[position : tag.start()])
                parts.add(paragraph, tag.group(), "")
                position = tag.end()
            if position < len(line):
                parts.add(paragraph, line[position:])
        contents.append(parts)
        paragraphs.append(paragraph)

    def save() -> bytes:
        for cue, parts in zip(cues, contents, strict=True):
            content = "".join(parts.parts)
            if content != cue.content:  # a kept cue stays exactly as it was
                lines = [line.strip() for line in content.split("\n")]
                cue.content = "\n".join(line for line in lines if line)
        return srt.compose(cues, reindex=False, eol=eol).encode("utf-8")

    return from_paragraphs(paragraphs, save)
