"""The translation front door: texts and HTML documents in, one batched pipeline run out.

Every caller (the API, LibreTranslate compatibility, articles, catalog suggestions) goes
through ``ContentTranslator.translate``: detect → plan → execute (one batch per model pair for
the whole request) → assemble. Planning consults the known translations (catalog index,
translation memory, glossary) as one ``Known``, composed here per request; the revisions they
answered from are part of the result cache's state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from service.detection import detect_segments, language_shares
from service.detection.sentences import split_units
from service.engine import InstalledModel, ModelNotInstalled, Priority, TranslationEngine
from service.languages import CHINESE_TAGS, canonical, chinese_variant
from service.translation.alternatives import alternative_texts
from service.translation.assemble import TextResult, assemble
from service.translation.execute import execute
from service.translation.html_text import HtmlDocument
from service.translation.known import CatalogIndexLike, Known, KnownSource
from service.translation.marker_odds import MarkerOdds
from service.translation.plan import (
    Route,
    RouteFinder,
    Target,
    TermUse,
    TextPlan,
    plan_text,
    substituted,
    usable_terms,
)
from service.translation.result_cache import ResultCache

Format = Literal["text", "html", "name"]


class UnreachableTarget(ValueError):
    """No installed model (and no script conversion) produces the target language."""

    def __init__(self, target: str) -> None:
        super().__init__(f"Target language '{target}' is not reachable with the installed models")
        self.target = target


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to translate: a text, an HTML document, or a ``name`` (an author, a byline).

    A name is never sent to a model: it is kept, except for the glossary terms in it, which
    become their entries' translations (segment action ``glossary``).
    """

    text: str
    format: Format = "text"


