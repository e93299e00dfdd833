"""Paragraphs made of pieces, and how one paragraph's translation is shared back over them.

A front end cuts each paragraph into pieces in document order: *writable* pieces are text runs
(a ``w:t``, an ``a:t``, an ODF text node, a subtitle line), *fixed* pieces are what must stay
as it is (a tab, a line break, Markdown markup) and show the pipeline a stand-in (``"\\t"``,
``"\\n"``, ``" "`` or nothing). The whole paragraph goes to the pipeline as one text, so
detection and the model see full sentences and a paragraph already in the target comes back
unchanged (and is then not written at all: byte-for-byte kept).

Distribution: every boundary between pieces is mapped from the source text to the output with
the pipeline's segment map. In untouched gaps and kept segments the map is exact; inside a
translated segment the boundary falls at the same proportion of the segment's output, moved
to the nearest word boundary when the output has spaces (so runs change at words). A fixed
piece whose stand-in did not come back where mapped is collapsed to a zero-width point: it
keeps its original, and its neighbours share the text. Each writable piece gets the output
between its two mapped boundaries; run styles, links and fields stay on their runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from service.translation.translator import ItemResult

Writer = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a paragraph: ``text`` is what the pipeline sees; ``write`` is None if fixed."""

    text: str
    write: Writer | None = None


@dataclass(slots=True)
class Paragraph:
    """The pieces of one paragraph, in document order."""

    pieces: list[Piece] = field(default_factory=list)

    def add(self, text: str, write: Writer | None = None) -> None:
        self.pieces.append(Piece(text, write))

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def translatable(self) -> bool:
        """Whether any writable piece has letters or digits (else it is not sent)."""
        return any(p.write is not None and any(c.isalnum() for c in p.text) for p in self.pieces)

    def write_back(self, result: ItemResult) -> bool:
        """Write ``result`` over the writable pieces; False (nothing written) if unchanged."""
        if result.translation == self.text:
            return False
        texts = [piece.text for piece in self.pieces]
        writable = [piece.write is not None for piece in self.pieces]
        for piece, output in zip(self.pieces, distribute(texts, writable, result), strict=True):
            if piece.write is not None and output != piece.text:
                piece.write(output)
        return True


def _anchors(source: str, result: ItemResult) -> list[tuple[int, int, bool]]:
    """(source offset, output offset, exact up to here) corners of the piecewise map."""
    corners: list[tuple[int, int, bool]] = [(0, 0, True)]
    for segment in result.segments:
        start, end = int(segment["start"]), int(segment["end"])  # type: ignore[call-overload]
        out_start = int(segment["output_start"])  # type: ignore[call-overload]
        out_end = int(segment["output_end"])  # type: ignore[call-overload]
        copied = result.translation[out_start:out_end] == source[start:end]
        corners += [(start, out_start, True), (end, out_end, copied)]
    corners.append((len(source), len(result.translation), True))
    return corners


def _snap(output: str, point: int, low: int, high: int) -> int:
    """``point`` moved to the nearest place after a space within ``output[low:high]``."""
    places = [i + 1 for i in range(low, high) if output[i].isspace()]
    places = [p for p in places if low < p < high] or [point]
    return min(places, key=lambda p: (abs(p - point), p))


def offset_map(source: str, result: ItemResult) -> Callable[[int], int]:
    """Where each source offset falls in ``result.translation`` (see the module docstring)."""
    corners = _anchors(source, result)
    spans = list(zip(corners, corners[1:], strict=False))

    def where(offset: int) -> int:
        for (src_a, out_a, _), (src_b, out_b, exact) in spans:
            if src_a <= offset <= src_b:
                if exact or src_b == src_a:
                    return min(out_a + (offset - src_a), out_b)
                point = out_a + round((offset - src_a) * (out_b - out_a) / (src_b - src_a))
                return _snap(result.translation, point, out_a, out_b)
        return len(result.translation)

    return where


def distribute(texts: Sequence[str], writable: Sequence[bool], result: ItemResult) -> list[str]:
    """The output text of each piece; a fixed piece keeps its own text."""
    where = offset_map("".join(texts), result)
    output = result.translation
    bounds = [0]
    offset = 0
    for text, can_write in zip(texts, writable, strict=True):
        start = bounds[-1]
        offset += len(text)
        end = max(start, where(offset))
        if not can_write and output[start:end] != text:
            end = start  # the stand-in was translated away: the fixed piece takes no text
        bounds.append(end)
    pieces = []
    for index, (text, can_write) in enumerate(zip(texts, writable, strict=True)):
        pieces.append(output[bounds[index] : bounds[index + 1]] if can_write else text)
    rest = output[bounds[-1] :]  # after a trailing fixed piece that took no text
    if rest and any(writable):
        pieces[max(i for i, w in enumerate(writable) if w)] += rest
    return pieces
