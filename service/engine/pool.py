"""Loaded CTranslate2 translators, one per installed model, shared by every request thread.

A model is loaded on first use (never twice at once: a gate per model), kept while it is used
and unloaded by a daemon reaper thread once it has been idle for ``model_idle_seconds``.
``ct2_inter_threads = 0`` means one CTranslate2 replica per core (see ``replicas``).

CTranslate2's threads run at ``decode_nice`` (Linux, where a thread's nice value is its own
and threads inherit it from the one that creates them). A decode holds both cores for as long
as it runs; at the default priority the kernel shares them with the request threads, so under
load a request that only has to be refused or served from the cache waits its turn behind the
batch. Niced, the decode gets every cycle the request threads leave and no more.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import ctranslate2
from argostranslate.tokenizer import Tokenizer

from service.config import Settings
from service.engine.errors import SchedulerClosed
from service.engine.limits import model_positions
from service.engine.packages import InstalledModel
from service.keyed_locks import KeyedLocks

T = TypeVar("T")


@dataclass
class LoadedModel:
    """A model ready to translate: its CTranslate2 translator and its package's tokenizer."""

    model: InstalledModel
    translator: ctranslate2.Translator
    tokenizer: Tokenizer
    last_used: float
    active: int = 0
    positions: int = 1024


def _reap(pool_ref: weakref.ref, stop: threading.Event, interval: float) -> None:
    while not stop.wait(interval):
        pool = pool_ref()
        if pool is None:
            return
        pool.unload_idle()
        del pool


def _with_nice(nice: int, make: Callable[[], T]) -> T:
    """``make()`` called on a new thread running at ``nice``, so the threads it starts inherit it.

    The calling thread keeps its own priority (lowering a nice value again needs privileges).
    """
    if not nice or not hasattr(os, "setpriority") or sys.platform != "linux":
        return make()
    made: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
            made.append(make())
        except BaseException as error:  # handed to the caller's thread below
            failed.append(error)

    thread = threading.Thread(target=run, name="mixlate-model-load")
    thread.start()
    thread.join()
    if failed:
        raise failed[0]
    return made[0]


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class TranslatorPool:
    """Lazily loaded translators keyed by model identity; thread-safe."""

    def __init__(
        self,
        settings: Settings,
        clock: Callable[[], float] = time.monotonic,
        device: str | None = None,
        compute_type: str | None = None,
    ) -> None:
        self.idle_seconds = float(settings.model_idle_seconds)
        self.inter_threads = settings.ct2_inter_threads or cores()
        self.intra_threads = settings.ct2_intra_threads
        self.decode_nice = settings.decode_nice
        self.device = device or settings.device
        self.compute_type = compute_type or settings.compute_type
        self._clock = clock
        self._lock = threading.Lock()
        self._loaded: dict[str, LoadedModel] = {}
        self._gates = KeyedLocks()
        self._loads: Counter[str] = Counter()
        self._load_seconds: dict[str, float] = {}
        self._stop = threading.Event()
        self._reaper: threading.Thread | None = None

    @contextmanager
    def lease(self, model: InstalledModel) -> Iterator[LoadedModel]:
        """The loaded model for the duration of a translation (loading it if needed)."""
        loaded = self._acquire(model)
        try:
            yield loaded
        finally:
            with self._lock:
                loaded.active -= 1
                loaded.last_used = self._clock()

    def loaded(self) -> list[str]:
        """Identities of the models currently in memory."""
        with self._lock:
            return sorted(self._loaded)

    def load_count(self, identity: str | None = None) -> int:
        """How many times a model (or any model, by default) has been loaded."""
        with self._lock:
            return self._loads[identity] if identity else sum(self._loads.values())

    def load_seconds(self) -> dict[str, float]:
        """How long the last load of each model that was ever loaded took, by identity."""
        with self._lock:
            return dict(self._load_seconds)

    def unload_idle(self) -> list[str]:
        """Drop every model unused for ``idle_seconds``; returns their identities."""
        now = self._clock()
        with self._lock:
            idle = [
                identity
                for identity, loaded in self._loaded.items()
                if loaded.active == 0 and now - loaded.last_used >= self.idle_seconds
            ]
            for identity in idle:
                del self._loaded[identity]
        return idle

    @property
    def replicas(self) -> int:
        """How many batches of one model CTranslate2 runs at once."""
        return self.inter_threads

    def close(self) -> None:
        """Stop the reaper (waiting for it) and drop every loaded model."""
        self._stop.set()
        with self._lock:
            self._loaded.clear()
            reaper = self._reaper
        if reaper is not None and reaper is not threading.current_thread():
            reaper.join(timeout=5)

    def _take(self, identity: str) -> LoadedModel | None:
        loaded = self._loaded.get(identity)
        if loaded is not None:
            loaded.active += 1
            loaded.last_used = self._clock()
        return loaded

    def _acquire(self, model: InstalledModel) -> LoadedModel:
        with self._lock:
            loaded = self._take(model.identity)
            if loaded is not None:
                return loaded
        with self._gates.hold(model.identity):
            with self._lock:
                loaded = self._take(model.identity)
                if loaded is not None:
                    return loaded
            if self._stop.is_set():  # closed: a load now would outlive the pool's owner
                raise SchedulerClosed(model.pair)
            started = time.perf_counter()
            loaded = self._load(model)
            with self._lock:
                self._loaded[model.identity] = loaded
                self._loads[model.identity] += 1
                self._load_seconds[model.identity] = time.perf_counter() - started
                self._start_reaper()
            return loaded

    def _load(self, model: InstalledModel) -> LoadedModel:
        translator = _with_nice(
            self.decode_nice,
            lambda: ctranslate2.Translator(
                str(model.path / "model"),
                device=self.device,
                compute_type=self.compute_type,
                inter_threads=self.inter_threads,
                intra_threads=self.intra_threads,
            ),
        )
        tokenizer = model.package().tokenizer
        tokenizer.encode("warm up")  # argostranslate tokenizers load lazily, not thread-safely
        positions = model_positions(model.path / "model")
        return LoadedModel(model, translator, tokenizer, self._clock(), 1, positions)

    def _start_reaper(self) -> None:
        if self._reaper is not None or self._stop.is_set():
            return
        interval = min(max(self.idle_seconds / 4, 0.25), 30.0)
        self._reaper = threading.Thread(
            target=_reap,
            args=(weakref.ref(self), self._stop, interval),
            name="mixlate-model-reaper",
            daemon=True,
        )
        self._reaper.start()
