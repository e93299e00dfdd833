"""Fuzzy matches with their difference, and TMX export/import of the memory."""

from __future__ import annotations

from flask.testing import FlaskClient

from service.known.fuzzy import difference, fuzzy_matches
from service.known.memory import MemoryIndex, MemoryUnit
from tests.memory.conftest import Headers

SENTENCE = "Pyongyang has long denounced the drills as invasion rehearsals."


def _unit(source_text: str, target_text: str = "x", target: str = "zh-Hans") -> MemoryUnit:
    return MemoryUnit("en", target, source_text, target_text, "review", "r")


def test_fuzzy_matches_above_the_cutoff_with_their_difference() -> None:
    index = MemoryIndex(
        [
            _unit(SENTENCE, "平壤长期以来谴责这些演习。"),
            _unit("Pyongyang has long denounced the exercises as invasion rehearsals."),
            _unit("Something else entirely, about the weather in Seoul."),
            _unit(SENTENCE, target="fr"),
        ]
    )
    asked = "Pyongyang has long denounced the drill as invasion rehearsals."
    found = fuzzy_matches(index, asked, "zh-Hans")
    assert [m.unit.source_text for m in found][0] == SENTENCE
    assert all(m.score >= 75 for m in found) and len(found) == 2
    assert found[0].score > found[1].score
    changed = [run for run in found[0].diff if run["op"] != "equal"]
    assert changed == [{"op": "replace", "text": "drill", "unit": "drills"}]  # whole words
    assert "".join(run["text"] for run in found[0].diff) == asked
    assert "".join(run["unit"] for run in found[0].diff) == SENTENCE
    assert fuzzy_matches(index, "Entirely unrelated words here.", "zh-Hans") == []


def test_difference_of_a_replacement() -> None:
    runs = difference("the red car", "the blue car")
    assert "".join(r["text"] for r in runs) == "the red car"
    assert "".join(r["unit"] for r in runs) == "the blue car"
    assert any(r["op"] != "equal" for r in runs)


def test_matches_endpoint(client: FlaskClient, localizer: Headers) -> None:
    unit = {"source": "en", "target": "zh-Hans", "source_text": SENTENCE, "target_text": "平壤。"}
    client.post("/api/v1/memory", json=unit, headers=localizer)
    body = client.get(
        "/api/v1/memory/matches", query_string={"text": SENTENCE, "target": "zh-Hans"}
    ).get_json()
    assert body["exact"] == "平壤。"
    assert body["fuzzy"][0]["score"] == 100.0
    near = client.get(
        "/api/v1/memory/matches",
        query_string={"text": SENTENCE.replace("drills", "drill"), "target": "zh"},
    ).get_json()
    assert near["exact"] is None and near["fuzzy"][0]["unit"]["target_text"] == "平壤。"
    assert client.get("/api/v1/memory/matches?target=en").status_code == 400


def test_tmx_round_trip(client: FlaskClient, localizer: Headers) -> None:
    units = [
        {"source": "en", "target": "zh-Hans", "source_text": SENTENCE, "target_text": "平壤。"},
        {"source": "zh-Hans", "target": "en", "source_text": "独岛。", "target_text": "Dokdo."},
    ]
    client.post("/api/v1/memory", json=units, headers=localizer)
    exported = client.get("/api/v1/memory/export")
    assert exported.status_code == 200 and b"<tmx" in exported.data
    before = client.get("/api/v1/memory").get_json()["units"]
    for unit in before:
        client.delete(f"/api/v1/memory/{unit['id']}", headers=localizer)
    imported = client.post(
        "/api/v1/memory/import",
        data=exported.data,
        content_type="application/x-tmx+xml",
        headers=localizer,
    )
    assert imported.status_code == 201, imported.get_json()
    after = client.get("/api/v1/memory").get_json()["units"]

    def strip(rows: list[dict]) -> list[dict]:
        return sorted(({k: v for k, v in r.items() if k != "id"} for r in rows), key=str)

    assert strip(after) == strip(before)
    translated = client.post("/api/v1/translate", json={"text": "独岛。", "target": "en"})
    assert translated.get_json()["translation"] == "Dokdo."


def test_bad_tmx_is_422(client: FlaskClient, localizer: Headers) -> None:
    for data in (
        b"<tmx><body><tu><tuv xml:lang='en'><seg>only one</seg></tuv></tu></body></tmx>",
        b"<?xml version='1.0'?><!DOCTYPE tmx [<!ENTITY e 'x'>]><tmx>&e;</tmx>",
        b"not xml",
    ):
        response = client.post(
            "/api/v1/memory/import",
            data=data,
            content_type="application/x-tmx+xml",
            headers=localizer,
        )
        assert response.status_code == 422, response.get_json()


def test_catalog_entries_are_offered_as_suggestions(client: FlaskClient) -> None:
    body = client.get(
        "/api/v1/memory/matches",
        query_string={"text": "What people are saying now", "target": "zh-Hans"},
    ).get_json()
    assert body["exact"] is None
    catalog = [m["unit"] for m in body["fuzzy"] if m["unit"]["origin"] == "catalog"]
    assert catalog and catalog[0]["source_text"] == "What people are saying"
    assert catalog[0]["target_text"] == "人们在说什么"
