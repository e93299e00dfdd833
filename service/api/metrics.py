"""``GET /metrics``: Prometheus exposition of requests, translation, scheduler and models.

Requests are observed for every endpoint (by URL rule, so ``/api/v1/articles/<article_id>`` is
one series, not one per id). With ``MIXLATE_METRICS_TOKEN`` the endpoint needs
``Authorization: Bearer <that token>``.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterator

from flask import Blueprint, Flask, Response, g, request

from service.http.errors import ApiError
from service.http.openapi import documented
from service.metrics import CONTENT_TYPE, RuntimeCollector, exposition, observe_request
from service.runtime import Runtime, current_runtime

bp = Blueprint("metrics", __name__)


def _state(runtime: Runtime) -> Iterator[tuple[str, str, str, list]]:
    """What this process knows now: scheduler queues and batches, cache, loaded models."""
    engine = runtime.engine
    schedulers = engine.scheduler_stats()

    def by_model(value: str) -> list:
        return [
            ({"pair": f"{s.pair[0]}-{s.pair[1]}"}, float(getattr(s, value))) for s in schedulers
        ]

    yield (
        "mixlate_queue_sentences",
        "Sentences waiting for a batch",
        "gauge",
        by_model("queued_sentences"),
    )
    queued = [
        ({"pair": f"{s.pair[0]}-{s.pair[1]}", "priority": priority}, float(tokens))
        for s in schedulers
        for priority, tokens in (
            ("interactive", s.queued_tokens_interactive),
            ("bulk", s.queued_tokens_bulk),
        )
    ]
    yield "mixlate_queue_tokens", "Source tokens waiting for a batch", "gauge", queued
    yield "mixlate_batches", "Batches decoded", "counter", by_model("batches")
    yield "mixlate_sentences_decoded", "Sentences decoded", "counter", by_model("sentences_decoded")
    yield (
        "mixlate_batch_sentences_mean",
        "Mean sentences per batch",
        "gauge",
        by_model("mean_batch_sentences"),
    )
    yield (
        "mixlate_batch_tokens_mean",
        "Mean source tokens per batch",
        "gauge",
        by_model("mean_batch_tokens"),
    )
    yield (
        "mixlate_queue_wait_seconds_mean",
        "Mean wait before decoding",
        "gauge",
        by_model("mean_wait_seconds"),
    )
    yield "mixlate_rejected", "Submissions refused by a full queue", "counter", by_model("rejected")
    stats = engine.stats
    lookups = [
        ({"result": "hit"}, float(stats.cache_hits)),
        ({"result": "miss"}, float(stats.sentences_translated)),
    ]
    yield "mixlate_cache_lookups", "Translation-cache lookups by result", "counter", lookups
    loaded = set(engine.pool.loaded())
    yield "mixlate_models_loaded", "Models in memory", "gauge", [({}, float(len(loaded)))]
    load_times = [
        ({"model": identity[:40]}, seconds)
        for identity, seconds in engine.pool.load_seconds().items()
    ]
    yield "mixlate_model_load_seconds", "Duration of each model's last load", "gauge", load_times


@bp.get("/metrics")
@documented(
    "Prometheus metrics (bearer MIXLATE_METRICS_TOKEN when set)",
    tags=("system",),
    response={"type": "string"},
    response_type="text/plain",
    errors=(401,),
)
def metrics() -> Response:
    runtime = current_runtime()
    token = runtime.settings.metrics_token
    if token:
        sent = request.headers.get("Authorization", "")
        if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
            raise ApiError(401, "Unauthorized")
    body = exposition(RuntimeCollector(lambda: _state(runtime)))
    return Response(body, content_type=CONTENT_TYPE)


def observe_requests(app: Flask) -> None:
    """Count every request of ``app`` by endpoint and status, with its latency."""

    @app.before_request
    def _start() -> None:
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _observe(response: Response) -> Response:
        started = g.get("metrics_started")
        if started is not None:
            endpoint = request.url_rule.rule if request.url_rule is not None else "unrouted"
            observe_request(endpoint, response.status_code, time.perf_counter() - started)
        return response
