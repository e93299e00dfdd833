"""One batching scheduler per loaded model: every caller's sentences share ``translate_batch``.

Callers (API requests, article and catalog work, later jobs) submit tokenized sentences with a
priority and an optional deadline, then wait for their results. ``workers`` loop threads per
model (one per CTranslate2 replica) each take what is pending, interactive work first, up to a
token budget, and decode it in one batch; while the model is idle a loop waits ``fill_seconds``
for more work before starting. Identical pending sentences are decoded once, whoever sent them.
Entries whose every caller gave up (deadline passed, cancelled, or gone: the HTTP layer makes
``watching_caller`` tell whether the request's client disconnected) are dropped before decoding:
a loop checks the callers of what it takes just before the batch, and wakes the ones it drops
for. So a waiting request does not poll for its client: it sleeps until its results, its
deadline, or a loop's word that its work was dropped (and checks its client once a second,
to free its thread while its work still waits behind long batches). Only a caller that can be
cancelled from another thread (a job) polls, every 50 ms. Polling every request at 50 ms cost
an admitted one-sentence request about a tenth of its request thread's CPU in-process (0.4 of
4 ms, 3 wakeups per decode).

With more than one worker, bulk work never occupies the last free worker, so an interactive
request waits for no bulk batch; with one worker it waits for at most the batch in progress.
A worker that takes work shares what is pending with the idle workers and with the busy ones
expected to be free soon (``_finishing_soon``, by the recent tokens per second): taking
everything while the other worker was about to finish left that core idle for the whole of
one long batch whenever a burst's requests arrived just after a batch had started.
Bulk batches are kept to an eighth of the token budget: a big batch's beams fill the caches
and memory bandwidth that the reader's decode on the other core needs.
The queue is bounded in tokens per priority: an interactive submit that would overflow it
raises QueueFull at once (with a retry delay estimated from recent throughput); a bulk submit
waits for room instead. An interactive request reserves its estimated tokens when it arrives
(``Reservation``: its characters times the tokens per character this model's requests have
needed lately), before detection and planning: a burst of requests that all find the queue empty
would otherwise each plan and tokenize, and only then be refused at submit, so every refusal
in the burst would cost a whole pipeline run. The reservation counts as queued work until the
request's first ``submit`` or ``refuse_if_full`` in its own context settles it. A request
admitted at the door is not refused later by the models it was admitted on, even when it needs
more tokens than estimated or submits again (a second round, a piece of a long sentence): a
refusal after planning and a partial decode would cost everything the door saves, and the
overshoot is bounded by one request's characters.
A batch that raises hands the error to every caller waiting on it.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import IntEnum

from service.engine.errors import (
    CallerGone,
    DeadlineExceeded,
    EngineError,
    QueueFull,
    SchedulerClosed,
    TranslationCancelled,
)

Tokens = list[str]
Decode = Callable[[list[Tokens]], list[Tokens]]

_POLL_SECONDS = 0.05
_GONE_POLL_SECONDS = 1.0
_MIN_SHARE_TOKENS = 32
_THROUGHPUT_SMOOTHING = 0.3
_BULK_SHARE = 8
_INITIAL_TOKENS_PER_CHAR = 0.25  # about 4 characters a token (Latin text) until observed
_MIN_TOKENS_PER_CHAR, _MAX_TOKENS_PER_CHAR = 0.05, 2.0
_ESTIMATE_SMOOTHING = 0.2
_WINDOW = 8  # a batch is chosen by length among this many budgets at the head of a queue
# Sharing with a busy worker pays, in a model where cost follows tokens, when it is free
# within half the time; but a decode step costs about as much for one sentence as for eight,
# so two half batches cost more than one whole. Burst benchmark, mean of 12 runs (6 without
# sharing): a quarter gave 1.25 (en) and 1.29 (zh-Hans), half 1.24 and 1.37, no share 1.31, 1.42.
_SHARE_HORIZON = 4


class Priority(IntEnum):
    """Who waits: a person (``INTERACTIVE``) or a background task (``BULK``); lower goes first."""

    INTERACTIVE = 0
    BULK = 1


@dataclass(frozen=True)
class SchedulerStats:
    """A snapshot of one model's scheduler (counters since it started, means over batches)."""

    model: str
    pair: tuple[str, str]
    workers: int
    busy_workers: int
    queued_sentences: int
    queued_tokens_interactive: int
    queued_tokens_bulk: int
    batches: int
    sentences_decoded: int
    tokens_decoded: int
    deduplicated: int
    dropped: int
    rejected: int
    last_batch_sentences: int
    last_batch_tokens: int
    mean_batch_sentences: float
    mean_batch_tokens: float
    mean_wait_seconds: float
    max_wait_seconds: float
    mean_decode_seconds: float
    tokens_per_second: float


