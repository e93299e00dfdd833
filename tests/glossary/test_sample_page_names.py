"""The sample page's names through the real test models: every occurrence comes out as its entry.

The test models write gibberish, so they never produce a name themselves: each name in the
output is either kept from text already in the target or put there by the glossary. The
counts are exact: output occurrences = occurrences already in the target language + the
occurrences of the term in the other language, and each of those is reported in ``terms``.
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from service.translation.chinese_script import convert_script
from tests.glossary.conftest import NAMES, Headers, name_entries
from tests.support.samples import sample_page_text

DO_NOT_TRANSLATE = {"source": "en", "term": "U.S.", "target": "zh-Hans", "do_not_translate": True}


def _translate(client: FlaskClient, text: str, target: str) -> dict:
    response = client.post("/api/v1/translate", json={"text": text, "target": target})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.fixture
def glossary(client: FlaskClient, localizer: Headers) -> None:
    response = client.post(
        "/api/v1/glossary", json=name_entries() + [DO_NOT_TRANSLATE], headers=localizer
    )
    assert response.status_code == 201


@pytest.mark.usefixtures("glossary")
@pytest.mark.parametrize("target", ["en", "zh-Hans", "zh-Hant"])
def test_every_name_comes_out_as_its_entry(client: FlaskClient, target: str) -> None:
    text = sample_page_text()
    body = _translate(client, text, target)
    output = body["translation"]
    used = [term for segment in body["segments"] for term in segment.get("terms", [])]
    total = 0
    for chinese, english in NAMES:
        if target == "en":
            expected, other = english, chinese
        else:
            expected = convert_script(chinese, "zh-Hans", target)
            other = english
        occurrences = text.count(other)
        # Chinese text is converted (not translated) into zh-Hant: OpenCC gives the same form.
        already = text.count(chinese) if target != "en" else text.count(english)
        assert output.count(expected) == already + occurrences, (expected, target)
        assert output.count(other) == 0 or other == expected
        assert sum(1 for u in used if u["translation"] == expected) == occurrences
        total += occurrences
    assert len(used) >= total > 0
    for term in used:
        assert text[term["start"] : term["end"]].lower() == term["term"].lower()


@pytest.mark.usefixtures("glossary")
def test_do_not_translate_terms_are_unchanged(client: FlaskClient) -> None:
    text = sample_page_text()
    body = _translate(client, text, "zh-Hans")
    assert body["translation"].count("U.S.") == text.count("U.S.") > 0


@pytest.mark.usefixtures("glossary")
def test_html_and_libretranslate_use_the_glossary(client: FlaskClient) -> None:
    html = "<p>总统<b>李在明</b>访问了平壤。</p>"
    response = client.post(
        "/api/v1/translate", json={"text": html, "target": "en", "format": "html"}
    )
    output = response.get_json()["translation"]
    assert "<b>Lee Jae Myung</b>" in output and "Pyongyang" in output
    query = {"q": "李在明访问了平壤。", "source": "zh", "target": "en"}
    libre = client.post("/translate", json=query)
    assert libre.status_code == 200
    translated = libre.get_json()["translatedText"]
    assert "Lee Jae Myung" in translated and "Pyongyang" in translated


def test_an_edit_takes_effect_on_the_next_request(client: FlaskClient, localizer: Headers) -> None:
    text = "李在明访问了平壤。"
    before = _translate(client, text, "en")["translation"]
    assert "Lee Jae Myung" not in before
    entry = {"source": "zh-Hans", "term": "李在明", "target": "en", "translation": "Lee Jae Myung"}
    (entry_id,) = client.post("/api/v1/glossary", json=entry, headers=localizer).get_json()["ids"]
    assert "Lee Jae Myung" in _translate(client, text, "en")["translation"]
    changed = dict(entry, translation="President Lee")
    client.put(f"/api/v1/glossary/{entry_id}", json=changed, headers=localizer)
    after = _translate(client, text, "en")["translation"]
    assert "President Lee" in after and "Lee Jae Myung" not in after
