"""API keys, rate limits and CORS on the translation endpoints, as LibreTranslate words them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from flask import Flask

from tests.support.apps import AppFactory
from tests.support.servers import serve_in_thread

HELLO = {"q": "Hello", "source": "en", "target": "fr"}


def _key(app: Flask, **limits: object) -> str:
    key, _info = app.extensions["mixlate"].api_keys.add(**limits)
    return key


def test_a_server_without_keys_ignores_one(app: Flask) -> None:
    response = app.test_client().post("/translate", data={**HELLO, "api_key": "anything"})
    assert response.status_code == 200


def test_once_keys_exist_an_unknown_key_is_refused(app: Flask) -> None:
    key = _key(app)
    client = app.test_client()
    refused = client.post("/translate", data={**HELLO, "api_key": "not-a-key"})
    assert refused.status_code == 403 and refused.get_json() == {"error": "Invalid API key"}
    assert client.post("/translate", data={**HELLO, "api_key": key}).status_code == 200
    assert client.post("/translate", data=HELLO).status_code == 200  # keys not required


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/translate", HELLO),
        ("/detect", {"q": "Hello"}),
        ("/api/v1/translate", {"text": "Hello", "target": "fr"}),
        ("/api/v1/detect", {"text": "Hello"}),
    ],
)
def test_required_keys(app_factory: AppFactory, path: str, body: dict) -> None:
    app = app_factory(require_api_key=True, require_api_key_origins=("https://site.example",))
    key = _key(app)
    client = app.test_client()
    keyless = client.post(path, json=body)
    assert keyless.status_code == 403
    assert keyless.get_json()["error"] == "Please contact the server operator to get an API key"
    assert client.post(path, json={**body, "api_key": key}).status_code == 200
    assert client.post(path, json=body, headers={"X-API-Key": key}).status_code == 200
    own_page = client.post(path, json=body, headers={"Origin": "https://site.example"})
    assert own_page.status_code == 200
    other = client.post(path, json=body, headers={"Origin": "https://elsewhere.example"})
    assert other.status_code == 403


def test_a_keys_character_limit(app: Flask) -> None:
    key = _key(app, char_limit=10)
    client = app.test_client()
    long = {**HELLO, "q": "Hello there, world", "api_key": key}
    refused = client.post("/translate", json=long)
    assert refused.status_code == 413
    assert refused.get_json()["error"] == "Invalid request: request (18) exceeds text limit (10)"
    assert client.post("/translate", json={**HELLO, "api_key": key}).status_code == 200


@pytest.mark.parametrize(
    ("path", "field", "body"),
    [
        ("/translate", "q", HELLO),
        ("/detect", "q", {}),
        ("/api/v1/translate", "text", {"target": "fr"}),
        ("/api/v1/detect", "text", {}),
    ],
)
def test_a_keys_character_limit_holds_on_every_door(
    app: Flask, path: str, field: str, body: dict
) -> None:
    key = _key(app, char_limit=10)
    client = app.test_client()
    refused = client.post(path, json={**body, field: "Hello there, world", "api_key": key})
    assert refused.status_code == 413
    assert "10" in refused.get_json()["error"]
    assert client.post(path, json={**body, field: "Hello", "api_key": key}).status_code == 200


def test_rate_limit_per_client_with_headers(app_factory: AppFactory) -> None:
    client = app_factory(req_limit_minute=3).test_client()
    answers = [client.post("/translate", data=HELLO) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[0].headers["X-RateLimit-Limit"] == "3"
    assert answers[1].headers["X-RateLimit-Remaining"] == "1"
    slow = answers[3]
    assert slow.get_json()["error"].startswith("Slowdown: 3 per 1 minute")
    assert int(slow.headers["Retry-After"]) > 0
    assert slow.headers["X-RateLimit-Remaining"] == "0"
    languages = client.get("/languages")  # only translation is metered
    assert languages.status_code == 200 and "X-RateLimit-Limit" not in languages.headers


def test_a_keys_own_limit_overrides_the_default(app_factory: AppFactory) -> None:
    app = app_factory(req_limit_minute=2)
    key = _key(app, req_limit=5)
    client = app.test_client()
    with_key = [client.post("/translate", data={**HELLO, "api_key": key}) for _ in range(6)]
    assert [a.status_code for a in with_key] == [200] * 5 + [429]
    assert client.post("/translate", data=HELLO).status_code == 200  # the address's own count


@pytest.fixture
def redis_url() -> Iterator[str]:
    redis = pytest.importorskip("redis")
    client = redis.Redis(host="127.0.0.1", port=6379, db=15, socket_connect_timeout=1)
    try:
        client.flushdb()  # database 15 is this test's own: no counts left from an earlier run
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379 (.ci/run starts it)")
    yield "redis://127.0.0.1:6379/15"
    client.flushdb()


def test_limits_hold_across_nodes_through_redis(app_factory: AppFactory, redis_url: str) -> None:
    """Two servers (each with its own runtime and limiter) count one client together."""
    shared = {"req_limit_minute": 4, "limits_storage_url": redis_url}
    first, second = app_factory(**shared), app_factory(**shared)
    key = _key(first)
    _key(second)
    with serve_in_thread(first) as one, serve_in_thread(second) as two:
        # The key is known to the first node's database only; the second counts by address.
        statuses = [
            requests.post(f"{base}/translate", data={**HELLO, "api_key": key}, timeout=60)
            for base in (one, one)
        ]
        assert all(r.status_code == 200 for r in statuses)
        codes = [
            requests.post(f"{b}/translate", data=HELLO, timeout=60).status_code
            for b in (one, two, one, two, one)
        ]
    assert codes.count(429) == 1 and codes[-1] == 429


def test_cors_on_reads_and_translation_never_on_writes(app_factory: AppFactory) -> None:
    client = app_factory().test_client()
    origin = {"Origin": "https://reader.example"}
    translated = client.post("/translate", data=HELLO, headers=origin)
    assert translated.headers["Access-Control-Allow-Origin"] in ("*", origin["Origin"])
    assert "Access-Control-Allow-Origin" in client.get("/api/v1/health", headers=origin).headers
    preflight = client.options(
        "/api/v1/articles/x",
        headers={**origin, "Access-Control-Request-Method": "PUT"},
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers
    write = client.put("/api/v1/catalogs/zh-Hans/entries", json={}, headers=origin)
    assert "Access-Control-Allow-Origin" not in write.headers
    read = client.get("/api/v1/articles", headers=origin)
    assert "Access-Control-Allow-Origin" in read.headers


def test_cors_on_error_responses_so_browsers_can_read_them(app_factory: AppFactory) -> None:
    app = app_factory()
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/api/v1/test-failure")
    def failing() -> None:
        raise RuntimeError("a bug")

    client = app.test_client()
    origin = {"Origin": "https://reader.example"}
    responses = [
        client.post("/api/v1/translate", data="{", content_type="application/json", headers=origin),
        client.post("/translate", json={"q": "x", "source": "xx", "target": "en"}, headers=origin),
        client.get("/api/v1/no-such-thing", headers=origin),
        client.get("/api/v1/test-failure", headers=origin),
    ]
    assert [r.status_code for r in responses] == [400, 400, 404, 500]
    for response in responses:
        assert response.headers["Access-Control-Allow-Origin"] in ("*", origin["Origin"])
        assert response.headers.get_all("Access-Control-Allow-Origin") == [
            response.headers["Access-Control-Allow-Origin"]
        ]


def test_cors_for_writes_from_configured_origins(app_factory: AppFactory) -> None:
    client = app_factory(cors_write_origins=("https://cms.example",)).test_client()
    preflight = client.options(
        "/api/v1/articles/x",
        headers={"Origin": "https://cms.example", "Access-Control-Request-Method": "PUT"},
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://cms.example"
    assert "PUT" in preflight.headers["Access-Control-Allow-Methods"]
