"""Reviewing article translations: per sentence, with If-Match, kept across article edits."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.jobs import JobsUnavailable

FIRST = "韩国统一部周一驳斥了一则报道。"
SECOND = "该说法源于一家地方报纸。"
ARTICLE = {
    "id": "talks",
    "title": "盟国旨在恢复对话。",
    "body": f"{FIRST}{SECOND}",
    "author": "尹民浩",
}
URL = "/api/v1/articles/talks/translations/en"


def _headers(app: Flask, role: str, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {app.extensions['mixlate'].tokens.create(name, role)}"}


def _setup(app: Flask) -> tuple[FlaskClient, dict[str, str]]:
    client = app.test_client()
    publisher = _headers(app, "publisher", "pat")
    assert client.post("/api/v1/articles", json=ARTICLE, headers=publisher).status_code == 201
    return client, _headers(app, "editor", "eddie")


def test_the_view_lists_every_sentence(app: Flask) -> None:
    client, _ = _setup(app)
    response = client.get(URL)
    assert response.status_code == 200 and response.headers["ETag"]
    body = response.get_json()
    assert body["state"] == "machine"
    assert body["progress"] == {"reviewed": 0, "total": 3}
    assert [s["source"] for s in body["fields"]["body"]] == [FIRST, SECOND]
    assert "author" not in body["fields"]
    for sentence in body["fields"]["body"]:
        assert sentence["state"] == "machine"
        assert sentence["machine"] == sentence["text"] != sentence["source"]
    assert client.get("/api/v1/articles/nope/translations/en").status_code == 404
    assert client.get("/api/v1/articles/talks/translations/xx-nope").status_code == 400


def test_a_review_needs_an_editor_and_the_current_etag(app: Flask) -> None:
    client, editor = _setup(app)
    etag = client.get(URL).headers["ETag"]
    edit = {"sentences": [{"field": "body", "index": 0, "text": "The ministry denied a report."}]}
    assert client.put(URL, json=edit).status_code == 401
    publisher = _headers(app, "publisher", "pia")
    assert client.put(URL, json=edit, headers=publisher | {"If-Match": etag}).status_code == 403
    assert client.put(URL, json=edit, headers=editor).status_code == 428
    stale = client.put(URL, json=edit, headers=editor | {"If-Match": '"0000"'})
    assert stale.status_code == 412 and stale.get_json()["etag"] == etag
    wrong = {"sentences": [{"field": "body", "index": 7, "text": "x"}]}
    assert client.put(URL, json=wrong, headers=editor | {"If-Match": etag}).status_code == 422
    saved = client.put(URL, json=edit, headers=editor | {"If-Match": etag})
    assert saved.status_code == 200 and saved.headers["ETag"] != etag
    body = saved.get_json()
    first = body["fields"]["body"][0]
    assert (first["state"], first["text"]) == ("reviewed", "The ministry denied a report.")
    assert first["machine"] != first["text"]
    assert body["state"] == "partly-reviewed" and body["progress"]["reviewed"] == 1
    again = client.put(URL, json=edit, headers=editor | {"If-Match": etag})
    assert again.status_code == 412  # a second reviewer with the old ETag
    units = client.get("/api/v1/memory").get_json()["units"]
    assert [(u["origin"], u["author"], u["source_text"]) for u in units] == [
        ("review", "eddie", FIRST)
    ]
    article = client.get("/api/v1/articles/talks?locale=en").get_json()
    assert "The ministry denied a report." in str(article)


def test_an_edited_article_keeps_unchanged_reviewed_sentences(app: Flask) -> None:
    client, editor = _setup(app)
    view = client.get(URL)
    sentences = [
        {"field": "title", "index": 0, "text": "Allies aim to resume talks."},
        {"field": "body", "index": 0, "text": "The ministry denied a report."},
        {"field": "body", "index": 1, "text": "It came from a local paper."},
    ]
    saved = client.put(
        URL, json={"sentences": sentences}, headers=editor | {"If-Match": view.headers["ETag"]}
    )
    assert saved.get_json()["state"] == "reviewed"
    changed = dict(ARTICLE, body=f"{FIRST}该报称这一建议是在上周五提出的。")
    changed.pop("id")
    publisher = _headers(app, "publisher", "pat2")
    assert client.put("/api/v1/articles/talks", json=changed, headers=publisher).status_code == 200
    body = client.get(URL).get_json()
    first, second = body["fields"]["body"]
    assert (first["state"], first["text"]) == ("reviewed", "The ministry denied a report.")
    assert second["state"] == "machine" and second["text"] != "It came from a local paper."
    assert body["state"] == "needs-review"


def test_reviewed_text_is_served_after_a_restart(app: Flask) -> None:
    client, editor = _setup(app)
    etag = client.get(URL).headers["ETag"]
    edit = {"sentences": [{"field": "title", "index": 0, "text": "Allies aim to resume talks."}]}
    client.put(URL, json=edit, headers=editor | {"If-Match": etag})
    settings = app.extensions["mixlate"].settings
    restarted = create_app(settings)
    try:
        article = restarted.test_client().get("/api/v1/articles/talks?locale=en").get_json()
        assert article["title"] == "Allies aim to resume talks."
    finally:
        restarted.extensions["mixlate"].close()


def test_locales_say_how_far_they_are_reviewed(app: Flask) -> None:
    client, editor = _setup(app)
    states = client.get("/api/v1/articles/talks/translations").get_json()
    assert states["id"] == "talks" and set(states["locales"].values()) <= {"machine"}
    assert "en" in states["locales"]
    etag = client.get(URL).headers["ETag"]
    edit = {"sentences": [{"field": "title", "index": 0, "text": "Allies aim to resume talks."}]}
    client.put(URL, json=edit, headers=editor | {"If-Match": etag})
    states = client.get("/api/v1/articles/talks/translations").get_json()["locales"]
    assert states["en"] == "partly-reviewed"
    assert client.get("/api/v1/articles/nope/translations").status_code == 404


def test_the_review_page_is_localized_through_the_catalogs(app: Flask) -> None:
    client, _ = _setup(app)
    page = client.get("/review/talks/en?ui=zh-Hans")
    assert page.status_code == 200 and page.headers["Content-Language"] == "zh-Hans"
    html = page.get_data(as_text=True)
    assert "审阅" in html and "已审阅 %(done)s/%(total)s 句" in html
    english = client.get("/review/talks/en", headers={"Accept-Language": "en"})
    assert "Review" in english.get_data(as_text=True)
    assert client.get("/review/nope/en").status_code == 404


def test_the_article_api_says_the_review_state_of_its_locale(app: Flask) -> None:
    client, editor = _setup(app)

    def state(locale: str = "en") -> str | None:
        response = client.get(f"/api/v1/articles/talks?locale={locale}")
        assert response.status_code == 200
        return response.get_json()["review_state"]

    assert state() == "machine"
    assert state("zh-Hans") is None  # read as written: nothing was translated
    sentences = [
        {"field": "title", "index": 0, "text": "Allies aim to resume talks."},
        {"field": "body", "index": 0, "text": "The ministry denied a report."},
        {"field": "body", "index": 1, "text": "It came from a local paper."},
    ]
    etag = client.get(URL).headers["ETag"]
    client.put(URL, json={"sentences": sentences[:1]}, headers=editor | {"If-Match": etag})
    assert state() == "partly-reviewed"  # the cached read knows the memory changed
    etag = client.get(URL).headers["ETag"]
    client.put(URL, json={"sentences": sentences[1:]}, headers=editor | {"If-Match": etag})
    assert state() == "reviewed"
    changed = {k: v for k, v in ARTICLE.items() if k != "id"} | {"body": f"{FIRST}又一句新话。"}
    publisher = _headers(app, "publisher", "pat3")
    assert client.put("/api/v1/articles/talks", json=changed, headers=publisher).status_code == 200
    assert state() == "needs-review"


def test_sentences_already_in_the_target_need_no_review(app: Flask) -> None:
    client = app.test_client()
    publisher = _headers(app, "publisher", "pam")
    mixed = {"id": "mixed", "title": "Allies aim to resume talks.", "body": FIRST}
    assert client.post("/api/v1/articles", json=mixed, headers=publisher).status_code == 201
    url = "/api/v1/articles/mixed/translations/en"
    body = client.get(url).get_json()
    (title,) = body["fields"]["title"]
    assert (title["state"], title["lang"], title["text"]) == ("kept", "en", mixed["title"])
    assert body["fields"]["body"][0]["state"] == "machine"
    assert body["fields"]["body"][0]["lang"] == "zh-Hans"
    assert body["progress"] == {"reviewed": 0, "total": 1}
    editor = _headers(app, "editor", "ed")
    edit = {"sentences": [{"field": "body", "index": 0, "text": "The ministry denied a report."}]}
    etag = client.get(url).headers["ETag"]
    saved = client.put(url, json=edit, headers=editor | {"If-Match": etag}).get_json()
    assert saved["state"] == "reviewed" and saved["progress"] == {"reviewed": 1, "total": 1}
    assert client.get("/api/v1/articles/mixed?locale=en").get_json()["review_state"] == "reviewed"


def test_a_saved_review_is_answered_even_when_its_refresh_cannot_be_queued(app: Flask) -> None:
    client, editor = _setup(app)
    client.get("/api/v1/articles/talks?locale=en")  # stored: a review makes it stale
    runtime = app.extensions["mixlate"]

    def broker_down(*_args: object) -> None:
        raise JobsUnavailable("the broker is down")

    runtime.jobs.refresh_article = broker_down
    etag = client.get(URL).headers["ETag"]
    edit = {"sentences": [{"field": "title", "index": 0, "text": "Allies aim to resume talks."}]}
    saved = client.put(URL, json=edit, headers=editor | {"If-Match": etag})
    assert saved.status_code == 200
    article = client.get("/api/v1/articles/talks?locale=en").get_json()
    assert article["title"] == "Allies aim to resume talks."
