"""Benchmark of concurrent translation on transformer-base-sized packages (``make bench``).

One table, every ratio measured in the same run, beam 4, the default threads (one CTranslate2
replica and one batch loop per core), models loaded before any timing:

- Burst: the sample page's paragraphs sent one per request by 8 concurrent clients through a
  real HTTP server, vs the same paragraphs as one request (goal ≤ 1.3×), targets en and zh-Hans;
- argostranslate (what LibreTranslate runs) translating the same paragraphs per request from
  8 threads, vs the Mixlate burst (goal ≥ 3× slower);
- what batching alone can save on this CPU: raw CTranslate2 set up as argostranslate sets it
  up, the paragraphs per paragraph from 8 threads vs one batch (no goal: it bounds the row
  above, which batching cannot take far past it);
- one request vs its sentences through raw ``translate_batch`` (goal ≤ 1.2×);
- Fairness: a 1-sentence request while a 2,000-sentence bulk translation runs, vs unloaded
  (goal ≤ 3×);
- Overload: 64 clients against a small queue: every request ends 200 or 503 with Retry-After,
  p99 of the 503s ≤ 100 ms, the thread count bounded; on the in-process server and on a real
  ``mixlate serve`` (gunicorn), each with the default threads; and on ``mixlate serve`` the
  same clients while one long translation holds the queue, so that every request is refused
  (no goal: what the server and the app's request handling alone cost, the floor of the row
  above).
"""

from __future__ import annotations

import gc
import json
import random
import select
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit

import pytest

from service.config import Settings, load_settings
from service.detection import detect_language
from service.engine import ModelRegistry, Priority, TranslationCancelled
from service.heap import freeze_startup_heap
from service.languages import to_argos
from service.runtime import Runtime
from tests.bench.reference import (
    RecordingEngine,
    argos_translations,
    batching_gain,
    raw_batches,
)
from tests.support.apps import make_app
from tests.support.argos_builder import PackageSpec, build_packages, corpus
from tests.support.live import mixlate_serve
from tests.support.samples import sample_page_text
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.bench

BASE_SPECS = (PackageSpec("zh", "en", size="base"), PackageSpec("en", "zh", size="base"))
BEAM = 4
CLIENTS = 8
OVERLOAD_CLIENTS = 64
OVERLOAD_QUEUE_TOKENS = 200


