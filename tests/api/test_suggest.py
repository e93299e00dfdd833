"""``POST /suggest`` (LibreTranslate's shape) and the review of suggestions, on the real models."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support.apps import AppFactory

Q = "韩国与美国周二在首尔启动了首次朝鲜政策磋商会议。"
S = "South Korea and the U.S. held their first North Korea policy talks in Seoul on Tuesday."


@pytest.fixture
def enabled(app_factory: AppFactory) -> Flask:
    return app_factory(suggestions=True)


def _headers(app: Flask, role: str = "localizer", name: str = "lena") -> dict[str, str]:
    return {"Authorization": f"Bearer {app.extensions['mixlate'].tokens.create(name, role)}"}


def _translate(client: FlaskClient, text: str) -> str:
    response = client.post("/translate", json={"q": text, "source": "zh", "target": "en"})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["translatedText"]


def test_disabled_by_default_with_libretranslates_message(client: FlaskClient) -> None:
    response = client.post("/suggest", data={"q": Q, "s": S, "source": "zh", "target": "en"})
    assert response.status_code == 403
    assert response.get_json() == {"error": "Suggestions are disabled on this server."}


@pytest.mark.parametrize("missing", ["q", "s", "source", "target"])
def test_missing_parameters_are_named(enabled: Flask, missing: str) -> None:
    params = {"q": Q, "s": S, "source": "zh", "target": "en"}
    del params[missing]
    response = enabled.test_client().post("/suggest", data=params)
    assert response.status_code == 400
    assert response.get_json() == {"error": f"Invalid request: missing {missing} parameter"}


def test_the_text_limit_holds_and_nothing_is_stored(app_factory: AppFactory) -> None:
    app = app_factory(suggestions=True, max_text_chars=20)
    client = app.test_client()
    for params in ({"q": Q * 2, "s": "short"}, {"q": "短", "s": S}):
        response = client.post("/suggest", data={**params, "source": "zh", "target": "en"})
        assert response.status_code == 413
        assert "exceeds text limit (20)" in response.get_json()["error"]
    listed = client.get("/api/v1/suggestions", headers=_headers(app, "editor"))
    assert listed.status_code == 200 and listed.get_json()["suggestions"] == []


def test_an_accepted_suggestion_is_used_from_then_on(enabled: Flask) -> None:
    client = enabled.test_client()
    assert _translate(client, Q) != S
    form = client.post("/suggest", data={"q": Q, "s": S, "source": "zh", "target": "en"})
    assert form.status_code == 200 and form.get_json() == {"success": True}
    other = {"q": "平壤。", "s": "Pyongyang.", "source": "auto", "target": "en"}
    assert client.post("/suggest", json=other).get_json() == {"success": True}
    assert _translate(client, Q) != S  # pending suggestions are not used
    assert client.get("/api/v1/suggestions").status_code == 401
    headers = _headers(enabled)
    pending = client.get("/api/v1/suggestions", headers=headers).get_json()
    assert pending["total"] == 2
    first, second = pending["suggestions"]
    assert (first["q"], first["s"], first["source"], first["target"]) == (Q, S, "zh-Hans", "en")
    assert second["source"] == "zh-Hans"  # detected
    accepted = client.post(f"/api/v1/suggestions/{first['id']}/accept", headers=headers)
    assert accepted.status_code == 200
    assert accepted.get_json()["suggestion"]["state"] == "accepted"
    assert accepted.get_json()["memory_unit"] is not None
    assert _translate(client, Q) == S
    rejected = client.post(f"/api/v1/suggestions/{second['id']}/reject", headers=headers)
    assert rejected.get_json()["memory_unit"] is None
    assert _translate(client, "平壤。") != "Pyongyang."
    again = client.post(f"/api/v1/suggestions/{first['id']}/accept", headers=headers)
    assert again.status_code == 409
    assert client.get("/api/v1/suggestions", headers=headers).get_json()["total"] == 0
    units = client.get("/api/v1/memory").get_json()["units"]
    assert [(u["origin"], u["author"], u["target_text"]) for u in units] == [
        ("suggestion", "lena", S)
    ]


def test_an_editor_may_accept_an_edited_suggestion(enabled: Flask) -> None:
    client = enabled.test_client()
    client.post("/suggest", json={"q": Q, "s": "draft", "source": "zh", "target": "en"})
    headers = _headers(enabled, "editor", "eddie")
    (pending,) = client.get("/api/v1/suggestions", headers=headers).get_json()["suggestions"]
    url = f"/api/v1/suggestions/{pending['id']}/accept"
    assert client.post(url, json={"s": S}, headers=headers).status_code == 200
    assert _translate(client, Q) == S
    publisher = _headers(enabled, "publisher", "pat")
    assert client.get("/api/v1/suggestions", headers=publisher).status_code == 403
    assert client.post("/api/v1/suggestions/999/reject", headers=headers).status_code == 404
