"""LibreTranslate compatibility: shapes, codes and status codes, and a real client library."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.error import HTTPError

import pytest
from flask import Flask
from flask.testing import FlaskClient
from libretranslatepy import LibreTranslateAPI

from service.engine import Priority
from service.runtime import Runtime
from tests.support.servers import serve_in_thread


def test_translate_json_single(client: FlaskClient) -> None:
    response = client.post(
        "/translate", json={"q": "你好，世界。", "source": "auto", "target": "en"}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"translatedText", "detectedLanguage"}
    assert isinstance(body["translatedText"], str) and body["translatedText"]
    assert body["detectedLanguage"] == {"confidence": 100.0, "language": "zh"}


def test_translate_list_with_alternatives(client: FlaskClient) -> None:
    response = client.post(
        "/translate",
        json={"q": ["你好。", "Hello."], "source": "auto", "target": "zh", "alternatives": 2},
    )
    body = response.get_json()
    assert body["translatedText"][1] != "Hello."
    assert body["translatedText"][0] == "你好。"
    assert [d["language"] for d in body["detectedLanguage"]] == ["zh", "en"]
    kept, translated = body["alternatives"]
    assert kept == []  # nothing of it was translated
    assert 1 <= len(translated) <= 2
    assert body["translatedText"][1] not in translated


def test_the_door_reserves_for_the_alternatives_decode(
    client: FlaskClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = runtime.engine
    admitted: list[int] = []
    admitting = engine.admitting

    def recording(targets: Sequence[str], chars: int, priority: Priority) -> Any:
        admitted.append(chars)
        return admitting(targets, chars, priority)

    monkeypatch.setattr(engine, "admitting", recording)
    for alternatives in (0, 2):
        text = f"The minister met {alternatives} unions."
        response = client.post(
            "/translate",
            json={"q": text, "source": "en", "target": "zh", "alternatives": alternatives},
        )
        assert response.status_code == 200
    assert admitted == [len("The minister met 0 unions."), 2 * len("The minister met 2 unions.")]


def test_alternatives_keep_what_was_not_translated(client: FlaskClient) -> None:
    text = "今天很好。 The weather in Paris is lovely today."
    body = client.post(
        "/translate", json={"q": text, "source": "auto", "target": "zh", "alternatives": 3}
    ).get_json()
    assert body["alternatives"], "the beam of the test model has other hypotheses"
    for alternative in body["alternatives"]:
        assert alternative.startswith("今天很好。")
        assert alternative != body["translatedText"]


def test_translate_form_with_explicit_source_and_api_key(client: FlaskClient) -> None:
    response = client.post(
        "/translate", data={"q": "Hello.", "source": "en", "target": "zh-Hans", "api_key": "k"}
    )
    body = response.get_json()
    assert set(body) == {"translatedText"}


def test_translate_html(client: FlaskClient) -> None:
    response = client.post(
        "/translate", json={"q": "<b>你好</b>", "source": "zh", "target": "en", "format": "html"}
    )
    text = response.get_json()["translatedText"]
    assert text.startswith("<b>") and text.endswith("</b>")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"source": "en", "target": "zh"}, "Invalid request: missing q parameter"),
        ({"q": "", "source": "en", "target": "zh"}, "Invalid request: missing q parameter"),
        ({"q": "hi", "target": "zh"}, "Invalid request: missing source parameter"),
        ({"q": "hi", "source": "en"}, "Invalid request: missing target parameter"),
        ({"q": "hi", "source": "en", "target": "xx"}, "xx is not supported"),
        ({"q": "hi", "source": "qq", "target": "zh"}, "qq is not supported"),
        ({"q": "hi", "source": "en", "target": "de"}, "de is not supported"),
        (
            {"q": "hi", "source": "en", "target": "zh", "format": "xml"},
            "xml format is not supported",
        ),
        (
            {"q": "hi", "source": "en", "target": "zh", "alternatives": "many"},
            "Invalid request: alternatives parameter is not a number",
        ),
        (
            {"q": "こんにちは", "source": "ja", "target": "fr"},
            "French (fr) is not available as a target language from Japanese (ja)",
        ),
    ],
)
def test_translate_errors(client: FlaskClient, params: dict, message: str) -> None:
    response = client.post("/translate", data=params)
    assert response.status_code == 400
    assert response.get_json() == {"error": message}


def test_text_limit(client: FlaskClient) -> None:
    response = client.post("/translate", json={"q": "x" * 20_001, "source": "en", "target": "zh"})
    assert response.status_code == 413
    assert "exceeds text limit" in response.get_json()["error"]


@pytest.mark.parametrize("endpoint", ["/translate", "/detect"])
def test_limits_count_every_item(app: Flask, client: FlaskClient, endpoint: str) -> None:
    """A list of short items cannot cost more than one long text: the total is checked."""
    settings = app.extensions["mixlate"].settings
    chars, items = settings.max_text_chars, settings.max_batch_texts
    many_short = ["x" * (chars // 10 + 1)] * 10
    body = client.post(endpoint, json={"q": many_short, "source": "en", "target": "zh"})
    assert body.status_code == 413
    assert f"({chars})" in body.get_json()["error"]
    params = {"q": ["x"] * (items + 1), "source": "en", "target": "zh"}
    too_many = client.post(endpoint, json=params)
    assert too_many.status_code == 413
    assert f"({items})" in too_many.get_json()["error"]


def test_malformed_json_is_a_400(client: FlaskClient) -> None:
    response = client.post("/translate", data="{oops", content_type="application/json")
    assert response.status_code == 400


def test_detect(client: FlaskClient) -> None:
    body = client.post("/detect", data={"q": "Hello world, this is English. 你好。"}).get_json()
    assert body[0]["language"] == "en"
    assert {entry["language"] for entry in body} == {"en", "zh"}
    assert all(0 < entry["confidence"] <= 100 for entry in body)
    assert client.post("/detect", data={}).status_code == 400


def test_languages(client: FlaskClient) -> None:
    body = client.get("/languages").get_json()
    by_code = {entry["code"]: entry for entry in body}
    assert {"en", "zh", "zt"} <= set(by_code)
    assert "fr" in by_code["zh"]["targets"]  # through the English pivot
    assert "zt" in by_code["en"]["targets"]  # en→zh then OpenCC
    assert by_code["en"]["name"] == "English"


def test_a_libretranslate_client_library_works_unchanged(app: Flask) -> None:
    with serve_in_thread(app) as url:
        client = LibreTranslateAPI(url, api_key="anything")
        assert client.translate("Hello there.", "en", "zh")
        assert client.translate("你好。", "zh", "en")
        assert client.detect("你好，世界。")[0]["language"] == "zh"
        assert {lang["code"] for lang in client.languages()} >= {"en", "zh"}
        with pytest.raises(HTTPError) as error:
            client.translate("Hello", "en", "xx")
        assert error.value.code == 400
