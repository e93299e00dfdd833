"""Memory units through the real test models: used verbatim, before the model, on every node.

A unit is approved through the API; the next translation (the result cache notwithstanding)
serves it verbatim with the segment action ``memory``; a new Runtime on the same database
(a restart) and a second node on the same PostgreSQL database serve it too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.config import Settings
from tests.memory.conftest import Headers
from tests.support.apps import SHIPPED_LOCALES
from tests.support.postgres import postgres_schema_url
from tests.support.samples import sample_page_text

LINE = "盟国旨在恢复与平壤的对话,尽管后者屡次拒绝。"  # the last sentence of a sample line
SENTENCE = 'He called it premature and the "most sensitive" issue for North Korea.'
REVIEWED = "他称此事为时过早，是朝鲜“最敏感”的问题。"


def _translate(client: FlaskClient, text: str, target: str) -> dict:
    response = client.post("/api/v1/translate", json={"text": text, "target": target})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _approve(client: FlaskClient, headers: Headers, source: str, target: str, s: str, t: str):
    unit = {"source": source, "target": target, "source_text": s, "target_text": t}
    response = client.post("/api/v1/memory", json=unit, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["ids"][0]


def test_an_approved_sentence_is_served_verbatim(client: FlaskClient, localizer: Headers) -> None:
    text = sample_page_text()
    assert SENTENCE in text
    before = _translate(client, text, "zh-Hans")["translation"]
    assert REVIEWED not in before
    _approve(client, localizer, "en", "zh-Hans", SENTENCE, REVIEWED)
    after = _translate(client, text, "zh-Hans")
    assert after["translation"].count(REVIEWED) == 1
    only = _translate(client, f"  {SENTENCE} ", "zh-Hans")
    assert only["translation"] == f"  {REVIEWED} "
    assert [s["action"] for s in only["segments"]] == ["memory"]


def test_a_unit_from_another_source_language_is_not_used(
    client: FlaskClient, localizer: Headers
) -> None:
    # The same English letters approved as if they were German: not a translation of English.
    _approve(client, localizer, "de", "zh-Hans", SENTENCE, REVIEWED)
    wrong = _translate(client, SENTENCE, "zh-Hans")
    assert REVIEWED not in wrong["translation"]
    assert [s["action"] for s in wrong["segments"]] == ["translated"]
    matches = client.get(
        "/api/v1/memory/matches", query_string={"text": SENTENCE, "target": "zh-Hans"}
    ).get_json()
    assert matches["source"] == "en" and matches["exact"] is None
    assert all(m["unit"]["source"] == "en" for m in matches["fuzzy"])
    _approve(client, localizer, "en", "zh-Hans", SENTENCE, REVIEWED)
    assert _translate(client, SENTENCE, "zh-Hans")["translation"] == REVIEWED


def test_a_whole_line_and_units_listed(client: FlaskClient, localizer: Headers) -> None:
    unit_id = _approve(client, localizer, "zh-Hans", "en", LINE, "What people say")
    body = _translate(client, f"{LINE}\n", "en")
    assert body["translation"] == "What people say\n"
    assert [s["action"] for s in body["segments"]] == ["memory"]
    listed = client.get("/api/v1/memory?target=en").get_json()
    assert listed["total"] == 1
    assert listed["units"][0] | {"created_at": None} == {
        "id": unit_id,
        "source": "zh-Hans",
        "target": "en",
        "source_text": LINE,
        "target_text": "What people say",
        "origin": "api",
        "author": "lena",
        "created_at": None,
    }
    assert client.delete(f"/api/v1/memory/{unit_id}", headers=localizer).status_code == 204
    assert _translate(client, f"{LINE}\n", "en")["translation"] != "What people say\n"


def test_units_need_a_role_and_valid_fields(client: FlaskClient, localizer: Headers) -> None:
    unit = {"source": "en", "target": "fr", "source_text": "Hi.", "target_text": "Salut."}
    assert client.post("/api/v1/memory", json=unit).status_code == 401
    bad = client.post("/api/v1/memory", json=[unit, {"source": "en"}], headers=localizer)
    assert bad.status_code == 422
    assert [u["at"] for u in bad.get_json()["units"]] == ["[1]"]
    assert client.get("/api/v1/memory").get_json()["total"] == 0


def test_served_after_a_restart(app: Flask, localizer: Headers) -> None:
    _approve(app.test_client(), localizer, "en", "zh-Hans", SENTENCE, REVIEWED)
    settings = app.extensions["mixlate"].settings
    app.extensions["mixlate"].close()
    restarted = create_app(settings)
    try:
        body = _translate(restarted.test_client(), SENTENCE, "zh-Hans")
        assert body["translation"] == REVIEWED
    finally:
        restarted.extensions["mixlate"].close()


@pytest.fixture
def two_nodes(settings: Settings, tmp_path: Path) -> Iterator[tuple[Flask, Flask]]:
    for node in ("a", "b"):
        shutil.copytree(SHIPPED_LOCALES, tmp_path / node / "locales")
    with postgres_schema_url() as url:
        first, second = (
            create_app(
                settings.with_overrides(
                    data_dir=tmp_path / node,
                    locales_dir=tmp_path / node / "locales",
                    database_url=url,
                )
            )
            for node in ("a", "b")
        )
        yield first, second
        first.extensions["mixlate"].close()
        second.extensions["mixlate"].close()


def test_another_node_serves_it_on_postgresql(two_nodes: tuple[Flask, Flask]) -> None:
    first, second = two_nodes
    runtime = first.extensions["mixlate"]
    headers = {"Authorization": f"Bearer {runtime.tokens.create('lena', 'localizer')}"}
    other = second.test_client()
    assert _translate(other, SENTENCE, "zh-Hans")["translation"] != REVIEWED  # now cached
    _approve(first.test_client(), headers, "en", "zh-Hans", SENTENCE, REVIEWED)
    assert _translate(other, SENTENCE, "zh-Hans")["translation"] == REVIEWED