_CALLER_GONE: ContextVar[Callable[[], bool] | None] = ContextVar(
    "mixlate_caller_gone", default=None
)


@contextmanager
def watching_caller(gone: Callable[[], bool] | None) -> Iterator[None]:
    """Work submitted in this block is given up when ``gone()`` says its caller left."""
    token = _CALLER_GONE.set(gone)
    try:
        yield
    finally:
        _CALLER_GONE.reset(token)


class Ticket:
    """One caller's submission: its results slot by slot, or the error of a failed batch."""

    def __init__(self, count: int, deadline: float | None, cancel: threading.Event | None) -> None:
        self.results: list[Tokens | None] = [None] * count
        self.left = count
        self.error: BaseException | None = None
        self.deadline = deadline
        self.cancel = cancel
        self.gone = _CALLER_GONE.get()
        self.gave_up = False
        self.done = threading.Event()
        if count == 0:
            self.done.set()

    def abandoned(self, now: float) -> bool:
        """Whether nobody will read this ticket's results any more (asks the caller's check)."""
        if self.gave_up or (self.cancel is not None and self.cancel.is_set()):
            return True
        if self.deadline is not None and now >= self.deadline:
            return True
        if self.gone is not None and self.gone():
            self.gave_up = True
            return True
        return False


class Reservation:
    """Interactive tokens promised to one request still being planned, on some schedulers.

    ``chars``: the request's size; its first submit tells that scheduler how many tokens it
    really needed, so the scheduler's estimate per character follows its model's tokenizer.
    """

    def __init__(self, chars: int = 0) -> None:
        self.chars = chars
        self.observed = False
        self._held: list[tuple[ModelScheduler, int]] = []
        self._admitted: list[ModelScheduler] = []

    @property
    def held(self) -> bool:
        """Whether any tokens are reserved."""
        return bool(self._held)

    def hold(self, scheduler: ModelScheduler, tokens: int) -> bool:
        """Reserve ``tokens`` on ``scheduler`` if its queue has room; whether it had."""
        if not scheduler._reserve(tokens):
            return False
        self._held.append((scheduler, tokens))
        self._admitted.append(scheduler)
        return True

    def admits(self, scheduler: ModelScheduler) -> bool:
        """Whether this request was admitted on ``scheduler`` (its work there is not refused)."""
        return any(admitted is scheduler for admitted in self._admitted)

    def release(self) -> None:
        """Give every reserved token back (idempotent)."""
        held, self._held = self._held, []
        for scheduler, tokens in held:
            scheduler._unreserve(tokens)


_CURRENT: ContextVar[Reservation | None] = ContextVar("mixlate_reservation", default=None)


@contextmanager
def reserving(reservation: Reservation) -> Iterator[Reservation]:
    """Make ``reservation`` the current context's; released when the block ends at the latest."""
    token = _CURRENT.set(reservation)
    try:
        yield reservation
    finally:
        _CURRENT.reset(token)
        reservation.release()


def _settle_reservation() -> Reservation | None:
    """The caller is about to queue its real tokens: its estimate stops counting."""
    reservation = _CURRENT.get()
    if reservation is not None:
        reservation.release()
    return reservation


class _Entry:
    """A distinct pending sentence and every (ticket, slot) waiting for its translation."""

    __slots__ = ("tokens", "priority", "waiters", "enqueued", "taken")

    def __init__(self, tokens: Tokens, priority: Priority, enqueued: float) -> None:
        self.tokens = tokens
        self.priority = priority
        self.waiters: list[tuple[Ticket, int]] = []
        self.enqueued = enqueued
        self.taken = False


