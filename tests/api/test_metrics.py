"""``GET /metrics``: Prometheus text with requests, characters, scheduler and model state."""

from __future__ import annotations

from flask import Flask
from prometheus_client.parser import text_string_to_metric_families

from tests.support.apps import AppFactory


def _families(text: str) -> dict[str, list]:
    return {family.name: family.samples for family in text_string_to_metric_families(text)}


def test_metrics_after_translating(app: Flask) -> None:
    client = app.test_client()
    body = {"q": "Hello there. How are you?", "source": "en", "target": "fr"}
    assert client.post("/translate", json=body).status_code == 200
    assert client.post("/translate", json=body).status_code == 200  # the result cache answers
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    families = _families(response.get_data(as_text=True))
    requests = {
        (s.labels["endpoint"], s.labels["status"]): s.value
        for s in families["mixlate_http_requests"]
        if s.name.endswith("_total")
    }
    assert requests[("/translate", "200")] >= 2
    latency = [
        s
        for s in families["mixlate_http_request_duration_seconds"]
        if s.name.endswith("_count") and s.labels["endpoint"] == "/translate"
    ]
    assert latency and latency[0].value >= 2
    characters = {
        (s.labels["source"], s.labels["target"]): s.value
        for s in families["mixlate_characters_translated"]
        if s.name.endswith("_total")
    }
    assert characters[("en", "fr")] >= len("Hello there. How are you?")
    batches = {s.labels["pair"]: s.value for s in families["mixlate_batches"]}
    assert batches["en-fr"] >= 1
    assert families["mixlate_models_loaded"][0].value >= 1
    assert any(s.value > 0 for s in families["mixlate_model_load_seconds"])
    assert {s.labels["result"] for s in families["mixlate_cache_lookups"]} == {"hit", "miss"}


def test_metrics_token(app_factory: AppFactory) -> None:
    client = app_factory(metrics_token="s3cret").test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer s3cret"}).status_code == 200
