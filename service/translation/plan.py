"""Planning: decide one action per language segment of a text for a target language.

A segment already in the target is ``kept``; a Chinese segment in the other script is
``converted`` by OpenCC; a line that is a known UI string is taken from the ``catalog``, a
line the translation memory knows from the ``memory``; any other segment is ``translated``:
cut into sentences, each taken from the catalog or the memory when they know it, else routed
to a model pair with its protected spans (URLs, placeholders, numbers ... and glossary terms,
whose output is the entry's translation) replaced by markers. The lookups come in one
``Known`` (service.translation.known). When no model
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
from service.translation.known import NO_KNOWN, CatalogLookup, Known, TermHit
from service.translation.protect import protected_spans, translatable_pieces

__all__ = ["CatalogLookup", "Known"]
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

    Protected spans in the sentence are replaced by numeric ``markers`` (marker, output:
    the original, or a glossary term's translation); when the model does not give each
    marker back exactly once, the unit falls back to translating its ``pieces`` (the
    stretches between protected spans and terms) one by one, with its glossary ``terms``
    (start, end, output) in between. ``known`` names the lookup that gave ``output``.
    """

    start: int
    end: int
    source_text: str
    route: Route
    output: str | None = None
    markers: tuple[tuple[str, str], ...] = ()
    pieces: tuple[tuple[int, int], ...] = ()
    terms: tuple[tuple[int, int, str], ...] = ()
    known: str | None = None


_FIRST_MARKER = 9001


def usable_terms(sentence: str, hits: Sequence[TermHit]) -> list[TermHit]:
    """The term hits not cutting into a protected span (a URL holding a name stays a URL)."""
    spans = protected_spans(sentence) if hits else []
    return [
        hit
        for hit in hits
        if not any(
            span.start < hit.end
            and hit.start < span.end
            and not (hit.start <= span.start and span.end <= hit.end)
            for span in spans
        )
    ]


def mask_spans(
    sentence: str, terms: Sequence[TermHit] = ()
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``sentence`` with each protected span and term replaced by a number no digit run uses.

    ``terms`` come from ``usable_terms``; protected spans inside a term belong to the term.
    """
    stretches = [(hit.start, hit.end, hit.output) for hit in terms]
    stretches += [
        (span.start, span.end, sentence[span.start : span.end])
        for span in protected_spans(sentence)
        if not any(hit.start <= span.start and span.end <= hit.end for hit in terms)
    ]
    if not stretches:
        return sentence, ()
    stretches.sort()
    base = _FIRST_MARKER
    while any(str(base + i) in sentence for i in range(len(stretches))):
        base += 1000
    parts: list[str] = []
    markers: list[tuple[str, str]] = []
    position = 0
    for number, (start, end, output) in enumerate(stretches):
        marker = str(base + number)
        parts += [sentence[position:start], marker]
        markers.append((marker, output))
        position = end
    parts.append(sentence[position:])
    return "".join(parts), tuple(markers)


@dataclass(frozen=True, slots=True)
class TermUse:
    """Glossary entry ``entry`` applied to ``term`` at ``start:end`` of the input."""

    entry: int
    term: str
    output: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.entry,
            "term": self.term,
            "translation": self.output,
            "start": self.start,
            "end": self.end,
        }


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
    terms: list[TermUse] = field(default_factory=list)


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


def same_language(lang: str, target: str) -> bool:
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
    sentences: SentenceSplitter,
    known: Known = NO_KNOWN,
    catalog: CatalogLookup | None = None,
    keep_unroutable: bool = False,
) -> TextPlan:
    """Plan ``text`` (already split into language ``segments``) for ``target``.

    ``source`` forces the language untargeted segments are translated from (None: detected).
    ``known`` gives the catalog, memory and glossary lookups; ``catalog`` alone is short for
    ``Known(catalog=catalog)``.
    """
    if catalog is not None:
        known = Known(catalog, known.memory, known.terms, known.revision)
    planned: list[PlannedSegment] = []
    for detected in segments:
        for line in _lines(text, detected):
            try:
                segment = _plan_line(text, line, target, source, routes, known, sentences)
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
    known: Known,
    sentences: SentenceSplitter,
) -> PlannedSegment:
    segment = PlannedSegment(line.start, line.end, line.lang, "kept")
    if same_language(line.lang, target.lang) or (source is None and line.lang == UNDETERMINED):
        return segment
    content = text[line.start : line.end]
    found = _known_text(known, content, source or line.lang, target.lang)
    if found is not None:
        segment.action, segment.replacement = found
        return segment
    if source is None and line.lang in CHINESE_TAGS and target.lang in CHINESE_TAGS:
        segment.action = "converted"
        segment.replacement = convert_script(content, line.lang, target.lang, target.variant)
        return segment
    from_lang = source or line.lang
    if same_language(from_lang, target.lang):
        return segment
    route = routes(from_lang, target.lang)
    segment.action = "translated"
    for start, end in sentences(text, line.start, line.end):
        unit = _plan_sentence(text, start, end, from_lang, target, route, known, segment)
        if unit is not None:
            segment.units.append(unit)
    if segment.units and all(unit.known == "memory" for unit in segment.units):
        segment.action = "memory"
    return segment


def _plan_sentence(
    text: str,
    start: int,
    end: int,
    from_lang: str,
    target: Target,
    route: Route,
    known: Known,
    segment: PlannedSegment,
) -> Unit | None:
    """The unit of sentence ``text[start:end]``, or None when it is kept as it is."""
    sentence = text[start:end]
    hits = usable_terms(sentence, known.terms(sentence, from_lang, target.lang))
    terms = tuple((start + hit.start, start + hit.end, hit.output) for hit in hits)
    pieces = tuple(_pieces_between(text, start, end, terms))
    if not pieces and not terms:
        return None
    found = _known_text(known, sentence, from_lang, target.lang)
    if found is not None:
        return Unit(start, end, sentence, route, output=found[1], known=found[0])
    segment.terms += [
        TermUse(hit.entry, hit.term, hit.output, start + hit.start, start + hit.end) for hit in hits
    ]
    if not pieces:  # nothing but terms and protected spans: no model needed
        output = substituted(text, start, end, terms)
        return Unit(start, end, sentence, route, output=output, terms=terms, known="glossary")
    masked, markers = mask_spans(sentence, hits)
    if route.convert_input:
        masked = convert_script(masked, "zh-Hant", "zh-Hans")
    return Unit(
        start, end, masked, route, markers=markers, pieces=pieces if markers else (), terms=terms
    )


def _known_text(known: Known, text: str, source: str, target: str) -> tuple[str, str] | None:
    """(lookup, translation) of ``text`` from the catalog, else the memory (from ``source``)."""
    found = known.catalog(text, target)
    if found is not None:
        return "catalog", found
    found = known.memory(text, source, target)
    return None if found is None else ("memory", found)


def _pieces_between(
    text: str, start: int, end: int, terms: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """What is left to translate in ``text[start:end]`` around protected spans and terms."""
    pieces: list[tuple[int, int]] = []
    position = start
    for term_start, term_end, _ in terms:
        pieces += translatable_pieces(text, position, term_start)
        position = term_end
    return pieces + translatable_pieces(text, position, end)


def substituted(text: str, start: int, end: int, terms: Sequence[tuple[int, int, str]]) -> str:
    """``text[start:end]`` with each (start, end, output) term replaced by its output."""
    parts: list[str] = []
    position = start
    for term_start, term_end, output in terms:
        parts += [text[position:term_start], output]
        position = term_end
    parts.append(text[position:end])
    return "".join(parts)