class ModelScheduler:
    """Batches the work of every caller of one model; ``decode`` runs one translate_batch."""

    def __init__(
        self,
        model: str,
        pair: tuple[str, str],
        decode: Decode,
        workers: int = 1,
        batch_tokens: int = 2048,
        queue_tokens: int = 20_000,
        fill_seconds: float = 0.005,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.model, self.pair = model, pair
        self.workers = max(1, workers)
        self.batch_tokens = batch_tokens
        self.queue_tokens = queue_tokens
        self.fill_seconds = fill_seconds
        self._decode = decode
        self._clock = clock
        self._cv = threading.Condition()
        self._pending: dict[tuple[str, ...], _Entry] = {}
        self._queues: tuple[deque[_Entry], deque[_Entry]] = (deque(), deque())
        self._queued = [0, 0]
        self._reserved = 0
        self._tokens_per_char = _INITIAL_TOKENS_PER_CHAR
        self._busy = [0, 0]
        self._running: dict[int, tuple[float, int]] = {}  # loop thread → (started, tokens)
        self._closed = False
        self._threads: list[threading.Thread] = []
        self._counts = dict.fromkeys(
            ("batches", "sentences", "tokens", "deduplicated", "dropped", "rejected"), 0
        )
        self._last = (0, 0)
        self._wait_total = self._wait_max = self._decode_total = 0.0
        self._throughput = 0.0

    def submit(
        self,
        sources: Sequence[Tokens],
        priority: Priority = Priority.INTERACTIVE,
        deadline: float | None = None,
        cancel: threading.Event | None = None,
    ) -> Ticket:
        """Queue ``sources`` (non-empty token lists); raises QueueFull, SchedulerClosed."""
        ticket = Ticket(len(sources), deadline, cancel)
        needed = sum(len(tokens) for tokens in sources)
        reservation = _settle_reservation() if priority == Priority.INTERACTIVE else None
        if reservation is not None and not reservation.observed and reservation.chars:
            reservation.observed = True
            self._observe(reservation.chars, needed)
        admitted = reservation is not None and reservation.admits(self)
        with self._cv:
            self._admit(priority, needed, ticket, admitted)
            now = self._clock()
            for slot, tokens in enumerate(sources):
                key = tuple(tokens)
                entry = self._pending.get(key)
                if entry is None:
                    entry = self._pending[key] = _Entry(list(tokens), priority, now)
                    self._queues[priority].append(entry)
                    self._queued[priority] += len(tokens)
                else:
                    self._counts["deduplicated"] += 1
                    if priority < entry.priority:
                        self._queued[entry.priority] -= len(tokens)
                        self._queued[priority] += len(tokens)
                        entry.priority = priority
                        self._queues[priority].append(entry)
                entry.waiters.append((ticket, slot))
            self._start()
            self._cv.notify_all()
        return ticket

    def wait(self, ticket: Ticket) -> list[Tokens]:
        """The target tokens of each submitted source, in order; raises what the batch raised,
        DeadlineExceeded when the ticket's deadline passes, TranslationCancelled on cancel,
        CallerGone when the caller's client left."""
        while not ticket.done.wait(self._wait_step(ticket)):
            if ticket.abandoned(self._clock()):
                ticket.gave_up = True
                with self._cv:
                    raise self._given_up(ticket)
        if ticket.error is not None:
            raise ticket.error
        return [tokens or [] for tokens in ticket.results]

    def translate(
        self,
        sources: Sequence[Tokens],
        priority: Priority = Priority.INTERACTIVE,
        deadline: float | None = None,
        cancel: threading.Event | None = None,
    ) -> list[Tokens]:
        """``submit`` then ``wait``."""
        return self.wait(self.submit(sources, priority, deadline, cancel))

    def full(self) -> bool:
        """Whether interactive work would be refused now."""
        with self._cv:
            return self._interactive_depth() >= self.queue_tokens

    def refuse_if_full(self, priority: Priority) -> None:
        """Raise QueueFull now if interactive work could not be queued (before any tokenizing)."""
        if priority != Priority.INTERACTIVE:
            return
        reservation = _settle_reservation()
        if reservation is not None and reservation.admits(self):
            return
        with self._cv:
            if self._interactive_depth() >= self.queue_tokens:
                self._refuse()

    def refuse(self) -> None:
        """Raise QueueFull for interactive work, counted as a refusal."""
        with self._cv:
            self._refuse()

    def estimated_tokens(self, chars: int) -> int:
        """The tokens a request of ``chars`` characters is expected to need of this model."""
        return math.ceil(chars * self._tokens_per_char) + 1

    def _observe(self, chars: int, tokens: int) -> None:
        ratio = min(_MAX_TOKENS_PER_CHAR, max(_MIN_TOKENS_PER_CHAR, tokens / chars))
        with self._cv:
            self._tokens_per_char += _ESTIMATE_SMOOTHING * (ratio - self._tokens_per_char)

    def _reserve(self, tokens: int) -> bool:
        with self._cv:
            depth = self._interactive_depth()
            if self._closed or (depth and depth + tokens > self.queue_tokens):
                return False
            self._reserved += tokens
            return True

    def _unreserve(self, tokens: int) -> None:
        with self._cv:
            self._reserved = max(0, self._reserved - tokens)

    def _interactive_depth(self) -> int:
        return self._queued[Priority.INTERACTIVE] + self._reserved

    def _refuse(self) -> None:
        """Count and raise the refusal of interactive work (caller holds the lock)."""
        self._counts["rejected"] += 1
        raise QueueFull(self.pair, sum(self._queued) + self._reserved, self._retry_after_locked())

    def stats(self) -> SchedulerStats:
        """The current snapshot."""
        with self._cv:
            batches = self._counts["batches"]
            per_batch = max(batches, 1)
            return SchedulerStats(
                model=self.model,
                pair=self.pair,
                workers=self.workers,
                busy_workers=sum(self._busy),
                queued_sentences=sum(1 for e in self._pending.values() if not e.taken),
                queued_tokens_interactive=self._queued[Priority.INTERACTIVE],
                queued_tokens_bulk=self._queued[Priority.BULK],
                batches=batches,
                sentences_decoded=self._counts["sentences"],
                tokens_decoded=self._counts["tokens"],
                deduplicated=self._counts["deduplicated"],
                dropped=self._counts["dropped"],
                rejected=self._counts["rejected"],
                last_batch_sentences=self._last[0],
                last_batch_tokens=self._last[1],
                mean_batch_sentences=self._counts["sentences"] / per_batch,
                mean_batch_tokens=self._counts["tokens"] / per_batch,
                mean_wait_seconds=self._wait_total / max(self._counts["sentences"], 1),
                max_wait_seconds=self._wait_max,
                mean_decode_seconds=self._decode_total / per_batch,
                tokens_per_second=self._throughput,
            )

    def close(self) -> None:
        """Stop the loops; callers still waiting get SchedulerClosed."""
        with self._cv:
            self._closed = True
            entries = list(self._pending.values())
            self._pending.clear()
            for queue in self._queues:
                queue.clear()
            self._queued = [0, 0]
            self._cv.notify_all()
            threads = list(self._threads)
        self._fail(entries, SchedulerClosed(self.pair))
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(timeout=30)

    def _admit(self, priority: Priority, needed: int, ticket: Ticket, admitted: bool) -> None:
        """Make room for ``needed`` tokens (caller holds the lock); ``admitted`` at the door."""
        if self._closed:
            raise SchedulerClosed(self.pair)
        if priority == Priority.INTERACTIVE:
            depth = self._interactive_depth()
            if not admitted and depth and depth + needed > self.queue_tokens:
                self._refuse()
            return
        while self._queued[priority] and self._queued[priority] + needed > self.queue_tokens:
            if ticket.abandoned(self._clock()):
                if ticket.cancel is not None and ticket.cancel.is_set():
                    raise TranslationCancelled(self.pair)
                raise DeadlineExceeded(self.pair, sum(self._queued), self._retry_after_locked())
            self._cv.wait(_POLL_SECONDS)
            if self._closed:
                raise SchedulerClosed(self.pair)

    def _retry_after_locked(self) -> int:
        if self._throughput <= 0:
            return 1
        return max(1, min(60, math.ceil(sum(self._queued) / self._throughput)))

    def _wait_step(self, ticket: Ticket) -> float:
        """How long a waiter sleeps before looking at its ticket itself (the module's contract)."""
        step = _POLL_SECONDS if ticket.cancel is not None else _GONE_POLL_SECONDS
        if ticket.deadline is None:
            return step
        return max(0.0, min(step, ticket.deadline - self._clock()))

    def _given_up(self, ticket: Ticket) -> EngineError:
        """Why an abandoned ticket's caller stops waiting (caller holds the lock)."""
        if ticket.cancel is not None and ticket.cancel.is_set():
            return TranslationCancelled(self.pair)
        if ticket.deadline is not None and self._clock() >= ticket.deadline:
            return DeadlineExceeded(self.pair, sum(self._queued), self._retry_after_locked())
        return CallerGone(self.pair)

    def _drop(self, entry: _Entry) -> None:
        """Count ``entry`` dropped and wake its callers, who all gave up (caller holds the lock)."""
        self._counts["dropped"] += 1
        for ticket, _slot in entry.waiters:
            if not ticket.done.is_set():
                ticket.error = ticket.error or self._given_up(ticket)
                ticket.done.set()

    def _start(self) -> None:
        """Start the worker loops on first use (caller holds the lock)."""
        while len(self._threads) < self.workers:
            thread = threading.Thread(
                target=self._loop,
                name=f"mixlate-batch-{self.pair[0]}-{self.pair[1]}-{len(self._threads)}",
                daemon=True,
            )
            self._threads.append(thread)
            thread.start()

    def _loop(self) -> None:
        while True:
            with self._cv:
                taken = self._take()
                if taken is None:
                    return
                priority, batch = taken
                self._busy[priority] += 1
                tokens = sum(len(entry.tokens) for entry in batch)
                self._running[threading.get_ident()] = (self._clock(), tokens)
            try:
                self._run(batch)
            finally:
                with self._cv:
                    self._busy[priority] -= 1
                    self._running.pop(threading.get_ident(), None)
                    self._cv.notify_all()

    def _may_take(self, priority: Priority) -> bool:
        if not self._queues[priority]:
            return False
        if priority == Priority.INTERACTIVE or self.workers == 1:
            return True
        return sum(self._busy) < self.workers - 1  # keep one worker free for readers

    def _take(self) -> tuple[Priority, list[_Entry]] | None:
        """The next batch, waiting for work (caller holds the lock); None once closed."""
        filled = False
        while not self._closed:
            self._drop_abandoned_heads()
            ready = [p for p in Priority if self._may_take(p)]
            if not ready:
                self._cv.wait()
                continue
            if not filled and sum(self._busy) == 0 and self.fill_seconds > 0:
                filled = True
                if sum(self._queued) < self.batch_tokens:
                    self._cv.wait(self.fill_seconds)
                    continue
            return ready[0], self._fill(ready)
        return None

    def _fill(self, ready: list[Priority]) -> list[_Entry]:
        """Pop entries, interactive first, up to this worker's share of the token budget."""
        idle = self.workers - sum(self._busy)
        available = sum(self._queued[p] for p in ready)
        helpers = max(idle, 1) + self._finishing_soon(available)
        share = max(math.ceil(available / helpers), _MIN_SHARE_TOKENS)
        budget = min(self.batch_tokens, share)
        if ready[0] == Priority.BULK:
            budget = min(budget, max(self.batch_tokens // _BULK_SHARE, _MIN_SHARE_TOKENS))
        batch: list[_Entry] = []
        now = self._clock()
        for priority in ready:
            room = budget - sum(len(entry.tokens) for entry in batch)
            batch += self._take_similar(priority, room, now, may_overflow=not batch)
            if self._queued[priority]:
                break  # the budget is spent
        return batch

    def _finishing_soon(self, available: int) -> int:
        """Busy workers expected to be free soon enough to take a share of ``available``
        tokens (caller holds the lock): within a ``_SHARE_HORIZON``-th of the time one
        worker would need for all of them, at the recent tokens per second."""
        rate = self._throughput / self.workers  # tokens per second of one worker
        if rate <= 0:
            return 0
        now, horizon = self._clock(), available / (_SHARE_HORIZON * rate)
        return sum(
            1
            for started, tokens in self._running.values()
            if started + tokens / rate - now < horizon
        )

    def _take_similar(
        self, priority: Priority, room: int, now: float, may_overflow: bool
    ) -> list[_Entry]:
        """The oldest entry of ``priority`` and the ones nearest its length that fit ``room``.

        Entries are chosen from a window at the head of the queue by length, so one batch does
        not pad short sentences to the longest one in the queue; the others keep their order.
        """
        queue = self._queues[priority]
        window: list[_Entry] = []
        tokens = 0
        while queue and tokens < _WINDOW * room:
            entry = queue.popleft()
            if not entry.taken and entry.priority == priority:
                window.append(entry)
                tokens += len(entry.tokens)
        if not window or (len(window[0].tokens) > room and not may_overflow):
            queue.extendleft(reversed(window))
            return []
        order = sorted(range(len(window)), key=lambda i: len(window[i].tokens))
        lengths = [len(window[i].tokens) for i in order]
        low = order.index(0)
        high, used = low + 1, lengths[low]
        while True:
            sides = [i for i in (low - 1, high) if 0 <= i < len(order)]
            fitting = [i for i in sides if used + lengths[i] <= room]
            if not fitting:
                break
            pick = min(fitting, key=lambda i: abs(lengths[i] - len(window[0].tokens)))
            used += lengths[pick]
            low, high = (pick, high) if pick < low else (low, pick + 1)
        chosen = set(order[low:high])
        queue.extendleft(reversed([e for i, e in enumerate(window) if i not in chosen]))
        batch = []
        for entry in (window[i] for i in sorted(chosen)):
            self._queued[priority] -= len(entry.tokens)
            entry.taken = True
            del self._pending[tuple(entry.tokens)]
            if all(ticket.abandoned(now) for ticket, _ in entry.waiters):
                self._drop(entry)
            else:
                batch.append(entry)
        return batch

    def _drop_abandoned_heads(self) -> None:
        """Drop abandoned entries at the heads of the queues, so idle loops do not wake for them."""
        now = self._clock()
        for priority, queue in zip(Priority, self._queues, strict=True):
            while queue:
                entry = queue[0]
                if entry.taken or entry.priority != priority:
                    queue.popleft()
                elif all(ticket.abandoned(now) for ticket, _ in entry.waiters):
                    queue.popleft()
                    self._queued[priority] -= len(entry.tokens)
                    entry.taken = True
                    del self._pending[tuple(entry.tokens)]
                    self._drop(entry)
                else:
                    break

    def _run(self, batch: list[_Entry]) -> None:
        if not batch:
            return
        started = self._clock()
        try:
            outputs = self._decode([entry.tokens for entry in batch])
            if len(outputs) != len(batch):
                raise EngineError(f"the model {self.model} returned a short batch")
        except BaseException as exc:  # noqa: BLE001 - every waiting caller must hear of it
            self._fail(batch, exc)
            return
        elapsed = self._clock() - started
        tokens = sum(len(entry.tokens) for entry in batch)
        with self._cv:
            self._record(batch, tokens, started, elapsed)
            for entry, output in zip(batch, outputs, strict=True):
                for ticket, slot in entry.waiters:
                    ticket.results[slot] = output
                    ticket.left -= 1
                    if ticket.left == 0:
                        ticket.done.set()

    def _record(self, batch: list[_Entry], tokens: int, started: float, elapsed: float) -> None:
        self._counts["batches"] += 1
        self._counts["sentences"] += len(batch)
        self._counts["tokens"] += tokens
        self._last = (len(batch), tokens)
        waits = [started - entry.enqueued for entry in batch]
        self._wait_total += sum(waits)
        self._wait_max = max(self._wait_max, *waits)
        self._decode_total += elapsed
        rate = tokens * self.workers / max(elapsed, 1e-6)
        smoothing = _THROUGHPUT_SMOOTHING if self._throughput else 1.0
        self._throughput += smoothing * (rate - self._throughput)

    def _fail(self, entries: list[_Entry], error: BaseException) -> None:
        with self._cv:
            for entry in entries:
                for ticket, _slot in entry.waiters:
                    if ticket.error is None:
                        ticket.error = error
                    ticket.done.set()
