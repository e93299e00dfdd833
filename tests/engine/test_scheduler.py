"""The per-model scheduler on the real engine and test models: shared batches, order, priorities,
deduplication, deadlines, backpressure, failures, reloading and shutdown.

A ``Gate`` wraps the engine's batch runner: it records every batch and can hold one in
``translate_batch`` so that the test decides what is queued when the next batch is formed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.config import Settings
from service.engine import (
    CallerGone,
    DeadlineExceeded,
    ModelRegistry,
    ModelScheduler,
    Priority,
    QueueFull,
    SchedulerClosed,
    TranslationCancelled,
    TranslationEngine,
    TranslatorPool,
)
from service.engine.scheduler import Reservation, reserving, watching_caller
from service.translation.plan import Target
from service.translation.translator import ContentTranslator, Item
from tests.engine.conftest import SAMPLE_EN, SAMPLE_ZH

MakeEngine = Callable[..., TranslationEngine]
BLOCKER = "Switzerland and Belgium"


class Gate:
    """Records each batch (as source token lists); holds the one containing BLOCKER's tokens."""

    def __init__(self, engine: TranslationEngine) -> None:
        self.run = engine._run_batch
        self.batches: list[list[list[str]]] = []
        self.holding = threading.Event()
        self.release = threading.Event()
        self.failures = 0  # how many of the next batches fail
        self.blocker: list[str] | None = None
        engine._run_batch = self  # the scheduler binds its decode on first use

    def __call__(self, model: object, sources: list[list[str]]) -> list[list[str]]:
        self.batches.append([list(tokens) for tokens in sources])
        if self.blocker in sources:
            self.holding.set()
            assert self.release.wait(30)
        if self.failures:
            self.failures -= 1
            raise RuntimeError("the model failed")
        return self.run(model, sources)


def _tokens(engine: TranslationEngine, text: str, source: str, target: str) -> list[str]:
    with engine.pool.lease(engine.route(source, target).models[0]) as loaded:
        return loaded.tokenizer.encode(text)


def _hold(engine: TranslationEngine, gate: Gate, workers: ThreadPoolExecutor):  # noqa: ANN202
    """Start translating BLOCKER en→zh and wait until its batch is held in the model."""
    gate.blocker = _tokens(engine, BLOCKER, "en", "zh")
    future = workers.submit(engine.translate, [BLOCKER], "en", "zh")
    assert gate.holding.wait(30)
    return future


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def _scheduler(engine: TranslationEngine, source: str = "en", target: str = "zh"):  # noqa: ANN202
    return engine.scheduler(engine.route(source, target).models[0])


def test_interleaved_callers_get_unbatched_results_in_order(make_engine: MakeEngine) -> None:
    alone = make_engine(cached=False, ct2_inter_threads=1)
    english = [SAMPLE_EN[i::3] for i in range(3)] + [SAMPLE_EN[::-1][i::2] for i in range(3)]
    jobs = [(texts, "en", "zh") for texts in english]
    jobs += [(SAMPLE_ZH[i::2], "zh", "en") for i in range(2)] + [(SAMPLE_ZH[::-1], "zh", "fr")]
    expected = [[alone.translate([s], src, tgt)[0] for s in texts] for texts, src, tgt in jobs]
    engine = make_engine(cached=False, ct2_inter_threads=1)
    gate = Gate(engine)
    with ThreadPoolExecutor(max_workers=len(jobs) + 1) as workers:
        held = _hold(engine, gate, workers)
        futures = [workers.submit(engine.translate, *job) for job in jobs]
        _wait_for(lambda: _scheduler(engine).stats().queued_tokens_interactive > 0)
        time.sleep(0.1)
        gate.release.set()
        results = [future.result(timeout=60) for future in futures]
        held.result(timeout=60)

    assert results == expected
    en_zh = _scheduler(engine).stats()
    callers = sum(1 for _, src, _ in jobs if src == "en")
    assert en_zh.batches < callers + 1  # callers shared batches
    assert en_zh.mean_batch_sentences > 1


