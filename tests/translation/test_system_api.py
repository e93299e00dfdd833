"""Health, models, the OpenAPI document, and JSON errors for every kind of bad request."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from service.config import Settings
from service.http.openapi import undocumented_routes
from tests.support.apps import make_app


def test_health_lists_models(client: FlaskClient) -> None:
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["translation_available"] is True
    assert {"from": "zh-Hans", "to": "en", "version": "1.0"} in body["models"]


def test_models_lists_direct_and_pivot_pairs(client: FlaskClient) -> None:
    body = client.get("/api/v1/models").get_json()
    pairs = {(p["from"], p["to"]): p["via"] for p in body["pairs"]}
    assert pairs[("zh-Hans", "en")] is None
    assert pairs[("zh-Hans", "fr")] == "en"
    assert len(body["installed"]) == 3


def test_every_route_is_in_the_openapi_document(app: Flask, client: FlaskClient) -> None:
    assert undocumented_routes(app) == []
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/translate" in document["paths"]
    assert "post" in document["paths"]["/api/v1/translate"]
    article = document["paths"]["/api/v1/articles/{article_id}"]
    assert {"get", "put", "delete"} <= set(article)
    assert article["get"]["parameters"][0]["name"] == "article_id"
    assert "201" in document["paths"]["/api/v1/articles"]["post"]["responses"]
    assert document["paths"]["/translate"]["post"]["requestBody"]["content"].keys() >= {
        "application/json",
        "application/x-www-form-urlencoded",
    }


def test_unknown_routes_and_methods_are_json(client: FlaskClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert "error" in response.get_json()
    response = client.get("/api/v1/translate")
    assert response.status_code == 405
    assert "error" in response.get_json()


def test_too_large_bodies_are_413(app: Flask, client: FlaskClient) -> None:
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post(
        "/api/v1/detect", data=b"x" * (limit + 1), content_type="application/json"
    )
    assert response.status_code == 413
    assert "limit" in response.get_json()["error"]


def test_detect_endpoint(client: FlaskClient) -> None:
    text = "这个 feature 我们下周 release. The U.S. agreed."
    body = client.post("/api/v1/detect", json={"text": text}).get_json()
    langs = [(text[s["start"] : s["end"]], s["lang"]) for s in body["segments"]]
    assert langs[0][1] == "zh-Hans"
    assert langs[-1] == ("The U.S. agreed.", "en")
    assert abs(sum(body["languages"].values()) - 1) < 0.01
    assert client.post("/api/v1/detect", json={"text": "  "}).get_json() == {
        "segments": [],
        "languages": {},
    }
    assert client.post("/api/v1/detect", json={"text": 3}).status_code == 400
    assert client.post("/api/v1/detect", json={}).status_code == 400
    assert client.post("/api/v1/detect", data="text").status_code == 415


def test_without_models_the_service_runs_and_says_how_to_install(
    settings: Settings, tmp_path: Path
) -> None:
    app = make_app(settings, tmp_path, models_dir=tmp_path / "no-models")
    client = app.test_client()
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["translation_available"] is False
    assert body["models"] == []
    assert "mixlate models install" in body["message"]
    response = client.post("/api/v1/translate", json={"text": "你好。", "target": "en"})
    assert response.status_code == 400
    assert "not reachable" in response.get_json()["error"]
    converted = client.post("/api/v1/translate", json={"text": "软件", "target": "zh-Hant"})
    assert converted.get_json()["translation"] == "軟體"
    app.extensions["mixlate"].close()


def test_detect_text_over_the_limit_is_413(client: FlaskClient) -> None:
    response = client.post("/api/v1/detect", json={"text": "字" * 20_001})
    assert response.status_code == 413
    assert "20000" in response.get_json()["error"]