@dataclass(frozen=True, slots=True)
class ItemResult:
    """The translation of one item; ``segments`` are given for text items only.

    ``untranslated`` maps each language left as it was for want of a model to the reason;
    ``alternatives`` holds other translations of a text when they were asked for;
    ``actions`` every segment's action (text and HTML items: what stored output depends on).
    """

    translation: str
    segments: list[dict[str, object]]
    languages: dict[str, float]
    untranslated: dict[str, str] = field(default_factory=dict)
    alternatives: list[str] = field(default_factory=list)
    actions: tuple[str, ...] = ()


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as offsets into ``text``."""
    return [(start + u.start, start + u.end) for u in split_units(text[start:end])]


class ContentTranslator:
    """Translates mixed-language texts and HTML into a target language."""

    def __init__(
        self,
        engine: TranslationEngine,
        detect_languages: Sequence[str],
        catalog: Callable[[], CatalogIndexLike] | None = None,
        on_translated: Callable[[str, str, int], None] | None = None,
        known: KnownSource | None = None,
    ) -> None:
        self.engine = engine
        self.detect_languages = tuple(detect_languages)
        self._catalog = catalog
        self._known = known
        self._on_translated = on_translated
        self._results: ResultCache[ItemResult] = ResultCache()
        self._marker_odds = MarkerOdds()  # which models keep protected-span markers

    def known(self, fresh: bool = False) -> Known:
        """The known-translation lookups of one pipeline run; ``revision`` names their state.

        ``fresh`` reads the glossary and memory revisions now instead of trusting a recent
        read (see ``service.known.snapshot``)."""
        index = self._catalog() if self._catalog else None
        catalog = index.lookup if index is not None else Known().catalog
        if self._known is None:
            return Known(catalog=catalog, revision=(index,))
        snapshot = self._known.snapshot(fresh)
        return Known(catalog, snapshot.memory, snapshot.terms, (index, snapshot.revision))

    def known_revision(self) -> list[int]:
        """The glossary and memory revisions read now, for stored output that depends on them."""
        return list(self._known.snapshot(fresh=True).revision) if self._known is not None else []

    def resolve_target(self, tag: str) -> Target:
        """The Target for a caller's tag; raises UnknownLanguage or UnreachableTarget."""
        lang = canonical(tag)
        reachable = lang in CHINESE_TAGS or self.engine.is_reachable(lang)
        if not reachable:
            raise UnreachableTarget(lang)
        return Target(lang, chinese_variant(tag) if lang == "zh-Hant" else None)

    def language_graph(self) -> dict[str, set[str]]:
        """Every source language with the targets it reaches (models, pivots and OpenCC)."""
        graph: dict[str, set[str]] = {}
        for route in self.engine.routes():
            graph.setdefault(route.source, set()).add(route.target)
        for source in list(graph):
            if "zh-Hans" in graph[source]:
                graph[source].add("zh-Hant")
        if "zh-Hans" in graph:
            graph.setdefault("zh-Hant", set()).update(graph["zh-Hans"])
        for chinese in CHINESE_TAGS:
            graph.setdefault(chinese, set()).update(CHINESE_TAGS)
        return {source: targets - {source} for source, targets in graph.items()}

    def route(self, source: str, target: str) -> Route:
        """How to get from ``source`` to ``target``; raises ModelNotInstalled."""
        return self.resolve(source, target)[0]

    def resolve(self, source: str, target: str) -> tuple[Route, tuple[InstalledModel, ...]]:
        """The route from ``source`` to ``target`` and the models its pair runs through."""
        for model_source, convert_input in self._sources(source):
            for model_target, convert_output in self._targets(target):
                models = self._models(model_source, model_target)
                if models is not None:
                    route = Route(model_source, model_target, convert_input, convert_output)
                    return route, models
        raise ModelNotInstalled(source, target)

    def _models(self, source: str, target: str) -> tuple[InstalledModel, ...] | None:
        if source == target:
            return ()
        try:
            return self.engine.route(source, target).models
        except ModelNotInstalled:
            return None

    @staticmethod
    def _sources(source: str) -> list[tuple[str, bool]]:
        return [(source, False)] + ([("zh-Hans", True)] if source == "zh-Hant" else [])

    @classmethod
    def _targets_of(cls, target: str) -> list[str]:
        return [model_target for model_target, _ in cls._targets(target)]

    @staticmethod
    def _targets(target: str) -> list[tuple[str, bool]]:
        return [(target, False)] + ([("zh-Hans", True)] if target == "zh-Hant" else [])

    def translate(
        self,
        items: Sequence[Item],
        target: Target,
        source: str | None = None,
        *,
        keep_unroutable: bool = False,
        priority: Priority = Priority.INTERACTIVE,
        memory: bool = True,
        alternatives: int = 0,
    ) -> list[ItemResult]:
        """Translate every item into ``target`` in one pipeline run.

        ``source`` (canonical tag, or None for auto) forces the language that untargeted
        segments are translated from. A segment no installed model can translate raises
        ModelNotInstalled, or with ``keep_unroutable`` stays as it is, ``untranslated``.
        ``priority`` is BULK for background work (articles, catalog suggestions), so that
        readers' requests go first; a full model queue raises QueueFull (interactive only).
        ``memory=False`` leaves the translation memory out (the machine output a reviewer sees).
        ``alternatives`` asks for up to that many other translations of each text item.
        """
        chars = sum(len(item.text) for item in items)
        # Alternatives decode every translated sentence once more (their own beam): the door
        # reserves for both decodes, so such a request is refused as early as it should be.
        chars *= 2 if alternatives else 1
        with self.engine.admitting(self._targets_of(target.lang), chars, priority):
            return self._translate(
                items, target, source, keep_unroutable, priority, memory, alternatives
            )

    def _translate(
        self,
        items: Sequence[Item],
        target: Target,
        source: str | None,
        keep_unroutable: bool,
        priority: Priority,
        memory: bool,
        alternatives: int,
    ) -> list[ItemResult]:
        known = self.known(fresh=priority == Priority.BULK)
        if not memory:  # the machine's own output, as a reviewer compares it with the memory's
            known = Known(known.catalog, Known().memory, known.terms, known.revision)
        state = (known.revision, tuple(model.identity for model in self.engine.registry.models()))
        routes = _RequestRoutes(self, priority)
        results: list[ItemResult | None] = []
        pending: list[tuple[int, HtmlDocument | None, list[TextPlan]]] = []
        for position, item in enumerate(items):
            key = (item, target, source, keep_unroutable, memory, alternatives)
            cached = self._results.get(key, state)
            results.append(cached)
            if cached is not None:
                continue
            if item.format == "name":
                results[position] = self._name(item.text, target, source, known)
                continue
            if item.format == "html":
                document = HtmlDocument.parse(item.text)
                texts = [run.text for run in document.runs]
            else:
                document, texts = None, [item.text]
            plans = [
                self._plan(text, target, source, known, routes, keep_unroutable) for text in texts
            ]
            pending.append((position, document, plans))
        planned = [plan for _, _, plans in pending for plan in plans]
        by_model = {id(unit) for plan in planned for unit in plan.units if unit.output is None}
        execute(planned, routes, self._marker_odds)
        if self._on_translated is not None:
            for (from_lang, to_lang), count in _translated_characters(planned, source).items():
                self._on_translated(from_lang, to_lang, count)
        for position, document, plans in pending:
            result = self._result(document, plans)
            if alternatives and document is None:
                others = alternative_texts(plans[0], by_model, alternatives, routes)
                result = replace(result, alternatives=others)
            item = items[position]
            key = (item, target, source, keep_unroutable, memory, alternatives)
            self._results.put(key, state, result, len(item.text))
            results[position] = result
        return [result for result in results if result is not None]

    def _plan(
        self,
        text: str,
        target: Target,
        source: str | None,
        known: Known,
        routes: RouteFinder,
        keep_unroutable: bool,
    ) -> TextPlan:
        segments = detect_segments(text, self.detect_languages)
        return plan_text(
            text,
            segments,
            target,
            source=source,
            routes=routes,
            known=known,
            sentences=sentence_spans,
            keep_unroutable=keep_unroutable,
        )

    def _name(self, text: str, target: Target, source: str | None, known: Known) -> ItemResult:
        """``text`` kept, its glossary terms (of any language but the target's) mapped."""
        segments = detect_segments(text, self.detect_languages)
        parts: list[str] = []
        found: list[dict[str, object]] = []
        position = 0
        for segment in segments:
            lang = source or segment.lang
            piece = text[segment.start : segment.end]
            hits = (
                []
                if lang == target.lang
                else usable_terms(piece, known.terms(piece, lang, target.lang))
            )
            output = substituted(piece, 0, len(piece), [(h.start, h.end, h.output) for h in hits])
            parts += [text[position : segment.start], output]
            start = sum(map(len, parts)) - len(output)
            entry = {
                "start": segment.start,
                "end": segment.end,
                "lang": segment.lang,
                "action": "glossary" if hits else "kept",
                "output_start": start,
                "output_end": start + len(output),
            }
            if hits:
                entry["terms"] = [
                    TermUse(
                        h.entry, h.term, h.output, segment.start + h.start, segment.start + h.end
                    ).as_dict()
                    for h in hits
                ]
            found.append(entry)
            position = segment.end
        parts.append(text[position:])
        shares = language_shares(text, segments)
        return ItemResult("".join(parts), found, {k: round(v, 3) for k, v in shares.items()})

    @staticmethod
    def _result(document: HtmlDocument | None, plans: list[TextPlan]) -> ItemResult:
        results: list[TextResult] = [assemble(plan) for plan in plans]
        shares = _shares(plans)
        untranslated = {
            segment.lang: segment.reason
            for plan in plans
            for segment in plan.segments
            if segment.reason is not None
        }
        actions = tuple(sorted({segment.action for plan in plans for segment in plan.segments}))
        if document is None:
            only = results[0]
            segments = [
                s.as_dict() | ({"terms": [t.as_dict() for t in p.terms]} if p.terms else {})
                for s, p in zip(only.segments, plans[0].segments, strict=True)
            ]
            return ItemResult(only.translation, segments, shares, untranslated, actions=actions)
        translations = {
            run.index: result.translation
            for run, result, plan in zip(document.runs, results, plans, strict=True)
            if result.translation != plan.text
        }
        return ItemResult(document.render(translations), [], shares, untranslated, actions=actions)


