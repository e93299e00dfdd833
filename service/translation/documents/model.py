"""What every format front end returns: the items of one pipeline call and how to rebuild.

A front end's ``extract(data, options)`` parses the file and returns an ``Extraction``: the
items to translate (all of them, for one ``translate`` call) and ``render``, which takes the
results in the same order and returns the translated file's bytes. ``from_paragraphs`` is the
usual case: one text item per paragraph that has something to translate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.translation.documents.pieces import Paragraph
from service.translation.documents.safety import DocumentLimits
from service.translation.translator import Item, ItemResult

Render = Callable[[Sequence[ItemResult]], bytes]


@dataclass(frozen=True, slots=True)
class Options:
    """What a front end may need besides the bytes: the limits and the target's BCP-47 tag."""

    limits: DocumentLimits
    target: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """The items of one document and the function that writes their results back."""

    items: list[Item]
    render: Render
    text_length: int | None = None  # characters of text, when items hold markup too

    @property
    def characters(self) -> int:
        """How much text the document holds (what the character limit counts)."""
        if self.text_length is not None:
            return self.text_length
        return sum(len(item.text) for item in self.items)


def from_paragraphs(paragraphs: Sequence[Paragraph], save: Callable[[], bytes]) -> Extraction:
    """One text item per translatable paragraph; ``save`` serialises after the write-back."""
    chosen = [paragraph for paragraph in paragraphs if paragraph.translatable()]

    def render(results: Sequence[ItemResult]) -> bytes:
        for paragraph, result in zip(chosen, results, strict=True):
            paragraph.write_back(result)
        return save()

    return Extraction([Item(paragraph.text) for paragraph in chosen], render)


class TextParts:
    """A text file as a list of parts; writable pieces replace their part, the rest stays."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, paragraph: Paragraph, text: str, stand_in: str | None = None) -> None:
        """Append ``text``: writable if ``stand_in`` is None, else fixed showing ``stand_in``."""
        index = len(self.parts)
        self.parts.append(text)
        if stand_in is None:
            paragraph.add(text, lambda value: self.parts.__setitem__(index, value))
        else:
            paragraph.add(stand_in)

    def keep(self, text: str) -> None:
        """Append text that belongs to no paragraph (code, blank lines, markup lines)."""
        self.parts.append(text)

    def encode(self) -> bytes:
        return "".join(self.parts).encode("utf-8")
