"""The translation engine: routing a language pair to models, caching, batching, pivoting.

``TranslationEngine.translate`` takes a list of sentences and BCP-47 codes; it uses the direct
model, else two hops through English. Each hop looks the sentences up in the cache, sends only
the distinct misses to the model in one batch, and caches what the model returned.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from service.config import Settings
from service.engine.batching import LENGTH_PENALTY, MAX_DECODING_LENGTH, translate_sentences
from service.engine.cache import TranslationCache
from service.engine.errors import ModelNotInstalled
from service.engine.index import PIVOT
from service.engine.packages import InstalledModel, ModelRegistry, language_tag
from service.engine.pool import TranslatorPool
from service.store import Database


@dataclass(frozen=True)
class Route:
    """How a pair is translated: no model (same language), one model, or two via English."""

    source: str
    target: str
    models: tuple[InstalledModel, ...]

    @property
    def pivot(self) -> str | None:
        return self.models[0].target if len(self.models) == 2 else None


@dataclass(frozen=True)
class EngineStats:
    """Counters since the engine started: batches sent, sentences translated, cache hits."""

    model_calls: int = 0
    sentences_translated: int = 0
    cache_hits: int = 0


class TranslationEngine:
    """Translates sentences with the installed models; one instance serves every thread."""

    def __init__(
        self,
        registry: ModelRegistry,
        pool: TranslatorPool,
        cache: TranslationCache | None,
        settings: Settings,
    ) -> None:
        self.registry = registry
        self.pool = pool
        self.cache = cache
        self.beam_size = settings.beam_size
        self.options = {
            "beam_size": settings.beam_size,
            "length_penalty": LENGTH_PENALTY,
            "max_decoding_length": MAX_DECODING_LENGTH,
        }
        self._lock = threading.Lock()
        self._stats = EngineStats()

    @classmethod
    def from_settings(cls, settings: Settings, db: Database | None = None) -> TranslationEngine:
        """An engine over ``settings.models_dir``, caching in ``db`` when one is given."""
        cache = TranslationCache(db) if db is not None else None
        return cls(ModelRegistry(settings.models_dir), TranslatorPool(settings), cache, settings)

    @property
    def stats(self) -> EngineStats:
        with self._lock:
            return self._stats

    def route(self, source: str, target: str) -> Route:
        """The models that translate source → target; raises ModelNotInstalled."""
        source, target = language_tag(source), language_tag(target)
        if source == target:
            return Route(source, target, ())
        direct = self.registry.find(source, target)
        if direct is not None:
            return Route(source, target, (direct,))
        if PIVOT not in (source, target):
            first, second = self.registry.find(source, PIVOT), self.registry.find(PIVOT, target)
            if first is not None and second is not None:
                return Route(source, target, (first, second))
        raise ModelNotInstalled(source, target)

    def routes(self) -> list[Route]:
        """Every pair the installed models translate, directly or via English, sorted."""
        models = self.registry.models()
        routes = {m.pair: Route(m.source, m.target, (m,)) for m in models}
        into_pivot = [m for m in models if m.target == PIVOT]
        out_of_pivot = [m for m in models if m.source == PIVOT]
        for first in into_pivot:
            for second in out_of_pivot:
                pair = (first.source, second.target)
                if first.source != second.target and pair not in routes:
                    routes[pair] = Route(*pair, (first, second))
        return [routes[pair] for pair in sorted(routes)]

    def pairs(self) -> list[dict[str, str | None]]:
        """The routes as JSON objects for /api/v1/models: ``{"from", "to", "via"}``."""
        return [{"from": r.source, "to": r.target, "via": r.pivot} for r in self.routes()]

    def reachable_targets(self, source: str) -> list[str]:
        """The languages ``source`` can be translated into."""
        source = language_tag(source)
        return [route.target for route in self.routes() if route.source == source]

    def is_reachable(self, target: str) -> bool:
        """Whether some installed language can be translated into ``target``."""
        target = language_tag(target)
        return any(route.target == target for route in self.routes())

    def can_translate(self, source: str, target: str) -> bool:
        """Whether ``route(source, target)`` would succeed."""
        try:
            self.route(source, target)
        except ModelNotInstalled:
            return False
        return True

    def hops(self, source: str, target: str) -> list[tuple[str, str]]:
        """The model pairs ``source`` → ``target`` goes through, in order (none: same language)."""
        return [model.pair for model in self.route(source, target).models]

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """Translate each sentence from ``source`` to ``target`` (BCP-47), in input order."""
        texts = list(sentences)
        for model in self.route(source, target).models:
            texts = self._translate_hop(model, texts)
        return texts

    def _translate_hop(self, model: InstalledModel, sentences: list[str]) -> list[str]:
        distinct = list(dict.fromkeys(s for s in sentences if s.strip()))
        done: dict[str, str] = {}
        if self.cache is not None and distinct:
            done = self.cache.get_many(model.identity, self.options, distinct)
        hits = len(done)
        misses = [s for s in distinct if s not in done]
        if misses:
            with self.pool.lease(model) as loaded:
                outputs = translate_sentences(loaded, misses, self.beam_size)
            fresh = dict(zip(misses, outputs, strict=True))
            if self.cache is not None:
                self.cache.put_many(model.identity, self.options, fresh)
            done.update(fresh)
        with self._lock:
            self._stats = EngineStats(
                model_calls=self._stats.model_calls + (1 if misses else 0),
                sentences_translated=self._stats.sentences_translated + len(misses),
                cache_hits=self._stats.cache_hits + hits,
            )
        return [done.get(s, s) for s in sentences]
