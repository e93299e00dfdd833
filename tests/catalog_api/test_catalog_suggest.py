"""Machine suggestions through the real (tiny) Argos models: fuzzy, protected, never final."""

from __future__ import annotations

from service.catalogs.validation import placeholders


def _entries(client, locale: str) -> dict[tuple[str, str | None], dict]:
    entries = client.get(f"/api/v1/catalogs/{locale}").get_json()["entries"]
    return {(e["msgid"], e["msgctxt"]): e for e in entries}


def test_suggestions_fill_a_new_locale_as_fuzzy(client, ana) -> None:
    assert client.post("/api/v1/catalogs", json={"locale": "fr"}, headers=ana).status_code == 201

    response = client.post("/api/v1/catalogs/fr/suggest", headers=ana)

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["etag"] == response.headers["ETag"] and body["remaining"] == 0
    suggested = {(c["msgid"], c["msgctxt"]) for c in body["changed"]}
    skipped = {(s["msgid"], s["msgctxt"]) for s in body["skipped"]}
    entries = _entries(client, "fr")
    assert suggested | skipped == set(entries) and not suggested & skipped
    assert ("Welcome, %(name)s!", None) in suggested
    for key in suggested:
        entry = entries[key]
        assert entry["state"] == "fuzzy" and entry["problems"] == []
        for text in entry["msgstr_plural"] or [entry["msgstr"]]:
            assert text and placeholders(text) <= placeholders(
                key[0] + (entry["msgid_plural"] or "")
            )
    assert "%(name)s" in entries[("Welcome, %(name)s!", None)]["msgstr"]
    history = client.get("/api/v1/catalogs/fr/history", headers=ana).get_json()["history"]
    assert {row["action"] for row in history} == {"suggest"}
    progress = {p["locale"]: p for p in client.get("/api/v1/catalogs").get_json()["locales"]}
    assert progress["fr"]["translated"] == 0 and progress["fr"]["fuzzy"] == len(suggested)


def test_suggestions_never_replace_translations(client, ana) -> None:
    before = _entries(client, "zh-Hans")

    response = client.post(
        "/api/v1/catalogs/zh-Hans/suggest",
        json={"entries": [{"msgid": "Hello"}, {"msgid": "Line one\nLine two"}]},
        headers=ana,
    )

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert [s["msgid"] for s in body["skipped"]] == ["Hello"]
    assert body["skipped"][0]["problems"][0]["code"] == "translated"
    after = _entries(client, "zh-Hans")
    changed = {key for key in before if before[key] != after[key]}
    assert changed <= {("Line one\nLine two", None)}
    if changed:
        assert after[("Line one\nLine two", None)]["state"] == "fuzzy"


def test_suggestions_need_a_model_and_known_entries(client, ana, etag_of) -> None:
    etag = etag_of("pt-BR")

    no_model = client.post("/api/v1/catalogs/pt-BR/suggest", headers=ana)
    unknown = client.post(
        "/api/v1/catalogs/zh-Hans/suggest", json={"entries": [{"msgid": "Nope"}]}, headers=ana
    )
    bad = client.post("/api/v1/catalogs/zh-Hans/suggest", json={"limit": 0}, headers=ana)
    missing = client.post("/api/v1/catalogs/ja/suggest", headers=ana)

    assert no_model.status_code == 503
    assert "pt-BR" in no_model.get_json()["error"]
    assert etag_of("pt-BR") == etag
    assert unknown.status_code == 404
    assert bad.status_code == 400
    assert missing.status_code == 404
