"""LibreTranslate's own API test suite, rewritten against a live Mixlate server.

Each test mirrors a check of ``libretranslate/tests/test_api`` (health, spec, frontend
settings, languages, translate, detect, the methods it refuses), sent over real HTTP to a
server on 127.0.0.1. The test models translate zh→en, en→zh and en→fr (``es`` in
LibreTranslate's suite becomes ``fr``); their outputs are gibberish, so shapes are asserted.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from flask import Flask

from tests.support.servers import serve_in_thread


@pytest.fixture
def url(app: Flask) -> Iterator[str]:
    with serve_in_thread(app) as base:
        yield base


def test_health(url: str) -> None:
    response = requests.get(f"{url}/health", timeout=30)
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/health"),
        ("post", "/spec"),
        ("post", "/languages"),
        ("get", "/detect"),
        ("get", "/translate"),
        ("post", "/frontend/settings"),
    ],
)
def test_refused_methods_are_405(url: str, method: str, path: str) -> None:
    response = requests.request(method, f"{url}{path}", timeout=30)
    assert response.status_code == 405
    assert "error" in response.json()


def test_spec_documents_the_libretranslate_endpoints(url: str) -> None:
    spec = requests.get(f"{url}/spec", timeout=30).json()
    assert {"/translate", "/detect", "/languages", "/health", "/frontend/settings"} <= set(
        spec["paths"]
    )
    assert not any(path.startswith("/api/v1/catalogs") for path in spec["paths"])


def test_frontend_settings(url: str) -> None:
    settings = requests.get(f"{url}/frontend/settings", timeout=30).json()
    assert settings["charLimit"] > 0
    assert settings["apiKeys"] is False and settings["keyRequired"] is False
    assert settings["suggestions"] is False
    assert settings["language"]["source"]["code"] == "auto"
    assert settings["language"]["target"]["code"] == "en"
    assert isinstance(settings["supportedFilesFormat"], list)


def test_languages_list_their_targets(url: str) -> None:
    languages = {entry["code"]: entry for entry in requests.get(f"{url}/languages").json()}
    assert "fr" in languages["en"]["targets"]
    assert all(isinstance(entry["name"], str) for entry in languages.values())


def test_translate(url: str) -> None:
    response = requests.post(
        f"{url}/translate", data={"q": "Hello", "source": "en", "target": "fr"}, timeout=60
    )
    assert response.status_code == 200 and isinstance(response.json()["translatedText"], str)


def test_translate_batch(url: str) -> None:
    body = {"q": ["Hello", "World"], "source": "en", "target": "fr", "format": "text"}
    translated = requests.post(f"{url}/translate", json=body, timeout=60).json()
    assert isinstance(translated["translatedText"], list)
    assert len(translated["translatedText"]) == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "Hello", "source": "en", "target": "zz"}, "zz is not supported"),
        ({"source": "en", "target": "fr"}, "Invalid request: missing q parameter"),
        ({"q": "Hello", "target": "fr"}, "Invalid request: missing source parameter"),
        ({"q": "Hello", "source": "en"}, "Invalid request: missing target parameter"),
        (
            {"q": "Hello", "source": "en", "target": "fr", "format": "xml"},
            "xml format is not supported",
        ),
        (
            {"q": "Hello", "source": "en", "target": "fr", "alternatives": "abc"},
            "Invalid request: alternatives parameter is not a number",
        ),
        ({"q": "Hello", "source": "zz", "target": "fr"}, "zz is not supported"),
    ],
)
def test_translate_errors_in_libretranslate_words(url: str, params: dict, message: str) -> None:
    response = requests.post(f"{url}/translate", data=params, timeout=30)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_translate_empty_batch_and_non_object_json(url: str) -> None:
    empty = requests.post(f"{url}/translate", json={"q": [], "source": "en", "target": "fr"})
    assert empty.json() == {"error": "Invalid request: missing q parameter"}
    not_object = requests.post(f"{url}/translate", json=["not", "a", "dict"], timeout=30)
    assert not_object.status_code == 400 and not_object.json() == {"error": "Invalid JSON format"}


def test_translate_auto_detects_per_item(url: str) -> None:
    body = {
        "q": ["Hello there, how are you today?", "今天天气很好。"],
        "source": "auto",
        "target": "fr",
    }
    detected = requests.post(f"{url}/translate", json=body, timeout=60).json()["detectedLanguage"]
    assert [d["language"] for d in detected] == ["en", "zh"]
    assert all(d["confidence"] > 0 for d in detected)


def test_translate_html_and_untranslatable(url: str) -> None:
    html = requests.post(
        f"{url}/translate",
        data={"q": "<p>Hello</p>", "source": "en", "target": "fr", "format": "html"},
        timeout=60,
    ).json()["translatedText"]
    assert html.startswith("<p>") and html.endswith("</p>")
    emoji = requests.post(
        f"{url}/translate", json={"q": ["😀", "😁"], "source": "en", "target": "fr"}, timeout=30
    )
    assert emoji.json()["translatedText"] == ["😀", "😁"]


def test_detect(url: str) -> None:
    single = requests.post(f"{url}/detect", data={"q": "Hello"}, timeout=30).json()
    assert {"confidence", "language"} <= set(single[0])
    assert requests.post(f"{url}/detect", timeout=30).status_code == 400


def test_detect_answers_each_item_of_a_list(url: str) -> None:
    body = {"q": ["This is an English sentence", "这是一个中文句子。"]}
    answers = requests.post(f"{url}/detect", json=body, timeout=30).json()
    assert len(answers) == 2
    assert answers[0][0]["language"] == "en" and answers[1][0]["language"] == "zh"