def test_identical_pending_sentences_are_decoded_once(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False, ct2_inter_threads=1)
    gate = Gate(engine)
    with ThreadPoolExecutor(max_workers=4) as workers:
        held = _hold(engine, gate, workers)
        first = workers.submit(engine.translate, SAMPLE_EN, "en", "zh")
        _wait_for(lambda: _scheduler(engine).stats().queued_sentences == len(SAMPLE_EN))
        second = workers.submit(engine.translate, SAMPLE_EN[::-1], "en", "zh")
        _wait_for(lambda: _scheduler(engine).stats().deduplicated == len(SAMPLE_EN))
        gate.release.set()
        assert first.result(timeout=60) == second.result(timeout=60)[::-1]
        held.result(timeout=60)

    decoded = [tuple(tokens) for batch in gate.batches[1:] for tokens in batch]
    assert len(decoded) == len(set(decoded)) == len(SAMPLE_EN)
    assert _scheduler(engine).stats().sentences_decoded == len(SAMPLE_EN) + 1


def test_work_past_its_deadline_or_cancelled_is_dropped_before_decoding(
    make_engine: MakeEngine,
) -> None:
    engine = make_engine(cached=False, ct2_inter_threads=1)
    gate = Gate(engine)
    cancel = threading.Event()
    with ThreadPoolExecutor(max_workers=4) as workers:
        held = _hold(engine, gate, workers)
        late = workers.submit(
            engine.translate, SAMPLE_EN[:3], "en", "zh", deadline=time.monotonic() + 0.2
        )
        gone = workers.submit(engine.translate, SAMPLE_EN[3:6], "en", "zh", cancel=cancel)
        kept = workers.submit(engine.translate, SAMPLE_EN[6:], "en", "zh")
        _wait_for(lambda: _scheduler(engine).stats().queued_sentences == len(SAMPLE_EN))
        with pytest.raises(DeadlineExceeded) as caught:
            late.result(timeout=10)
        cancel.set()
        with pytest.raises(TranslationCancelled):
            gone.result(timeout=10)
        gate.release.set()
        assert len(kept.result(timeout=60)) == len(SAMPLE_EN[6:])
        held.result(timeout=60)

    assert caught.value.pair == ("en", "zh-Hans") and caught.value.retry_after >= 1
    decoded = [tokens for batch in gate.batches[1:] for tokens in batch]
    dropped = [_tokens(engine, s, "en", "zh") for s in SAMPLE_EN[:6]]
    assert not any(tokens in decoded for tokens in dropped)
    assert len(decoded) == len(SAMPLE_EN[6:])
    assert _scheduler(engine).stats().dropped == 6


def test_a_caller_that_left_is_woken_when_a_loop_reaches_its_work_which_is_not_decoded(
    make_engine: MakeEngine,
) -> None:
    engine = make_engine(cached=False, ct2_inter_threads=1)
    gate = Gate(engine)
    left = threading.Event()

    def leaving() -> list[str]:
        with watching_caller(left.is_set):
            return engine.translate(SAMPLE_EN[:2], "en", "zh")

    with ThreadPoolExecutor(max_workers=2) as workers:
        held = _hold(engine, gate, workers)
        waiting = workers.submit(leaving)
        _wait_for(lambda: _scheduler(engine).stats().queued_sentences == 2)
        left.set()
        released = time.monotonic()
        gate.release.set()
        with pytest.raises(CallerGone):
            waiting.result(timeout=10)
        # Woken by the loop that dropped its work, not by its own check a second later.
        assert time.monotonic() - released < 0.9
        held.result(timeout=60)

    decoded = [tokens for batch in gate.batches[1:] for tokens in batch]
    assert not any(_tokens(engine, s, "en", "zh") in decoded for s in SAMPLE_EN[:2])
    assert _scheduler(engine).stats().dropped == 2


def test_interactive_work_goes_before_queued_bulk_work(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False, ct2_inter_threads=1, batch_max_tokens=16)
    gate = Gate(engine)
    bulk_texts = [f"{name} and {other}" for name in SAMPLE_EN[3:7] for other in SAMPLE_EN[7:]]
    with ThreadPoolExecutor(max_workers=4) as workers:
        held = _hold(engine, gate, workers)
        bulk = workers.submit(engine.translate, bulk_texts, "en", "zh", Priority.BULK)
        _wait_for(lambda: _scheduler(engine).stats().queued_tokens_bulk > 0)
        reader = workers.submit(engine.translate, SAMPLE_EN[:2], "en", "zh")
        _wait_for(lambda: _scheduler(engine).stats().queued_tokens_interactive > 0)
        gate.release.set()
        reader.result(timeout=60)
        held.result(timeout=60)
        bulk.result(timeout=60)

    wanted = [_tokens(engine, s, "en", "zh") for s in SAMPLE_EN[:2]]
    order = [tokens for batch in gate.batches[1:] for tokens in batch]
    assert sorted(map(tuple, order[:2])) == sorted(map(tuple, wanted))
    assert len(order) == 2 + len(bulk_texts)
    assert len(gate.batches) > 3  # the small budget made several batches