@pytest.fixture(scope="module")
def base_settings(
    settings: Settings, argos_cache_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """Settings over a models dir holding base-sized zh→en and en→zh, beam 4."""
    directory = tmp_path_factory.mktemp("base-models")
    registry = ModelRegistry(directory)
    for archive in build_packages(argos_cache_dir, BASE_SPECS).values():
        registry.install_file(archive)
    return settings.with_overrides(models_dir=directory, beam_size=BEAM)


def _post(url: str, body: dict) -> tuple[int, dict, float]:
    """POST JSON; (status, headers and the body under "body", seconds)."""
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            text = response.read().decode()
            status, headers = response.status, dict(response.headers)
    except HTTPError as error:
        text = error.read().decode()
        status, headers = error.code, dict(error.headers)
    return status, {**headers, "body": text}, time.perf_counter() - started


@contextmanager
def _server(
    settings: Settings, directory: Path, **overrides: object
) -> Iterator[tuple[str, Runtime]]:
    """The app on a real HTTP server with as many threads as ``mixlate serve`` would run."""
    app = make_app(settings, directory, **overrides)
    runtime = app.extensions["mixlate"]
    threads = runtime.settings.server_threads
    runtime.prepare_to_serve()  # as each ``mixlate serve`` worker does once its app is built
    freeze_startup_heap()
    try:
        with serve_in_thread(app, threads=threads) as base:
            url = f"{base}/api/v1/translate"
            for target in ("en", "zh-Hans"):  # load both models outside the timings
                assert (
                    _post(url, {"text": "预热模型。Warm up the models.", "target": target})[0]
                    == 200
                )
            yield url, runtime
    finally:
        runtime.close()
        gc.unfreeze()


def _in_threads(count: int, work: Callable[[], None]) -> float:
    threads = [threading.Thread(target=work) for _ in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def _burst(url: str, paragraphs: list[str], target: str) -> float:
    todo = deque(paragraphs)
    statuses: list[int] = []

    def client() -> None:
        while True:
            try:
                paragraph = todo.popleft()
            except IndexError:
                return
            statuses.append(_post(url, {"text": paragraph, "target": target})[0])

    elapsed = _in_threads(CLIENTS, client)
    assert statuses == [200] * len(paragraphs)
    return elapsed


def _argos_work(paragraphs: list[str], target: str) -> list[tuple[str, str, str]]:
    """(source, target, paragraph) for each paragraph argostranslate would be asked for: its
    dominant language, when that is not the target's."""
    sources = {p: detect_language(p)[0] for p in paragraphs}
    return [(sources[p], target, p) for p in paragraphs if to_argos(sources[p]) != to_argos(target)]


def _argos_burst(settings: Settings, work: list[tuple[str, str, str]]) -> float:
    """argostranslate per paragraph (from its dominant language) from 8 threads."""
    pairs = {(to_argos(source), to_argos(target)) for source, target, _ in work}
    translations = argos_translations(settings.models_dir, settings.beam_size, pairs)
    todo = deque(work)

    def client() -> None:
        while True:
            try:
                source, target, paragraph = todo.popleft()
            except IndexError:
                return
            translations[(to_argos(source), to_argos(target))].translate(paragraph)

    return _in_threads(CLIENTS, client)


def _sentences(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    names = [n for n in corpus("en") if n.isascii()]
    joined = (" ".join(rng.sample(names, rng.randint(3, 6))) + "." for _ in range(2 * count))
    return list(dict.fromkeys(joined))[:count]


def _burst_rows(settings: Settings, tmp_path: Path, target: str) -> list[tuple]:
    paragraphs = [p for p in sample_page_text().split("\n\n") if p.strip()]
    work = _argos_work(paragraphs, target)
    with _server(settings, tmp_path / f"one-{target}") as (url, runtime):
        recorder = RecordingEngine(runtime.engine)
        runtime.translator.engine = recorder
        status, _, single = _post(url, {"texts": paragraphs, "target": target})
        assert status == 200
        raw = raw_batches(runtime, recorder.batches)
        per_paragraph, one_batch = batching_gain(runtime, work, CLIENTS)
    with _server(settings, tmp_path / f"burst-{target}") as (url, _runtime):
        burst = _burst(url, paragraphs, target)
    argos = _argos_burst(settings, work)
    gain = per_paragraph / one_batch
    return [
        (f"burst → {target}: 8 clients vs 1 request", burst, single, burst / single, "≤ 1.3"),
        (f"argos 8 threads vs burst → {target}", argos, burst, argos / burst, "≥ 3"),
        (f"  raw ct2 per paragraph vs one batch → {target}", per_paragraph, one_batch, gain, "-"),
        (f"1 request vs raw translate_batch → {target}", single, raw, single / raw, "≤ 1.2"),
    ]


def _fairness_row(settings: Settings, tmp_path: Path) -> tuple:
    probes = _sentences(12, seed=3)
    bulk = _sentences(2000, seed=4)
    with _server(settings, tmp_path / "fairness") as (url, runtime):

        def latency(text: str) -> float:
            body = {"text": text, "source": "en", "target": "zh-Hans"}
            status, headers, seconds = _post(url, body)
            assert status == 200, headers["body"]
            return seconds

        unloaded = statistics.median(latency(text) for text in probes[:6])
        cancel = threading.Event()

        def run_bulk() -> None:
            with suppress(TranslationCancelled):
                runtime.engine.translate(bulk, "en", "zh", Priority.BULK, cancel=cancel)

        worker = threading.Thread(target=run_bulk)
        worker.start()
        try:
            deadline = time.monotonic() + 60
            while not any(
                s.queued_tokens_bulk and s.busy_workers for s in runtime.engine.scheduler_stats()
            ):
                assert time.monotonic() < deadline
                time.sleep(0.01)
            loaded = statistics.median(latency(text) for text in probes[6:])
            busy = [s for s in runtime.engine.scheduler_stats() if s.queued_tokens_bulk]
        finally:
            cancel.set()
            worker.join()
    assert busy, "the bulk job ended before the probes"
    return (
        "1 sentence during 2,000-sentence bulk vs idle",
        loaded,
        unloaded,
        loaded / unloaded,
        "≤ 3",
    )


def _overload_row(settings: Settings, tmp_path: Path) -> tuple[list[tuple], list[str]]:
    """The overload on the benchmark's in-process server (waitress, the default threads)."""
    overrides = {"queue_max_tokens": OVERLOAD_QUEUE_TOKENS}
    with _server(settings, tmp_path / "overload", **overrides) as (url, _runtime):
        row, problems = _overload(url, threading.active_count, 8, "")
        return [row], problems


def _served_overload_row(settings: Settings, tmp_path: Path) -> tuple[list[tuple], list[str]]:
    """The same overload on ``mixlate serve`` (gunicorn, one worker, the default threads)."""
    threads = load_settings({}).server_threads
    with mixlate_serve(
        settings.models_dir,
        tmp_path / "served-overload",
        {},
        workers=1,
        threads=threads,
        MIXLATE_QUEUE_MAX_TOKENS=str(OVERLOAD_QUEUE_TOKENS),
        MIXLATE_BEAM_SIZE=str(BEAM),
    ) as server:
        url = f"{server.url}/api/v1/translate"
        for target in ("en", "zh-Hans"):
            assert _post(url, {"text": "预热模型。Warm up the models.", "target": target})[0] == 200

        # A running server has started its request threads (gunicorn starts them as
        # connections first need them, up to ``threads``, the bound checked under load).
        def health(_: int) -> int:
            with urllib.request.urlopen(f"{server.url}/api/v1/health") as response:
                return response.status

        with ThreadPoolExecutor(max_workers=threads) as clients:
            assert set(clients.map(health, range(8 * threads))) == {200}
        status = Path(f"/proc/{server.workers()[0]}/status")

        def count() -> int:
            line = next(line for line in status.read_text().splitlines() if line[:8] == "Threads:")
            return int(line.split()[1])

        row, problems = _overload(url, count, threads, " on mixlate serve")
        return [row, _refusals_alone_row(url)], problems


@contextmanager
def _queue_held(url: str) -> Iterator[None]:
    """A long translation holding the whole queue of en → zh-Hans for the block.

    Sent on a connection of its own (again if it was refused, as it is while a request of the
    previous row still holds its tokens: a probe refused then does not mean the queue is held
    for the block); closing the connection at the end leaves the translation without its
    caller, and the server drops what it has not decoded.
    """
    parts = urlsplit(url)
    text = " ".join(_sentences(300, seed=7))
    payload = json.dumps({"text": text, "source": "en", "target": "zh-Hans"}).encode()
    head = (
        f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode()
    probe = {"text": "Is the queue full yet?", "source": "en", "target": "zh-Hans"}
    deadline = time.monotonic() + 30
    holder = None
    try:
        while True:
            if holder is None or select.select([holder], [], [], 0)[0]:  # none, or answered
                if holder is not None:
                    holder.close()
                holder = socket.create_connection((parts.hostname, parts.port))
                holder.sendall(head + payload)
            # Refused, and the long translation still unanswered a while later (a refusal is
            # answered in milliseconds): it holds the queue, not the previous row's requests.
            if _post(url, probe)[0] == 503 and not select.select([holder], [], [], 0.2)[0]:
                break
            assert time.monotonic() < deadline, "the long translation never filled the queue"
            time.sleep(0.05)
        yield
    finally:
        if holder is not None:
            holder.close()


def _refusals_alone_row(url: str) -> tuple:
    """The same 64 clients while one long translation holds the whole queue (and decodes on
    every core): every request is refused, none is planned or translated, so the p99 is what
    the server and the app's request handling alone cost under this load (no goal: it bounds
    the row above)."""
    with _queue_held(url):
        outcomes = _load(url, _new_sentences(seed=6))
    statuses = {status for status, _, _ in outcomes}
    assert statuses == {503}, f"expected only refusals while the queue is held, got {statuses}"
    p99 = _p99([seconds for _, _, seconds in outcomes])
    label = "  the same, all refused while one long translation decodes; p99 503s"
    return (label, p99, 0.1, p99 / 0.1, "-")


def _new_sentences(seed: int) -> list[dict]:
    """Bodies of 128 sentences no earlier row sent (so none is served from the cache)."""
    return [
        {"text": text, "source": "en", "target": "zh-Hans"}
        for text in _sentences(2 * OVERLOAD_CLIENTS, seed=seed)
    ]


def _load(url: str, bodies: list[dict]) -> list[tuple[int, str | None, float]]:
    """``bodies`` POSTed by 64 clients in a process of their own: (status, Retry-After, s)."""
    clients = subprocess.run(
        [sys.executable, "-m", "tests.bench.load_clients", url, str(OVERLOAD_CLIENTS)],
        input=json.dumps(bodies),
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return json.loads(clients.stdout)


def _p99(seconds: list[float]) -> float:
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0


def _overload(
    url: str, threads: Callable[[], int], bound: int, where: str
) -> tuple[tuple, list[str]]:
    """64 clients POSTing 128 new sentences to ``url``; the row and what went wrong."""
    bodies = _new_sentences(seed=5)
    baseline = threads()
    peak = [baseline]
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.01):
            peak[0] = max(peak[0], threads())

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.perf_counter()
    outcomes = _load(url, bodies)
    elapsed = time.perf_counter() - started
    done.set()
    watcher.join()
    refused = sorted(seconds for status, _, seconds in outcomes if status == 503)
    problems = []
    if len(outcomes) != len(bodies) or {status for status, _, _ in outcomes} - {200, 503}:
        problems.append(f"not every request ended 200 or 503: {[o[0] for o in outcomes]}")
    if not refused or len(refused) == len(outcomes):
        problems.append(f"expected both 200s and 503s, got {len(refused)} of {len(outcomes)} 503s")
    if any(not retry for status, retry, _ in outcomes if status == 503):
        problems.append("a 503 without Retry-After")
    p99 = _p99(refused)
    if p99 > 0.1:
        problems.append(f"p99 of 503s{where} {p99 * 1000:.0f} ms > 100 ms")
    extra = peak[0] - baseline
    if extra > bound:
        problems.append(f"{extra} threads started in the server{where} under load")
    label = (
        f"overload{where}: {len(outcomes) - len(refused)}×200 {len(refused)}×503 "
        f"in {elapsed:.1f}s, +{extra} threads; p99 503s"
    )
    return (label, p99, 0.1, p99 / 0.1, "≤ 1"), problems


def test_concurrency_table(base_settings: Settings, tmp_path: Path) -> None:
    rows = _burst_rows(base_settings, tmp_path, "en") + _burst_rows(
        base_settings, tmp_path, "zh-Hans"
    )
    rows.append(_fairness_row(base_settings, tmp_path))
    problems = []
    for overload_rows in (_overload_row, _served_overload_row):
        found_rows, found = overload_rows(base_settings, tmp_path)
        rows += found_rows
        problems += found
    print(f"\n== concurrency, transformer-base int8, beam {BEAM} (seconds; ratio a/b) ==")
    print(f"{'measure':68}{'a':>9}{'b':>9}{'a/b':>7}  goal")
    for label, a, b, ratio, goal in rows:
        print(f"{label:68}{a:9.3f}{b:9.3f}{ratio:7.2f}  {goal}")
    failed = [label for label, _, _, ratio, goal in rows if not _meets(ratio, goal)]
    assert not problems, problems
    assert not failed, f"goals missed: {failed}"


def _meets(ratio: float, goal: str) -> bool:
    if goal == "-":  # a measure that explains another row, with no goal of its own
        return True
    sign, bound = goal.split()
    return ratio <= float(bound) if sign == "≤" else ratio >= float(bound)
