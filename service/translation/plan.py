"""Planning: decide one action per language segment of a text for a target language.

A segment already in the target is ``kept``; a Chinese segment in the other script is
``converted`` by OpenCC; a line that is a known UI string is taken from the ``catalog``; any
other segment is ``translated``: cut into sentences, each routed to a model pair, its
protected spans (URLs, placeholders, numbers ...) replaced by markers. When no model
translates a segment's language, planning raises ModelNotInstalled, unless the caller asked
to ``keep_unroutable``: then the segment stays as it is, ``untranslated`` with the reason (an
article in French is still served, marked, when only en↔zh models are installed). Nothing here
calls a model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from service.detection import UNDETERMINED, Segment
from service.engine.errors import ModelNotInstalled
from service.languages import CHINESE_TAGS
from service.translation.chinese_script import convert_script
from service.translation.protect import protected_spans, translatable_pieces

CatalogLookup = Callable[[str, str], "str | None"]
SentenceSplitter = Callable[[str, int, int], list[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class Target:
    """The language asked for, with the phrasing of a Traditional Chinese target (tw, hk)."""

    lang: str
    variant: str | None = None


@dataclass(frozen=True, slots=True)
class Route:
    """How units of one source language reach the target through the installed models.

    ``model_source``/``model_target`` name the model pair the engine runs (it may pivot);
    ``convert_input``/``convert_output`` are OpenCC script changes before and after the model.
    """

    model_source: str
    model_target: str
    convert_input: bool = False
    convert_output: bool = False


RouteFinder = Callable[[str, str], Route]


@dataclass(slots=True)
class Unit:
    """A sentence of a segment sent to a model: ``text[start:end]`` as ``source_text``.

    Protected spans in the sentence are replaced by numeric ``markers`` (marker, original);
    when the model does not give each marker back exactly once, the unit falls back to
    translating its ``pieces`` (the stretches between protected spans) one by one.
    """

    start: int
    end: int
    source_text: str
    route: Route
    output: str | None = None
    markers: tuple[tuple[str, str], ...] = ()
    pieces: tuple[tuple[int, int], ...] = ()


_FIRST_MARKER = 9001


def mask_spans(sentence: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``sentence`` with each protected span replaced by a number no other digit run uses."""
    spans = protected_spans(sentence)
    if not spans:
        return sentence, ()
    base = _FIRST_MARKER
    while any(str(base + i) in sentence for i in range(len(spans))):
        base += 1000
    parts: list[str] = []
    markers: list[tuple[str, str]] = []
    position = 0
    for number, span in enumerate(spans):
        marker = str(base + number)
        parts += [sentence[position : span.start], marker]
        markers.append((marker, sentence[span.start : span.end]))
        position = span.end
    parts.append(sentence[position:])
    return "".join(parts), tuple(markers)


def unit_for(text: str, start: int, end: int, route: Route) -> Unit:
    """The unit translating ``text[start:end]`` along ``route`` (converted to zh-Hans first)."""
    piece = text[start:end]
    if route.convert_input:
        piece = convert_script(piece, "zh-Hant", "zh-Hans")
    return Unit(start, end, piece, route)


@dataclass(slots=True)
class PlannedSegment:
    """One segment of the input and what happens to it."""

    start: int
    end: int
    lang: str
    action: str
    replacement: str | None = None
    units: list[Unit] = field(default_factory=list)
    reason: str | None = None


@dataclass(slots=True)
class TextPlan:
    """The plan of one input text."""

    text: str
    target: Target
    detected: list[Segment]
    segments: list[PlannedSegment]

    @property
    def units(self) -> list[Unit]:
        return [unit for segment in self.segments for unit in segment.units]


def _same_language(lang: str, target: str) -> bool:
    """Whether text in ``lang`` needs nothing to be in ``target`` (``pt`` is in ``pt-BR``)."""
    if lang in CHINESE_TAGS or target in CHINESE_TAGS:
        return lang == target
    return lang.split("-")[0] == target.split("-")[0]


def _lines(text: str, segment: Segment) -> list[Segment]:
    """Split a segment at line breaks into non-blank lines of the same language."""
    pieces = []
    position = segment.start
    for line in text[segment.start : segment.end].splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            offset = line.index(stripped[0])
            start = position + offset
            pieces.append(Segment(start, start + len(stripped), segment.lang, segment.confidence))
        position += len(line)
    return pieces


def plan_text(
    text: str,
    segments: Sequence[Segment],
    target: Target,
    *,
    source: str | None,
    routes: RouteFinder,
    catalog: CatalogLookup,
    sentences: SentenceSplitter,
    keep_unroutable: bool = False,
) -> TextPlan:
    """Plan ``text`` (already split into language ``segments``) for ``target``.

    ``source`` forces the language untargeted segments are translated from (None: detected).
    """
    planned: list[PlannedSegment] = []
    for detected in segments:
        for line in _lines(text, detected):
            try:
                segment = _plan_line(text, line, target, source, routes, catalog, sentences)
            except ModelNotInstalled as exc:
                if not keep_unroutable:
                    raise
                segment = PlannedSegment(line.start, line.end, line.lang, "untranslated")
                segment.reason = str(exc)
            planned.append(segment)
    return TextPlan(text, target, list(segments), planned)


def _plan_line(
    text: str,
    line: Segment,
    target: Target,
    source: str | None,
    routes: RouteFinder,
    catalog: CatalogLookup,
    sentences: SentenceSplitter,
) -> PlannedSegment:
    segment = PlannedSegment(line.start, line.end, line.lang, "kept")
    if _same_language(line.lang, target.lang) or (source is None and line.lang == UNDETERMINED):
        return segment
    content = text[line.start : line.end]
    from_catalog = catalog(content, target.lang)
    if from_catalog is not None:
        segment.action, segment.replacement = "catalog", from_catalog
        return segment
    if source is None and line.lang in CHINESE_TAGS and target.lang in CHINESE_TAGS:
        segment.action = "converted"
        segment.replacement = convert_script(content, line.lang, target.lang, target.variant)
        return segment
    from_lang = source or line.lang
    if _same_language(from_lang, target.lang):
        return segment
    route = routes(from_lang, target.lang)
    segment.action = "translated"
    for start, end in sentences(text, line.start, line.end):
        pieces = tuple(translatable_pieces(text, start, end))
        if not pieces:
            continue
        sentence = text[start:end]
        known = catalog(sentence, target.lang)
        if known is not None:
            segment.units.append(Unit(start, end, sentence, route, output=known))
            continue
        unit = unit_for(text, start, end, route)
        unit.source_text, unit.markers = mask_spans(unit.source_text)
        unit.pieces = pieces if unit.markers else ()
        segment.units.append(unit)
    return segment