def test_a_full_queue_refuses_interactive_work_at_once(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False, ct2_inter_threads=1, queue_max_tokens=30)
    gate = Gate(engine)
    with ThreadPoolExecutor(max_workers=4) as workers:
        held = _hold(engine, gate, workers)
        first = workers.submit(engine.translate, SAMPLE_EN[:4], "en", "zh")
        _wait_for(lambda: _scheduler(engine).stats().queued_sentences == 4)
        started = time.monotonic()
        with pytest.raises(QueueFull) as caught:
            engine.translate(SAMPLE_EN[4:], "en", "zh")
        refused_in = time.monotonic() - started
        gate.release.set()
        assert len(first.result(timeout=60)) == 4
        held.result(timeout=60)

    assert refused_in < 0.5
    error = caught.value
    assert error.pair == ("en", "zh-Hans") and error.model == "en → zh-Hans"
    assert error.queue_depth > 0 and error.retry_after >= 1
    assert "busy" in str(error) and str(error.retry_after) in str(error)
    assert _scheduler(engine).stats().rejected == 1
    assert len(engine.translate(SAMPLE_EN[4:], "en", "zh")) == len(SAMPLE_EN[4:])


def test_a_failing_batch_reaches_every_waiting_caller(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False, ct2_inter_threads=1)
    gate = Gate(engine)
    with ThreadPoolExecutor(max_workers=4) as workers:
        held = _hold(engine, gate, workers)
        callers = [workers.submit(engine.translate, SAMPLE_EN[i::2], "en", "zh") for i in (0, 1)]
        _wait_for(lambda: _scheduler(engine).stats().queued_sentences == len(SAMPLE_EN))
        gate.failures = 2  # the held batch, then the one both callers share
        gate.release.set()
        with pytest.raises(RuntimeError):
            held.result(timeout=60)
        for caller in callers:  # both are in the next batch, which fails too
            with pytest.raises(RuntimeError, match="the model failed"):
                caller.result(timeout=60)

    assert len(gate.batches) == 2
    assert len(engine.translate(SAMPLE_EN, "en", "zh")) == len(SAMPLE_EN)


def test_a_model_unloaded_while_idle_is_reloaded_by_the_scheduler(settings: Settings) -> None:
    now = [0.0]
    pool = TranslatorPool(settings.with_overrides(model_idle_seconds=60), clock=lambda: now[0])
    engine = TranslationEngine(ModelRegistry(settings.models_dir), pool, None, settings)
    try:
        first = engine.translate(SAMPLE_ZH, "zh", "en")
        model = engine.route("zh", "en").models[0]
        tokens = _tokens(engine, SAMPLE_ZH[1], "zh", "en")
        now[0] = 1000.0
        assert pool.unload_idle() == [model.identity]

        (output,) = engine.scheduler(model).translate([tokens])

        assert pool.load_count(model.identity) == 2
        assert output and engine.translate(SAMPLE_ZH, "zh", "en") == first
    finally:
        engine.close()


def test_stats_describe_queue_batches_and_times(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False)
    engine.translate(SAMPLE_EN, "en", "zh")
    (stats,) = engine.scheduler_stats()
    assert stats.pair == ("en", "zh-Hans") and stats.workers == engine.pool.replicas
    assert stats.sentences_decoded == len(SAMPLE_EN) and stats.batches >= 1
    assert stats.tokens_decoded >= stats.sentences_decoded
    assert stats.mean_batch_tokens > 0 and stats.mean_decode_seconds > 0
    assert stats.queued_sentences == stats.queued_tokens_interactive == 0
    assert stats.max_wait_seconds >= stats.mean_wait_seconds >= 0
    assert stats.tokens_per_second > 0


def test_closing_stops_the_loops_and_the_reaper(make_engine: MakeEngine) -> None:
    def ours() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name.startswith("mixlate-")]

    before = set(ours())
    engine = make_engine(cached=False)
    engine.translate(SAMPLE_EN, "en", "zh")
    assert len(set(ours()) - before) == engine.pool.replicas + 1  # loops and the reaper
    scheduler = _scheduler(engine)

    engine.close()

    assert set(ours()) - before == set()
    with pytest.raises(SchedulerClosed):
        scheduler.translate([["▁France"]])


