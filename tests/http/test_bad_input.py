"""Every class of malformed input gets a JSON 4xx naming the problem, never a 500.

One test per class of the Reliability table in the README; pages get the HTML error page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from odf.opendocument import OpenDocumentText
from odf.text import P, S

from service.known.memory import MemoryUnit
from tests.articles.sample_page import sample_article
from tests.support.apps import AppFactory

TRANSLATE = {"q": "Hello", "source": "en", "target": "zh"}
DEEP = "[" * 10_000 + "]" * 10_000


def _post_raw(client: FlaskClient, url: str, body: str) -> tuple[int, dict]:
    response = client.post(url, data=body, content_type="application/json")
    assert response.is_json, response.get_data()[:200]
    return response.status_code, response.get_json()


@pytest.mark.parametrize("url", ["/api/v1/detect", "/api/v1/translate", "/translate", "/detect"])
@pytest.mark.parametrize(
    ("body", "says"),
    [
        (DEEP, "JSON"),
        ('{"a":' * 10_000 + "1" + "}" * 10_000, "JSON"),
        ('{"text": "\\ud800", "q": "\\udfff", "target": "en"}', "surrogate"),
        ('{"text": "x", "q": "x", "source": "en", "target": "zh", "n": NaN}', "finite"),
        ('{"text": "x", "q": "x", "source": "en", "target": "zh", "n": 1e400}', "finite"),
    ],
)
def test_malformed_json_is_a_400(client: FlaskClient, url: str, body: str, says: str) -> None:
    status, error = _post_raw(client, url, body)
    assert status == 400
    assert says in error["error"]


def test_every_json_operation_refuses_a_deep_body(app_factory: AppFactory) -> None:
    app = app_factory(suggestions=True)  # else /suggest refuses before it reads
    client = app.test_client()
    admin = {"Authorization": f"Bearer {app.extensions['mixlate'].tokens.create('a', 'admin')}"}
    article = sample_article()
    assert client.post("/api/v1/articles", json=article, headers=admin).status_code == 201
    # Real path values and ETag, so that no 404 or 412 answers before the body is read.
    values = {"article_id": article["id"], "locale": "zh-Hans"}
    headers = {**admin, "If-Match": _etag(client)}
    document = client.get("/api/v1/openapi.json").get_json()
    operations = [
        (method.upper(), path)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
    ]
    assert {("POST", "/api/v1/glossary"), ("POST", "/api/v1/memory")} <= set(operations)
    answers = {}
    for method, path in operations:
        url = re.sub(r"\{(\w+)\}", lambda m: values.get(m[1], "1"), path)
        response = client.open(
            url, method=method, data=DEEP, content_type="application/json", headers=headers
        )
        answers[f"{method} {path}"] = (response.status_code, response.get_json()["error"])
    refused = (400, "The JSON body is nested deeper than 32 levels")
    assert {op: answer for op, answer in answers.items() if answer != refused} == {}


_HUGE = "9" * 5000  # over Python's 4,300-digit limit on int()


@pytest.mark.parametrize(
    "value",
    ["Infinity", "1e400", '"many"', "-1", "4", "11", "true", "2.5", f'"{_HUGE}"', '"²"'],
)
def test_alternatives_must_be_a_small_whole_number(client: FlaskClient, value: str) -> None:
    body = '{"q": "Hello", "source": "en", "target": "zh", "alternatives": ' + value + "}"
    status, error = _post_raw(client, "/translate", body)
    assert status == 400
    assert "alternatives" in error["error"]


@pytest.mark.parametrize("value", ["4", _HUGE, "²"])
def test_alternatives_in_a_form_too(client: FlaskClient, value: str) -> None:
    params = {"q": "Hello", "source": "en", "target": "zh", "alternatives": value}
    response = client.post("/translate", data=params)
    assert response.status_code == 400
    assert "alternatives" in response.get_json()["error"]


def test_more_alternatives_than_the_limit_are_refused_as_libretranslate_words_it(
    client: FlaskClient,
) -> None:
    response = client.post(
        "/translate", json={"q": "Hello", "source": "en", "target": "zh", "alternatives": 4}
    )
    assert response.get_json() == {"error": "Invalid request: alternatives parameter must be <= 3"}


@pytest.mark.parametrize("count", ["²", "9" * 5000, "1000"])
def test_odt_space_counts_are_bounded(client: FlaskClient, count: str) -> None:
    document = OpenDocumentText()
    paragraph = P(text="Hello")
    paragraph.addElement(S(c=count))
    paragraph.addText("world.")
    document.text.addElement(paragraph)
    odt = io.BytesIO()
    document.write(odt)
    form = {**TRANSLATE, "file": (io.BytesIO(odt.getvalue()), "spaces.odt")}
    response = client.post("/translate_file", data=form, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data()[:200]


@pytest.mark.parametrize("field", ["target", "source"])
@pytest.mark.parametrize("value", [["zh"], 5, {"x": 1}, True])
def test_languages_must_be_strings(client: FlaskClient, field: str, value: object) -> None:
    libre = client.post("/translate", json={**TRANSLATE, field: value})
    assert libre.status_code == 400 and field in libre.get_json()["error"]
    own = client.post("/api/v1/translate", json={"text": "Hello", "target": "en", field: value})
    assert own.status_code == 400 and field in own.get_json()["error"]


@pytest.mark.parametrize("published", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"])
def test_published_at_at_the_datetime_limits(
    client: FlaskClient, admin: dict[str, str], published: str
) -> None:
    body = {"title": "T", "body": "B", "published_at": published}
    response = client.post("/api/v1/articles", json=body, headers=admin)
    assert response.status_code == 422
    assert "published_at" in response.get_json()["fields"]


@pytest.mark.parametrize("url", ["http://[::1", "http://[x]/"])
@pytest.mark.parametrize(
    ("fields", "named"),
    [
        (lambda url: {"source_url": url}, "source_url"),
        (lambda url: {"images": [{"url": url}]}, "images[0].url"),
        (lambda url: {"related": [{"title": "a", "url": url}]}, "related[0].url"),
    ],
)
def test_urls_urlsplit_refuses_are_invalid_fields(
    client: FlaskClient,
    admin: dict[str, str],
    url: str,
    fields: Callable[[str], dict],
    named: str,
) -> None:
    article = {"title": "T", "body": "B", **fields(url)}
    response = client.post("/api/v1/articles", json=article, headers=admin)
    assert response.status_code == 422
    assert "absolute http" in response.get_json()["fields"][named]
    job = {"article": "x", "targets": ["zh"], "callback_url": url}
    response = client.post("/api/v1/jobs", json=job, headers=admin)
    assert response.status_code == 422
    assert "absolute http" in response.get_json()["fields"]["callback_url"]


@pytest.mark.parametrize("value", ["²", "１", "٣", "9" * 30, "9" * 5000, "0", "-1", "1.0"])
def test_query_numbers_are_ascii_and_bounded(
    client: FlaskClient, admin: dict[str, str], value: str
) -> None:
    for url in ("/api/v1/articles?page=", "/api/v1/catalogs/zh-Hans/history?before="):
        response = client.get(url + value, headers=admin)
        assert response.status_code == 400, url
        assert response.get_json()["parameter"] in url


@pytest.mark.parametrize("number", [str(2**63), "9" * 30, "9" * 5000, "٣"])
def test_path_integers_beyond_64_bits_are_404(
    client: FlaskClient, admin: dict[str, str], number: str
) -> None:
    response = client.post(f"/api/v1/catalogs/zh-Hans/history/{number}/revert", headers=admin)
    assert response.status_code == 404 and response.is_json
    # Not 405: the path has rules for other methods, but names nothing for any of them.
    for method in ("GET", "PUT", "DELETE"):
        response = client.open(f"/api/v1/glossary/{number}", method=method, json={}, headers=admin)
        assert response.status_code == 404 and response.is_json, method


def _etag(client: FlaskClient) -> str:
    return client.get("/api/v1/catalogs/zh-Hans").headers["ETag"]


def _po(charset: str) -> bytes:
    header = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\n'
    return header.encode() + b'msgid "Skip to content"\nmsgstr ""\n'


@pytest.mark.parametrize("charset", ["klingon", "base64"])
def test_catalog_po_with_an_unknown_or_binary_charset_is_refused(
    client: FlaskClient, admin: dict[str, str], charset: str
) -> None:
    response = client.post(
        "/api/v1/catalogs/zh-Hans/import",
        data=_po(charset),
        content_type="text/x-gettext-translation",
        headers={**admin, "If-Match": _etag(client)},
    )
    assert response.status_code == 422
    assert charset in response.get_json()["error"]


# idna reads ASCII but cannot write a translation back, not even escaped.
@pytest.mark.parametrize("charset", ["klingon", "base64", "idna"])
@pytest.mark.parametrize("url", ["/translate_file", "/api/v1/files"])
def test_po_document_with_an_unusable_charset_is_refused(
    client: FlaskClient, admin: dict[str, str], url: str, charset: str
) -> None:
    form = {**TRANSLATE, "file": (io.BytesIO(_po(charset)), "messages.po")}
    response = client.post(url, data=form, content_type="multipart/form-data", headers=admin)
    assert response.status_code == 400
    assert set(response.get_json()) == {"error"}  # LibreTranslate's shape, and the API's
    assert charset in response.get_json()["error"]


@pytest.mark.parametrize("encoding", ["klingon", "base64", "utf-32"])
def test_xliff_declaring_an_unusable_encoding_is_refused(
    client: FlaskClient, admin: dict[str, str], encoding: str
) -> None:
    xliff = f'<?xml version="1.0" encoding="{encoding}"?><xliff version="1.2"/>'.encode()
    response = client.post(
        "/api/v1/catalogs/zh-Hans/import",
        data=xliff,
        content_type="application/x-xliff+xml",
        headers={**admin, "If-Match": _etag(client)},
    )
    assert response.status_code == 422
    assert "encoding" in response.get_json()["error"]


def test_xliff_with_deeply_nested_groups_is_refused(
    client: FlaskClient, admin: dict[str, str]
) -> None:
    unit = b'<trans-unit id="1"><source>Skip to content</source><target>x</target></trans-unit>'
    xliff = (
        b'<?xml version="1.0"?><xliff version="1.2" '
        b'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" '
        b'target-language="zh-Hans" datatype="plaintext" original="m"><body>'
        + b"<group>" * 1500
        + unit
        + b"</group>" * 1500
        + b"</body></file></xliff>"
    )
    headers = {**admin, "If-Match": _etag(client)}
    response = client.post(
        "/api/v1/catalogs/zh-Hans/import",
        data=xliff,
        content_type="application/x-xliff+xml",
        headers=headers,
    )
    assert response.status_code == 422
    assert "nested" in response.get_json()["error"]


def test_pages_answer_errors_with_the_html_error_page(client: FlaskClient) -> None:
    missing = client.get("/articles/no-such-article")
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    assert "<html" in missing.get_data(as_text=True)
    unrouted = client.get("/no/such/page", headers={"Accept": "text/html"})
    assert unrouted.status_code == 404 and unrouted.mimetype == "text/html"
    api = client.get("/api/v1/no/such/thing", headers={"Accept": "text/html"})
    assert api.status_code == 404 and api.is_json


def test_a_bug_is_a_logged_json_500_without_details(client: FlaskClient, app) -> None:  # noqa: ANN001
    def broken() -> None:
        raise RuntimeError("secret internals")

    app.add_url_rule("/api/v1/broken", "broken", broken)
    response = client.get("/api/v1/broken")
    assert response.status_code == 500
    assert "secret" not in response.get_json()["error"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/glossary/export?format=",
        "/api/v1/catalogs/zh-Hans/export?format=",
        "/api/v1/catalogs/zh-Hans?state=",
        "/api/v1/suggestions?state=",
    ],
)
def test_an_empty_enum_parameter_is_refused(
    client: FlaskClient, admin: dict[str, str], url: str
) -> None:
    # The document lists the values; "" is none of them (absent means the default).
    response = client.get(url, headers=admin)
    assert response.status_code == 400 and response.is_json


_NOT_IN_XML = ["a\x00b", "a\x01b", "a\x0bb", "a\ufffeb", "a\uffffb"]


@pytest.mark.parametrize("text", _NOT_IN_XML, ids=repr)
def test_stored_texts_hold_nothing_an_export_cannot_write(
    app_factory: AppFactory, text: str
) -> None:
    """A unit, an entry or a translation that TMX, TBX or XLIFF cannot carry is refused, so
    every export keeps working and reads back in."""
    app = app_factory(suggestions=True)
    client = app.test_client()
    tokens = app.extensions["mixlate"].tokens
    localizer = {"Authorization": f"Bearer {tokens.create('l', 'localizer')}"}
    editor = {"Authorization": f"Bearer {tokens.create('e', 'editor')}"}
    unit = {"source": "en", "target": "zh", "source_text": text, "target_text": "好"}
    assert client.post("/api/v1/memory", json=unit, headers=localizer).status_code == 422
    entry = {"source": "en", "term": text, "target": "zh", "translation": "好"}
    assert client.post("/api/v1/glossary", json=entry, headers=localizer).status_code == 422
    edit = {"entries": [{"msgid": "Skip to content", "msgstr": f"跳到正文{text}"}]}
    written = client.put(
        "/api/v1/catalogs/zh-Hans/entries",
        json=edit,
        headers={**localizer, "If-Match": _etag(client)},
    )
    assert written.status_code == 422
    suggested = client.post("/suggest", json={"q": text, "s": "好", "source": "en", "target": "zh"})
    assert suggested.status_code == 400
    client.post("/suggest", json={"q": "Good.", "s": "好。", "source": "en", "target": "zh"})
    (pending,) = client.get("/api/v1/suggestions", headers=editor).get_json()["suggestions"]
    url = f"/api/v1/suggestions/{pending['id']}/accept"
    refused = client.post(url, json={"s": f"好{text}"}, headers=editor)
    assert refused.status_code == 422 and refused.get_json()["id"] == pending["id"]
    assert client.get("/api/v1/memory", headers=editor).get_json()["units"] == []
    for export in (
        "/api/v1/memory/export",
        "/api/v1/glossary/export?format=tbx",
        "/api/v1/catalogs/zh-Hans/export?format=xliff",
    ):
        assert client.get(export, headers=editor).status_code == 200, export


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a " * 3000, "s": "b"},  # longer than a memory unit may be
        {"q": "   ", "s": "b"},
        {"q": "Good.", "s": "Fine.", "target": "en"},  # into its own language
    ],
    ids=["too long", "blank", "same language"],
)
def test_a_suggestion_that_could_not_become_a_memory_unit_is_refused(
    app_factory: AppFactory, params: dict
) -> None:
    client = app_factory(suggestions=True).test_client()
    response = client.post("/suggest", json={"source": "en", "target": "zh", **params})
    assert response.status_code == 400
    assert response.get_json()["error"].startswith("Invalid request: ")


def test_texts_stored_before_the_rule_still_export(app_factory: AppFactory) -> None:
    """What an older version stored unchecked is written with U+FFFD, never a 500."""
    app = app_factory()
    runtime = app.extensions["mixlate"]
    runtime.memory.add([MemoryUnit("en", "zh", "a\x01b", "好\ufffe", "import", "old")])
    exported = app.test_client().get("/api/v1/memory/export")
    assert exported.status_code == 200
    assert "a\ufffdb" in exported.get_data(as_text=True)
