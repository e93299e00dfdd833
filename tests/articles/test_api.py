"""The article API: writes need a publisher token, reads serve any available locale."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.articles.service import ArticleService
from service.catalogs import Edit
from service.config import Settings
from service.http.openapi import undocumented_routes
from service.runtime import Runtime
from tests.articles.helpers import CountingTranslator, edit_po, storer
from tests.support.apps import AppFactory, make_app

SMALL = {"title": "演习恢复", "body": "The army held drills. 军方举行了演习。"}
UI_KEYS = {
    "ai_generated_image",
    "what_people_are_saying",
    "related_articles",
    "reported_by_ai",
    "cookie_title",
    "cookie_text",
    "privacy_policy",
    "decline",
    "accept",
    "published_on",
    "translated_from",
    "show_original",
    "language_switcher",
}
TEXT_FIELDS = ("title", "summary", "body", "reactions")


def _get(client: FlaskClient, path: str, **headers: str) -> dict[str, Any]:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_sample_page_in_three_locales(
    client: FlaskClient, sample_id: str, sample: dict[str, Any]
) -> None:
    en, hans, hant = (
        _get(client, f"/api/v1/articles/{sample_id}?locale={tag}")
        for tag in ("en", "zh-Hans", "zh-Hant")
    )
    assert [d["locale"] for d in (en, hans, hant)] == ["en", "zh-Hans", "zh-Hant"]
    assert en["available_locales"] == ["en", "zh-Hans", "zh-Hant"]
    # English parts are kept in English and translated into Chinese.
    for field in TEXT_FIELDS:
        assert en[field] == sample[field]
        assert en["fields"][field]["translated"] is False
        assert hans[field] != sample[field] and hant[field] != sample[field]
        assert hans["fields"][field] == {"translated": True, "from": ["en"], "via": ["translated"]}
    assert [i["caption"] for i in en["images"]] == [i["caption"] for i in sample["images"]]
    assert en["related"][:2] == [item | {"url": None} for item in sample["related"][:2]]
    # Chinese parts are kept in Simplified, converted to Traditional, translated to English.
    chinese = sample["related"][2] | {"url": None}
    assert hans["related"][2] == chinese
    assert hant["related"][2]["title"] == "韓國與美國週二在首爾啟動了首次朝鮮政策磋商會議。"
    assert hant["fields"]["related"][2]["title"]["via"] == ["converted"]
    assert en["related"][2]["title"] != chinese["title"]
    assert en["fields"]["related"][2]["title"]["from"] == ["zh-Hans"]
    # Kept metadata is identical everywhere.
    for doc in (en, hans, hant):
        assert doc["id"] == sample_id and doc["revision"] == 1
        assert doc["source_url"] == sample["source_url"]
        assert doc["published_at"] == "2025-12-07T10:00:00+00:00"
    assert en["published_display"] == "December 7, 2025"
    assert hans["published_display"] == hant["published_display"] == "2025年12月7日"
    assert en["original"]["main_language"] == "en"
    assert en["original"]["translated_from"] == ["zh-Hans"]
    # UI strings come from the catalogs, in the served locale.
    assert set(en["ui"]) >= UI_KEYS and set(hans["ui"]) >= UI_KEYS
    assert (en["ui"]["related_articles"], hans["ui"]["related_articles"]) == (
        "Related articles",
        "相关文章",
    )
    assert hant["ui"]["related_articles"] == "相關文章"
    assert hans["ui"]["ai_generated_image"] == "AI 生成的图像"
    # No privacy URL is configured: the cookie text names no policy.
    assert hans["ui"]["cookie_text"] == "我们使用 cookie 进行分析以改进我们的网站。"
    assert hans["ui"]["published_on"] == "发布于 2025年12月7日"
    assert hans["ui"]["translated_from"] == "译自英语"
    # Only some related items of the English article were translated: said per item.
    assert en["ui"]["translated_from"] is None
    assert en["original"]["article_translated_from"] == []
    assert en["original"]["related_translated_from"][2] == ["zh-Hans"]
    assert en["original"]["related_translated_from"][:2] == [[], []]
    assert (hans["ui"]["decline"], hans["ui"]["accept"]) == ("拒绝", "接受")
    assert en["ui"]["reading_time"] == "2 min read"
    assert hant["ui"]["reading_time"].startswith("閱讀約需 ")


def test_catalog_edits_by_this_process_show_at_once(client: FlaskClient, runtime: Runtime) -> None:
    client.post("/api/v1/articles", json=SMALL | {"id": "s"}, headers=_publisher(runtime))
    assert _get(client, "/api/v1/articles/s?locale=zh-Hans")["ui"]["accept"] == "接受"
    runtime.catalogs.apply_edits("zh-Hans", [Edit("Accept", "同意")], None, "localizer")
    assert _get(client, "/api/v1/articles/s?locale=zh-Hans")["ui"]["accept"] == "同意"


def test_catalog_edits_by_another_process_show_within_the_recheck(
    app_factory: AppFactory,
) -> None:
    app = app_factory(catalog_recheck_ms=300)
    runtime, client = app.extensions["mixlate"], app.test_client()
    client.post("/api/v1/articles", json=SMALL | {"id": "s"}, headers=_publisher(runtime))
    assert _get(client, "/api/v1/articles/s?locale=zh-Hans")["ui"]["accept"] == "接受"
    edit_po(runtime.settings.locales_dir, "zh_Hans", "Accept", "同意")  # as the CLI would
    edited = time.monotonic()
    while _get(client, "/api/v1/articles/s?locale=zh-Hans")["ui"]["accept"] != "同意":
        assert time.monotonic() - edited < 2, "the edit was not seen within the recheck"
        time.sleep(0.02)


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        ("zh-TW,zh;q=0.9", "zh-Hant"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("de-DE,fr;q=0.8", "en"),
    ],
)
def test_locale_is_negotiated_from_accept_language(
    client: FlaskClient, runtime: Runtime, header: str, locale: str
) -> None:
    client.post("/api/v1/articles", json=SMALL | {"id": "n"}, headers=_publisher(runtime))
    response = client.get("/api/v1/articles/n", headers={"Accept-Language": header})
    assert response.get_json()["locale"] == locale
    assert response.headers["Content-Language"] == locale
    assert "Accept-Language" in response.headers["Vary"]


def test_explicit_locale_must_be_available(client: FlaskClient, runtime: Runtime) -> None:
    client.post("/api/v1/articles", json=SMALL | {"id": "x"}, headers=_publisher(runtime))
    assert _get(client, "/api/v1/articles/x?locale=zh-TW")["locale"] == "zh-Hant"
    response = client.get("/api/v1/articles/x?locale=fr")
    assert response.status_code == 400
    assert response.get_json()["available_locales"] == ["en", "zh-Hans", "zh-Hant"]


def _publisher(runtime: Runtime) -> dict[str, str]:
    name = f"p{threading.get_ident()}{len(runtime.tokens.list())}"
    return {"Authorization": f"Bearer {runtime.tokens.create(name, 'publisher')}"}


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer nope"}, 401), ({"Authorization": "Basic x"}, 401)],
)
def test_writes_need_a_token(client: FlaskClient, headers: dict, status: int) -> None:
    assert client.post("/api/v1/articles", json=SMALL, headers=headers).status_code == status
    assert client.get("/api/v1/articles").get_json()["total"] == 0


def test_writes_need_the_publisher_role(
    client: FlaskClient, runtime: Runtime, publisher: dict[str, str]
) -> None:
    localizer = {"Authorization": f"Bearer {runtime.tokens.create('loc', 'localizer')}"}
    admin = {"Authorization": f"Bearer {runtime.tokens.create('adm', 'admin')}"}
    response = client.post("/api/v1/articles", json=SMALL | {"id": "a"}, headers=localizer)
    assert response.status_code == 403 and "error" in response.get_json()
    assert client.get("/api/v1/articles/a").status_code == 404
    assert (
        client.post("/api/v1/articles", json=SMALL | {"id": "a"}, headers=admin).status_code == 201
    )
    assert client.put("/api/v1/articles/a", json=SMALL, headers=localizer).status_code == 403
    assert client.delete("/api/v1/articles/a", headers=localizer).status_code == 403
    assert client.delete("/api/v1/articles/a").status_code == 401
    assert _get(client, "/api/v1/articles/a?locale=en")["revision"] == 1


def test_create_update_delete(client: FlaskClient, publisher: dict[str, str]) -> None:
    response = client.post("/api/v1/articles", json=SMALL, headers=publisher)
    assert response.status_code == 201
    article_id = response.get_json()["id"]
    assert response.headers["Location"] == f"/api/v1/articles/{article_id}"
    first = _get(client, f"/api/v1/articles/{article_id}?locale=en")
    changed = SMALL | {"title": "The drills stop"}
    response = client.put(f"/api/v1/articles/{article_id}", json=changed, headers=publisher)
    assert response.get_json() == {"id": article_id, "revision": 2}
    second = _get(client, f"/api/v1/articles/{article_id}?locale=en")
    assert second["revision"] == 2 and second["title"] != first["title"]
    assert second["title"] == "The drills stop"
    assert client.delete(f"/api/v1/articles/{article_id}", headers=publisher).status_code == 204
    assert client.get(f"/api/v1/articles/{article_id}").status_code == 404
    assert client.delete(f"/api/v1/articles/{article_id}", headers=publisher).status_code == 404


def test_editing_invalidates_only_that_articles_translations(
    client: FlaskClient, runtime: Runtime, publisher: dict[str, str]
) -> None:
    for article_id in ("one", "two"):
        client.post("/api/v1/articles", json=SMALL | {"id": article_id}, headers=publisher)
        _get(client, f"/api/v1/articles/{article_id}?locale=zh-Hans")
    client.put("/api/v1/articles/one", json=SMALL | {"summary": "new"}, headers=publisher)
    repository = runtime.articles.repository
    assert repository.translation("one", 1, "zh-Hans") is None
    assert repository.translation("two", 1, "zh-Hans") is not None
    assert _get(client, "/api/v1/articles/one?locale=zh-Hans")["revision"] == 2
    assert repository.translation("one", 2, "zh-Hans") is not None


def test_concurrent_first_fetches_translate_once(
    app: Flask, runtime: Runtime, publisher: dict[str, str]
) -> None:
    counting = CountingTranslator(runtime.translator, delay=0.3)
    runtime.__dict__["articles"] = ArticleService(
        runtime.database, counting.factory(), runtime.catalogs, runtime.settings.max_text_chars
    )
    app.test_client().post("/api/v1/articles", json=SMALL | {"id": "c"}, headers=publisher)
    barrier = threading.Barrier(6)

    def fetch(_: int) -> dict[str, Any]:
        barrier.wait()
        return _get(app.test_client(), "/api/v1/articles/c?locale=zh-Hans")

    with ThreadPoolExecutor(6) as pool:
        bodies = list(pool.map(fetch, range(6)))
    assert counting.calls == 1
    assert all(body == bodies[0] for body in bodies)


def test_invalid_articles_get_field_errors(client: FlaskClient, publisher: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/articles", json={"title": 3, "body": "b", "x": 1}, headers=publisher
    )
    assert response.status_code == 422
    assert response.get_json()["fields"] == {"title": "must be a string", "x": "unknown field"}
    assert (
        client.post(
            "/api/v1/articles", data="[]", headers=publisher, content_type="application/json"
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/api/v1/articles", data="{", headers=publisher, content_type="application/json"
        ).status_code
        == 400
    )
    assert client.post("/api/v1/articles", data="t=1", headers=publisher).status_code == 415
    client.post("/api/v1/articles", json=SMALL | {"id": "dup"}, headers=publisher)
    assert (
        client.post("/api/v1/articles", json=SMALL | {"id": "dup"}, headers=publisher).status_code
        == 409
    )
    mismatch = client.put("/api/v1/articles/dup", json=SMALL | {"id": "other"}, headers=publisher)
    assert mismatch.status_code == 422 and "id" in mismatch.get_json()["fields"]
    assert client.put("/api/v1/articles/nope", json=SMALL, headers=publisher).status_code == 404


def test_list_in_a_locale_with_pages(client: FlaskClient, publisher: dict[str, str]) -> None:
    for day in (5, 6, 7):
        article = SMALL | {"id": f"d{day}", "published_at": f"2025-12-0{day}T08:00:00Z"}
        client.post("/api/v1/articles", json=article, headers=publisher)
    listed = _get(client, "/api/v1/articles?locale=zh-Hans&per_page=2")
    assert (listed["locale"], listed["total"], listed["pages"]) == ("zh-Hans", 3, 2)
    assert [a["id"] for a in listed["articles"]] == ["d7", "d6"]
    assert listed["articles"][0]["published_display"] == "2025年12月7日"
    assert listed["articles"][0]["url"] == "/api/v1/articles/d7?locale=zh-Hans"
    assert listed["articles"][0]["title"] == "演习恢复"
    second = _get(client, "/api/v1/articles?page=2&per_page=2", **{"Accept-Language": "en"})
    assert [a["id"] for a in second["articles"]] == ["d5"]
    for bad in ("page=0", "page=x", "per_page=101", "page=-1"):
        response = client.get(f"/api/v1/articles?{bad}")
        assert response.status_code == 400 and "error" in response.get_json()


def test_every_route_is_documented(app: Flask, client: FlaskClient) -> None:
    assert undocumented_routes(app) == []
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/articles"])
    assert {"get", "put", "delete"} <= set(paths["/api/v1/articles/{article_id}"])
    assert "get" in paths["/articles/{article_id}"]


def test_without_models_articles_are_served_as_is(settings: Settings, tmp_path: Path) -> None:
    """No model: the English part stays English, marked with how to install one; no 503."""
    app = make_app(settings.with_overrides(models_dir=tmp_path / "no-models"), tmp_path)
    storer(app)(SMALL | {"id": "m"})
    client = app.test_client()
    served = client.get("/api/v1/articles/m?locale=zh-Hans")
    assert served.status_code == 200
    body = served.get_json()
    assert "The army held drills." in body["body"]
    assert "mixlate models install en zh-Hans" in body["fields"]["body"]["untranslated"]["en"]
    assert client.get("/api/v1/articles?locale=zh-Hans").status_code == 200
    assert client.get("/api/v1/articles/m?locale=en").status_code == 400
    page = client.get("/articles/m?lang=zh-Hans")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "The army held drills." in page.get_data(as_text=True)
    app.extensions["mixlate"].close()
