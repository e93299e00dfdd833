"""The translation engine: routing a language pair to models, caching, scheduling, pivoting.

``TranslationEngine.translate`` takes a list of sentences and BCP-47 codes; it uses the direct
model, else two hops through English (callers that resolved a ``Route`` once use
``translate_hop`` per model). Each hop looks the sentences up in the cache, cuts the distinct
misses that are too long for the model into pieces, hands them to the model's scheduler
(shared by every caller, see scheduler.py) and caches what came back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from service.config import Settings
from service.engine.batching import (
    LENGTH_PENALTY,
    MAX_DECODING_LENGTH,
    detokenize,
    translate_hypotheses,
    translate_tokens,
)
from service.engine.cache import TranslationCache
from service.engine.errors import ModelNotInstalled, SchedulerClosed
from service.engine.index import PIVOT
from service.engine.limits import joiner, source_limit, split_to_fit
from service.engine.packages import InstalledModel, ModelRegistry, language_tag
from service.engine.pool import TranslatorPool
from service.engine.scheduler import (
    ModelScheduler,
    Priority,
    Reservation,
    SchedulerStats,
    Tokens,
    reserving,
)
from service.store import Database

REGISTRY_CHECK_SECONDS = 1.0  # installs by other processes are seen within this


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
    """Counters since the engine started: hops that needed a model, sentences it translated,
    cache hits (batch sizes, waits and decode times are in ``scheduler_stats``)."""

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
        self.batch_tokens = settings.batch_max_tokens
        self.queue_tokens = settings.queue_max_tokens
        self.fill_seconds = settings.batch_wait_ms / 1000
        self.timeout_seconds = float(settings.translate_timeout_seconds)
        # Interactive callers are request threads, each held until its translation ends: a
        # quarter of the server's threads stay free for refusals and cached reads, or a flood
        # of small requests would wait for a thread (unrefused, at the socket) instead.
        waiting = max(1, settings.server_threads - settings.server_threads // 4)
        self._waiting = threading.BoundedSemaphore(waiting)
        self.max_source_tokens: int | None = None  # lower than the model's limit in tests
        self._lock = threading.Lock()
        self._stats = EngineStats()
        self._schedulers: dict[str, ModelScheduler] = {}
        self._closed = False

    @classmethod
    def from_settings(cls, settings: Settings, db: Database | None = None) -> TranslationEngine:
        """An engine over ``settings.models_dir``, caching in ``db`` when one is given."""
        cache = TranslationCache(db) if db is not None else None
        registry = ModelRegistry(settings.models_dir, check_seconds=REGISTRY_CHECK_SECONDS)
        return cls(registry, TranslatorPool(settings), cache, settings)

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

    def translate(
        self,
        sentences: Sequence[str],
        source: str,
        target: str,
        priority: Priority = Priority.INTERACTIVE,
        deadline: float | None = None,
        cancel: threading.Event | None = None,
    ) -> list[str]:
        """Translate each sentence from ``source`` to ``target`` (BCP-47), in input order.

        ``deadline`` is a ``time.monotonic()`` instant (interactive work defaults to now plus
        ``translate_timeout_seconds``); raises QueueFull, DeadlineExceeded, ModelNotInstalled.
        """
        texts = list(sentences)
        deadline = self.deadline_for(priority, deadline)
        for model in self.route(source, target).models:
            texts = self.translate_hop(model, texts, priority, deadline, cancel)
        return texts

    def deadline_for(self, priority: Priority, deadline: float | None = None) -> float | None:
        """The deadline a caller's work gets: its own, else the interactive default, else none."""
        if deadline is None and priority == Priority.INTERACTIVE:
            return time.monotonic() + self.timeout_seconds
        return deadline

    def translate_hop(
        self,
        model: InstalledModel,
        sentences: Sequence[str],
        priority: Priority = Priority.INTERACTIVE,
        deadline: float | None = None,
        cancel: threading.Event | None = None,
    ) -> list[str]:
        """Translate ``sentences`` with one model (cache, then the model's scheduler)."""
        sentences = list(sentences)
        distinct = list(dict.fromkeys(s for s in sentences if s.strip()))
        done: dict[str, str] = {}
        if self.cache is not None and distinct:
            done = self.cache.get_many(model.identity, self.options, distinct)
        hits = len(done)
        misses = [s for s in distinct if s not in done]
        if misses:
            outputs = self._decode(model, misses, priority, deadline, cancel)
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

    def alternatives(
        self, model: InstalledModel, sentences: Sequence[str], count: int
    ) -> list[list[str]]:
        """Up to ``count`` other translations of each sentence with one model, best first.

        Rare and explicitly asked for (LibreTranslate's ``alternatives``), so it decodes its
        own batch with ``count + 1`` hypotheses outside the scheduler, uncached; a sentence
        too long for the model in one piece has none.
        """
        with self.pool.lease(model) as loaded:
            limit = source_limit(loaded.positions)
            tokens = [loaded.tokenizer.encode(sentence) for sentence in sentences]
            fitting = [i for i, t in enumerate(tokens) if t and len(t) <= limit]
            found = translate_hypotheses(
                loaded.translator,
                [tokens[i] for i in fitting],
                self.beam_size,
                count + 1,
                model.target_prefix,
                loaded.positions,
            )
            others: list[list[str]] = [[] for _ in sentences]
            for i, hypotheses in zip(fitting, found, strict=True):
                texts = [detokenize(loaded.tokenizer, h, model.target_prefix) for h in hypotheses]
                others[i] = [text for text in dict.fromkeys(texts[1:]) if text != texts[0]]
        return others

    @contextmanager
    def admitting(self, targets: Sequence[str], chars: int, priority: Priority) -> Iterator[None]:
        """Admit one interactive request of ``chars`` characters into ``targets``.

        Raises QueueFull at once when every model translating into ``targets`` is full (even a
        text that would need no model is refused then), or when three quarters of the server's
        threads already wait for translations, before any detection or planning.
        Otherwise each model with room reserves the tokens it expects such a request to need,
        until the request queues its real work, so a burst arriving at an idle model is
        refused at the door once the queue is promised, not after planning.
        """
        if priority != Priority.INTERACTIVE:
            yield
            return
        wanted = {language_tag(target) for target in targets}
        with self._lock:
            serving = [s for s in self._schedulers.values() if s.pair[1] in wanted]
        slot = self._waiting.acquire(blocking=False)
        try:
            if serving and not slot:
                serving[0].refuse()
            reservation = Reservation(chars)
            with reserving(reservation):
                held = [reservation.hold(s, s.estimated_tokens(chars)) for s in serving]
                if serving and not any(held):
                    serving[0].refuse()
                yield
        finally:
            if slot:
                self._waiting.release()

    def scheduler_stats(self) -> list[SchedulerStats]:
        """A snapshot of every model's scheduler, by model pair."""
        with self._lock:
            schedulers = list(self._schedulers.values())
        return sorted((s.stats() for s in schedulers), key=lambda stats: stats.pair)

    def close(self) -> None:
        """Stop every scheduler loop, the model reaper, and drop the loaded models."""
        with self._lock:
            self._closed = True
            schedulers = list(self._schedulers.values())
            self._schedulers.clear()
        for scheduler in schedulers:
            scheduler.close()
        self.pool.close()

    def scheduler(self, model: InstalledModel) -> ModelScheduler:
        """The scheduler of ``model`` (created on first use; SchedulerClosed once closed)."""
        with self._lock:
            scheduler = self._schedulers.get(model.identity)
            if scheduler is None:
                if self._closed:
                    raise SchedulerClosed(model.pair)
                scheduler = self._schedulers[model.identity] = ModelScheduler(
                    model.identity,
                    model.pair,
                    partial(self._run_batch, model),
                    workers=self.pool.replicas,
                    batch_tokens=self.batch_tokens,
                    queue_tokens=self.queue_tokens,
                    fill_seconds=self.fill_seconds,
                )
            return scheduler

    def _decode(
        self,
        model: InstalledModel,
        texts: list[str],
        priority: Priority,
        deadline: float | None,
        cancel: threading.Event | None,
    ) -> list[str]:
        """Model outputs of ``texts``; a text too long for the model goes as several pieces."""
        scheduler = self.scheduler(model)
        scheduler.refuse_if_full(priority)
        with self.pool.lease(model) as loaded:
            tokenizer, positions = loaded.tokenizer, loaded.positions
        limit = source_limit(positions)
        if self.max_source_tokens is not None:
            limit = min(limit, self.max_source_tokens)
        pieces = [split_to_fit(text, tokenizer.encode, limit) for text in texts]
        sources = [tokens for parts in pieces for tokens in parts if tokens]
        outputs = iter(scheduler.translate(sources, priority, deadline, cancel))
        prefix = model.target_prefix
        results = []
        for parts in pieces:
            words = [detokenize(tokenizer, next(outputs), prefix) if t else "" for t in parts]
            results.append(words[0] if len(words) == 1 else _join(words, model.target))
        return results

    def _run_batch(self, model: InstalledModel, sources: list[Tokens]) -> list[Tokens]:
        with self.pool.lease(model) as loaded:
            return translate_tokens(
                loaded.translator, sources, self.beam_size, model.target_prefix, loaded.positions
            )


def _join(pieces: list[str], target: str) -> str:
    return joiner(target).join(piece.strip() for piece in pieces if piece.strip())
