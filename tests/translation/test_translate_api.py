"""``/api/v1/translate`` end to end on the real test models (gibberish output, real structure)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from service.runtime import Runtime
from tests.support.samples import sample_page_text, unbroken_text


@pytest.fixture
def sample_text() -> str:
    return sample_page_text()


def _translate(client: FlaskClient, **body: object) -> dict:
    response = client.post("/api/v1/translate", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _check_segment_map(text: str, body: dict) -> None:
    output = body["translation"]
    position = 0
    for segment in body["segments"]:
        assert segment["start"] >= position
        position = segment["end"]
        piece = output[segment["output_start"] : segment["output_end"]]
        original = text[segment["start"] : segment["end"]]
        if segment["action"] == "kept":
            assert piece == original
        else:
            assert piece and piece != original


@pytest.mark.parametrize("target", ["en", "zh-Hans", "zh-Hant", "fr"])
def test_sample_page_keeps_what_is_in_the_target(
    client: FlaskClient, sample_text: str, target: str
) -> None:
    body = _translate(client, text=sample_text, target=target)
    assert body["target"] == target
    _check_segment_map(sample_text, body)
    actions = {s["action"] for s in body["segments"]}
    if target == "en":
        assert actions == {"kept", "translated", "catalog"}
        assert body["translation"].startswith("South Korean officials discuss potential")
        assert "AI-generated image" in body["translation"]
    if target == "zh-Hans":
        assert "kept" in actions and "translated" in actions
        assert "AI 生成的图像" in body["translation"]
    if target == "zh-Hant":
        assert actions == {"converted", "catalog", "translated"}
    if target == "fr":
        assert "kept" not in actions


def test_paragraph_breaks_and_shape_are_kept(client: FlaskClient, sample_text: str) -> None:
    body = _translate(client, text=sample_text, target="en")
    assert body["translation"].count("\n") == sample_text.count("\n")


def test_one_model_call_per_pair_for_a_whole_batch(client: FlaskClient, runtime: Runtime) -> None:
    texts = [
        "韩国统一部周一驳斥了一则报道。",
        "中国国家主席会晤韩国总统。",
        "Hello there, friend.",
        "你好。",
    ]
    before = runtime.engine.stats.model_calls
    body = _translate(client, texts=texts, target="fr")
    assert len(body["translations"]) == 4
    assert len(body["segments"]) == 4
    # zh→en, then en→fr for both the pivoted Chinese and the English text: two batches.
    assert runtime.engine.stats.model_calls - before == 2


def test_repeat_requests_are_served_from_the_cache(client: FlaskClient, runtime: Runtime) -> None:
    text = "韩国与美国周二在首尔启动了首次朝鲜政策磋商会议。该会议由外交部主导。"
    first = _translate(client, text=text, target="en")
    calls = runtime.engine.stats.model_calls
    second = _translate(client, text=text, target="en")
    assert second == first
    assert runtime.engine.stats.model_calls == calls


def test_protected_spans_come_back_unchanged(client: FlaskClient) -> None:
    text = (
        "请访问 https://example.com/a?b=1 或写信给 news@example.com 了解 {count} 个 %(name)s 详情。"
    )
    body = _translate(client, text=text, target="en")
    for span in ("https://example.com/a?b=1", "news@example.com", "{count}", "%(name)s"):
        assert span in body["translation"]


def test_html_keeps_markup_and_skipped_elements(client: FlaskClient) -> None:
    html = (
        '<p class="lead">韩国与美国周二在首尔启动了<b>首次</b>磋商会议。</p>'
        '<img src="a.png" alt="AI 生成的图像">'
        "<script>var s = '中文 </p>';</script><code>代码</code>"
        '<p translate="no">不要翻译</p><p>Already English &amp; fine.</p>'
    )
    body = _translate(client, text=html, target="en", format="html")
    out = body["translation"]
    assert out.startswith('<p class="lead">') and "<b>" in out and "</b>" in out
    assert 'alt="AI-generated image"' in out
    assert "<script>var s = '中文 </p>';</script><code>代码</code>" in out
    assert '<p translate="no">不要翻译</p><p>Already English &amp; fine.</p>' in out
    assert "首次" not in out


def test_html_in_the_target_is_returned_identically(client: FlaskClient) -> None:
    html = "<div><p>Hello <a href='x'>world</a>!</p><!-- c --></div>"
    assert _translate(client, text=html, target="en", format="html")["translation"] == html


@pytest.mark.parametrize(
    "html", ["<p>未闭合的<b>标签", "</div></div>中文<", "<<<>>>&&&", "<p title='未闭合>中文"]
)
def test_malformed_html_never_fails(client: FlaskClient, html: str) -> None:
    response = client.post(
        "/api/v1/translate", json={"text": html, "target": "en", "format": "html"}
    )
    assert response.status_code == 200


def test_simplified_to_traditional_needs_no_model(client: FlaskClient, runtime: Runtime) -> None:
    before = runtime.engine.stats.model_calls
    body = _translate(client, text="这个软件的鼠标很好用。", target="zh-TW")
    assert body["translation"] == "這個軟體的滑鼠很好用。"
    assert body["target"] == "zh-Hant"
    assert runtime.engine.stats.model_calls == before
    hk = _translate(client, text="这个软件的鼠标很好用。", target="zh-HK")
    assert hk["translation"] != body["translation"]


@pytest.mark.parametrize("text", ["12345 !!! 2025", "Привет, мир.", "🎉🎉"])
def test_text_of_no_known_language_is_kept(client: FlaskClient, text: str) -> None:
    body = _translate(client, text=text, target="zh-Hans")
    assert body["translation"] == text
    assert {s["action"] for s in body["segments"]} <= {"kept"}


def test_forced_source(client: FlaskClient) -> None:
    body = _translate(client, text="Hello world.", target="zh-Hans", source="en")
    assert body["segments"][0]["action"] == "translated"


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        ({"text": "hi", "target": "xx-nope"}, 400, "xx-nope"),
        ({"text": "hi", "target": "de"}, 400, "de"),
        ({"text": "hi"}, 400, "target"),
        ({"target": "en"}, 400, "text"),
        ({"text": 5, "target": "en"}, 400, "text"),
        ({"texts": "x", "target": "en"}, 400, "texts"),
        ({"text": "a", "texts": ["b"], "target": "en"}, 400, "either"),
        ({"text": "hi", "target": "en", "format": "pdf"}, 400, "format"),
        ({"text": "x" * 20_001, "target": "zh-Hans"}, 413, "limit"),
        ({"texts": ["x"] * 201, "target": "zh-Hans"}, 413, "limit"),
        ({"text": "こんにちは、世界。", "target": "fr"}, 503, "mixlate models install ja fr"),
    ],
)
def test_bad_requests_get_clear_json_errors(
    client: FlaskClient, body: dict, status: int, needle: str
) -> None:
    response = client.post("/api/v1/translate", json=body)
    assert response.status_code == status
    payload = response.get_json()
    assert needle in payload["error"] or needle in str(payload)


def test_wrong_content_type_and_malformed_json(client: FlaskClient) -> None:
    assert client.post("/api/v1/translate", data="text=hi").status_code == 415
    response = client.post("/api/v1/translate", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.get_json()["error"]
    response = client.post("/api/v1/translate", json=["a list"])
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("code", "words", "sep", "target"),
    [("en", 1500, " ", "zh-Hans"), ("zh", 800, "", "en"), ("zh", 800, "", "fr")],
    ids=["unpunctuated English", "Chinese without breaks", "Chinese through English"],
)
@pytest.mark.parametrize("door", ["api", "libretranslate"])
def test_a_unit_longer_than_the_model_is_translated_whole_over_http(
    client: FlaskClient, code: str, words: int, sep: str, target: str, door: str
) -> None:
    """One sentence of more tokens than the model has positions: split, decoded, joined."""
    text = unbroken_text(code, words, sep)
    if door == "api":
        body = _translate(client, text=text, target=target)
        translation = body["translation"]
        assert [segment["action"] for segment in body["segments"]] == ["translated"]
    else:
        response = client.post(
            "/translate", json={"q": text, "source": "auto", "target": target, "alternatives": 1}
        )
        assert response.status_code == 200, response.get_json()
        translation = response.get_json()["translatedText"]
    assert translation.strip() and translation != text
    # Nothing truncated: the output grows with the input (the test models echo its length).
    assert len(translation) > len(text) // 4