def test_a_saturated_target_refuses_a_request_before_any_work(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False, ct2_inter_threads=1, queue_max_tokens=10)
    gate = Gate(engine)
    translator = ContentTranslator(engine, ("en",))
    with ThreadPoolExecutor(max_workers=4) as workers:
        held = _hold(engine, gate, workers)
        first = workers.submit(engine.translate, SAMPLE_EN[:4], "en", "zh")
        _wait_for(lambda: _scheduler(engine).stats().queued_tokens_interactive >= 10)
        with pytest.raises(QueueFull):
            translator.translate([Item("Where is the station?")], Target("zh-Hant"))
        translator.translate([Item("Bonjour")], Target("fr"), priority=Priority.BULK)
        gate.release.set()
        first.result(timeout=60)
        held.result(timeout=60)

    assert translator.translate([Item("Where is the station?")], Target("zh-Hant"))


def test_requests_waiting_for_translations_never_hold_every_server_thread(
    make_engine: MakeEngine,
) -> None:
    # With every thread waiting, a flood of small requests would wait for a thread at the
    # socket, unrefused, however short the model's queue (here it has room for them all).
    engine = make_engine(cached=False, ct2_inter_threads=1, server_threads=4)  # 3 may wait
    gate = Gate(engine)
    translator = ContentTranslator(engine, ("en",))
    texts = [[Item(text)] for text in SAMPLE_EN[:4]]
    with ThreadPoolExecutor(max_workers=4) as workers:
        held = _hold(engine, gate, workers)
        zh = Target("zh-Hans")
        waiting = [workers.submit(translator.translate, t, zh, "en") for t in texts[:3]]
        _wait_for(lambda: _scheduler(engine).stats().queued_sentences == 3)
        started = time.monotonic()
        with pytest.raises(QueueFull) as caught:
            translator.translate(texts[3], zh, "en")
        refused_in = time.monotonic() - started
        gate.release.set()
        assert all(future.result(timeout=60) for future in waiting)
        held.result(timeout=60)

    assert refused_in < 0.5 and caught.value.retry_after >= 1
    assert _scheduler(engine).stats().rejected == 1
    assert translator.translate(texts[3], Target("zh-Hans"), "en")  # its thread was given back


def test_a_batch_gathers_sentences_of_similar_length_oldest_first() -> None:
    batches: list[list[int]] = []

    def decode(sources: list[list[str]]) -> list[list[str]]:
        batches.append([len(tokens) for tokens in sources])
        return sources

    scheduler = ModelScheduler("m", ("en", "fr"), decode, batch_tokens=4, fill_seconds=0)
    sources = [[f"s{i}"] * (1 if i % 2 == 0 else 3) for i in range(8)]
    try:
        assert scheduler.translate(sources) == sources
    finally:
        scheduler.close()

    assert batches[0] == [1, 1, 1, 1]  # not 1 + 3: short ones are not padded to long ones
    assert sorted(map(sorted, batches[1:])) == [[3]] * 4


def test_a_reservation_counts_as_queued_until_its_request_submits() -> None:
    scheduler = ModelScheduler("m", ("en", "fr"), lambda sources: sources, queue_tokens=10)
    try:
        first, second = Reservation(), Reservation()
        with reserving(first):
            assert first.hold(scheduler, 8) and not scheduler.full()
            assert not second.hold(scheduler, 8)  # promised to the first request
            with pytest.raises(QueueFull) as caught:
                scheduler.refuse()
            assert caught.value.queue_depth == 8
            assert scheduler.translate([["a"] * 8]) == [["a"] * 8]  # its estimate is settled
            assert second.hold(scheduler, 8)
            second.release()
        third = Reservation()
        with reserving(third):
            assert third.hold(scheduler, 10) and scheduler.full()
        assert not scheduler.full()  # released when the request ended without submitting
        assert scheduler.stats().rejected == 1
    finally:
        scheduler.close()