class _RequestRoutes:
    """One request's routes, each resolved once, and the runner ``execute`` uses.

    Planning asks for a route per language pair; the models found then are the hops that
    execution runs, at the request's priority and with one deadline for the whole request.
    """

    def __init__(self, translator: ContentTranslator, priority: Priority) -> None:
        self._translator = translator
        self._priority = priority
        self._deadline = translator.engine.deadline_for(priority)
        self._routes: dict[tuple[str, str], Route] = {}
        self._models: dict[tuple[str, str], tuple[InstalledModel, ...]] = {}

    def __call__(self, source: str, target: str) -> Route:
        route = self._routes.get((source, target))
        if route is None:
            route, models = self._translator.resolve(source, target)
            self._routes[(source, target)] = route
            self._models[(route.model_source, route.model_target)] = models
        return route

    def hops(self, source: str, target: str) -> tuple[InstalledModel, ...]:
        return self._models[(source, target)]

    def translate_hop(self, hop: InstalledModel, sentences: Sequence[str]) -> list[str]:
        return self._translator.engine.translate_hop(hop, sentences, self._priority, self._deadline)

    def alternatives(
        self, hop: InstalledModel, sentences: Sequence[str], count: int
    ) -> list[list[str]]:
        return self._translator.engine.alternatives(hop, sentences, count)


def _translated_characters(plans: list[TextPlan], source: str | None) -> dict[tuple[str, str], int]:
    """Characters of the segments sent for translation, by (source, target) language."""
    counts: dict[tuple[str, str], int] = {}
    for plan in plans:
        for segment in plan.segments:
            if segment.action == "translated":
                pair = (source or segment.lang, plan.target.lang)
                counts[pair] = counts.get(pair, 0) + segment.end - segment.start
    return counts


def _shares(plans: list[TextPlan]) -> dict[str, float]:
    """Language shares by letters over every text of one item (texts weighted by length)."""
    total = sum(len(plan.text) for plan in plans)
    combined: dict[str, float] = {}
    for plan in plans:
        for lang, share in language_shares(plan.text, plan.detected).items():
            combined[lang] = combined.get(lang, 0.0) + share * len(plan.text) / total
    return {lang: round(share, 3) for lang, share in combined.items()}
