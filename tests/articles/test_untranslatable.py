"""An article no installed model can translate is still listed and served, marked untranslated.

The test models translate zh→en, en→zh and en→fr, so French has no way into English or
Chinese: its fields stay French, say why, and nothing answers 503 but explicit translation.
"""

from __future__ import annotations

from flask.testing import FlaskClient

from service.runtime import Runtime

FRENCH = {
    "id": "en-francais",
    "title": "Le gouvernement annonce une nouvelle réforme des retraites",
    "body": "Le Premier ministre a présenté hier un projet de loi très attendu par les syndicats.",
}


def _publish(client: FlaskClient, runtime: Runtime) -> None:
    token = runtime.tokens.create("desk", "publisher")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/articles", json=FRENCH, headers=headers).status_code == 201


def test_the_list_and_the_article_stay_200(client: FlaskClient, runtime: Runtime) -> None:
    _publish(client, runtime)
    for locale in ("en", "zh-Hans", "zh-Hant"):
        listing = client.get(f"/api/v1/articles?locale={locale}")
        assert listing.status_code == 200, listing.get_json()
        article = client.get(f"/api/v1/articles/en-francais?locale={locale}")
        assert article.status_code == 200
        body = article.get_json()
        assert body["title"] == FRENCH["title"]
        title = body["fields"]["title"]
        assert title["translated"] is False
        assert "fr" in title["untranslated"]
        assert "mixlate models install" in title["untranslated"]["fr"]


def test_the_reader_page_stays_200(client: FlaskClient, runtime: Runtime) -> None:
    _publish(client, runtime)
    for lang in ("en", "zh-Hans"):
        page = client.get(f"/articles/en-francais?lang={lang}")
        assert page.status_code == 200
        assert FRENCH["title"] in page.get_data(as_text=True)


def test_explicit_translation_still_says_which_model_to_install(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/translate", json={"text": FRENCH["body"], "source": "fr", "target": "en"}
    )
    assert response.status_code == 503
    assert response.get_json()["install"] == "mixlate models install fr en"


def test_the_list_says_which_languages_were_left_as_published(
    client: FlaskClient, runtime: Runtime
) -> None:
    _publish(client, runtime)
    item = client.get("/api/v1/articles?locale=zh-Hans").get_json()["articles"][0]
    assert item["title"] == FRENCH["title"]
    assert "mixlate models install fr" in item["untranslated"]["fr"]
    article = client.get("/api/v1/articles/en-francais?locale=zh-Hans").get_json()
    assert list(article["original"]["untranslated"]) == ["fr"]
    assert "法语" in article["ui"]["left_as_published"]


def test_an_untranslated_field_keeps_its_language_on_the_page(
    client: FlaskClient, runtime: Runtime
) -> None:
    _publish(client, runtime)
    page = client.get("/articles/en-francais?lang=zh-Hans").get_data(as_text=True)
    assert f'<span lang="fr">{FRENCH["title"]}</span>' in page
    assert 'class="translation-note untranslated"' in page
    assert "法语" in page


def test_a_translated_article_has_no_such_note(client: FlaskClient, runtime: Runtime) -> None:
    token = runtime.tokens.create("desk", "publisher")
    english = {"id": "in-english", "title": "The minister met the unions.", "body": "They talked."}
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/articles", json=english, headers=headers).status_code == 201
    item = client.get("/api/v1/articles?locale=zh-Hans").get_json()["articles"][0]
    assert item["untranslated"] == {}
    page = client.get("/articles/in-english?lang=zh-Hans").get_data(as_text=True)
    assert "translation-note untranslated" not in page