@pytest.mark.parametrize(("held_tokens", "taken"), [(100, 4), (2_000, 8)])
def test_pending_work_is_shared_with_a_busy_worker_only_when_it_is_about_to_be_free(
    held_tokens: int, taken: int
) -> None:
    now = [0.0]
    release = threading.Event()
    sizes: list[int] = []

    def decode(sources: list[list[str]]) -> list[list[str]]:
        if sources[0][0] == "held":
            release.wait(10)
        else:
            sizes.append(len(sources))
        now[0] += 0.1  # every batch takes 0.1 s: 1,000 tokens a second per worker
        return sources

    scheduler = ModelScheduler(
        "m", ("en", "fr"), decode, workers=2, fill_seconds=0, clock=lambda: now[0]
    )
    try:
        scheduler.translate([["w"] * 100])  # the throughput is known from here on
        sizes.clear()
        held = scheduler.submit([["held"] * held_tokens])
        deadline = time.monotonic() + 10
        while not scheduler.stats().busy_workers:
            assert time.monotonic() < deadline
            time.sleep(0.001)
        # One worker holds a batch expected to take held_tokens / 1,000 s; 800 tokens arrive.
        # All of them would take the idle worker 0.8 s: the held one is worth a share (half)
        # when it should be free within a quarter of that (0.2 s), not when it needs 2 s.
        work = scheduler.submit([[f"s{i}"] * 100 for i in range(8)])
        deadline = time.monotonic() + 10
        while not sizes:
            assert time.monotonic() < deadline
            time.sleep(0.001)
        assert sizes[0] == taken
        release.set()
        scheduler.wait(held)
        assert len(scheduler.wait(work)) == 8
    finally:
        release.set()
        scheduler.close()


def test_a_request_admitted_at_the_door_is_not_refused_later_by_that_model() -> None:
    release = threading.Event()

    def held(sources: list[list[str]]) -> list[list[str]]:
        release.wait(10)
        return sources

    scheduler = ModelScheduler("m", ("en", "fr"), held, queue_tokens=10, fill_seconds=0)
    try:
        queued = scheduler.submit([["q"] * 4])  # 4 of the 10 tokens taken by another request
        admitted = Reservation(chars=8)
        with reserving(admitted):
            assert admitted.hold(scheduler, 2)  # estimated 2 tokens; the request needs 8
            scheduler.refuse_if_full(Priority.INTERACTIVE)
            first = scheduler.submit([["a"] * 8])  # 4 + 8 > 10, but it was admitted
            second = scheduler.submit([["b"] * 3])  # its second round (a long sentence's piece)
        with pytest.raises(QueueFull):  # a request the door did not admit is refused
            scheduler.submit([["c"] * 3])
        release.set()
        assert scheduler.wait(first) == [["a"] * 8] and scheduler.wait(second) == [["b"] * 3]
        scheduler.wait(queued)
        assert scheduler.stats().rejected == 1
    finally:
        release.set()
        scheduler.close()


def test_a_burst_at_an_idle_model_is_refused_at_the_door_once_its_queue_is_promised(
    make_engine: MakeEngine,
) -> None:
    engine = make_engine(cached=False, ct2_inter_threads=1, queue_max_tokens=20)
    planned: list[str] = []
    translator = ContentTranslator(engine, ("en",))
    known = translator.known
    translator.known = lambda fresh=False: planned.append("planned") or known(fresh)
    texts = [Item(text) for text in SAMPLE_EN[:2]]
    assert translator.translate(texts, Target("zh-Hans"))  # the model and its scheduler exist
    planned.clear()
    early = Reservation()
    with reserving(early):
        assert early.hold(_scheduler(engine), 20)  # a request admitted, still planning
        with ThreadPoolExecutor(max_workers=1) as other:  # a context of its own, as a request
            refused = other.submit(translator.translate, texts, Target("zh-Hans"))
            with pytest.raises(QueueFull):
                refused.result(timeout=30)
    assert planned == []  # refused before detection or planning
    assert translator.translate(texts, Target("zh-Hans")) and planned == ["planned"]


def test_the_estimate_per_character_follows_what_requests_needed() -> None:
    scheduler = ModelScheduler("m", ("zh", "en"), lambda sources: sources, queue_tokens=1_000)
    try:
        assert scheduler.estimated_tokens(100) == 26  # a quarter token a character at first
        for _ in range(30):  # Chinese: about a token a character
            with reserving(Reservation(chars=40)):
                scheduler.translate([["字"] * 40])
        assert 95 <= scheduler.estimated_tokens(100) <= 101
        with reserving(Reservation(chars=40)):  # only the first submit of a request counts
            scheduler.translate([["字"] * 4])
            scheduler.translate([["字"] * 4])
        assert scheduler.estimated_tokens(100) >= 75
    finally:
        scheduler.close()
