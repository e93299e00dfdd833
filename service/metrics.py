"""Prometheus metrics of one Mixlate process, safe under several gunicorn worker processes.

Contract: events are counted where they happen, in prometheus_client counters and histograms
(requests by endpoint and status, request latency, characters translated by language pair,
translation-cache lookups). When ``PROMETHEUS_MULTIPROC_DIR`` is set (``mixlate serve`` sets
it to a fresh folder under the data directory before the workers start) every worker writes
them to files there, and a scrape on any worker sums them all. State that lives in a process
(scheduler queues and batches, loaded models, job counts) is read when scraped, by
``RuntimeCollector``, and carries a ``pid`` label: one series per worker, never summed wrong.
Nothing here imports Flask; the HTTP layer calls ``observe_request``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from service.config import MULTIPROCESS_DIR_VARIABLE

CONTENT_TYPE = CONTENT_TYPE_LATEST

REQUESTS = Counter(
    "mixlate_http_requests_total", "HTTP requests by endpoint and status", ["endpoint", "status"]
)
LATENCY = Histogram(
    "mixlate_http_request_duration_seconds",
    "Time from request to response, by endpoint",
    ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
CHARACTERS = Counter(
    "mixlate_characters_translated_total",
    "Characters of segments sent for translation, by source and target language",
    ["source", "target"],
)


def observe_request(endpoint: str, status: int, seconds: float) -> None:
    """Count one answered request."""
    REQUESTS.labels(endpoint, str(status)).inc()
    LATENCY.labels(endpoint).observe(seconds)


def count_characters(source: str, target: str, characters: int) -> None:
    """Count characters translated from ``source`` into ``target``."""
    CHARACTERS.labels(source, target).inc(characters)


class RuntimeCollector(Collector):
    """Reads a process's state at scrape time through ``read``: ``(name, help, kind, samples)``
    with samples of ``(labels, value)``; ``kind`` is ``"gauge"`` or ``"counter"``."""

    def __init__(self, read: Callable[[], Iterable[tuple[str, str, str, list]]]) -> None:
        self._read = read

    def collect(self) -> Iterator[Metric]:
        pid = str(os.getpid())
        for name, help_text, kind, samples in self._read():
            labels = sorted({key for sample_labels, _ in samples for key in sample_labels})
            family_type = CounterMetricFamily if kind == "counter" else GaugeMetricFamily
            family = family_type(name, help_text, labels=[*labels, "pid"])
            for sample_labels, value in samples:
                family.add_metric([*(sample_labels.get(k, "") for k in labels), pid], value)
            yield family


def exposition(state: RuntimeCollector) -> bytes:
    """The text exposition of every metric: the shared files (or this process) plus ``state``."""
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROCESS_DIR_VARIABLE):
        multiprocess.MultiProcessCollector(registry)
    else:
        for collector in (REQUESTS, LATENCY, CHARACTERS):
            registry.register(collector)
    registry.register(state)
    return generate_latest(registry)


def mark_process_dead(pid: int) -> None:
    """Forget a finished worker's live gauges (gunicorn's child_exit hook calls this)."""
    if os.environ.get(MULTIPROCESS_DIR_VARIABLE):
        multiprocess.mark_process_dead(pid)


