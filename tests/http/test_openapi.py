"""The OpenAPI document says what the server does: statuses, content types, body shapes.

The fuzz test (``test_fuzz``) checks this at random; these are the cases it found wrong once,
checked on purpose.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask.testing import FlaskClient

import service.web

STATIC = Path(service.web.__file__).with_name("static")


@pytest.fixture
def document(client: FlaskClient) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").get_json()


def _response(document: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any]:
    return document["paths"][path][method]["responses"][str(status)]


def _json_schema(schema: Any) -> Any:
    """An OpenAPI 3.0 schema as JSON Schema: ``nullable`` becomes "or null"."""
    if isinstance(schema, list):
        return [_json_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: _json_schema(value) for key, value in schema.items() if key != "nullable"}
    return {"anyOf": [converted, {"type": "null"}]} if schema.get("nullable") else converted


def _check(document: dict[str, Any], path: str, method: str, response: Any) -> None:
    """``response`` has a documented status and content type, and its JSON body the schema."""
    documented = _response(document, path, method, response.status_code)
    content = documented["content"]
    assert response.mimetype in content, (path, response.status_code, response.mimetype)
    if response.is_json:
        schema = _json_schema(content[response.mimetype]["schema"])
        jsonschema.validate(response.get_json(), schema)


@pytest.mark.parametrize("asset", sorted(STATIC.rglob("*.*")), ids=lambda p: p.name)
def test_static_files_are_served_as_documented(
    client: FlaskClient, document: dict[str, Any], asset: Path
) -> None:
    relative = asset.relative_to(STATIC)
    folder = relative.parts[0] if len(relative.parts) > 1 else "web"
    name = relative.name if folder != "web" else str(relative)
    response = client.get(f"/static/{folder}/{name}")
    assert response.status_code == 200
    _check(document, f"/static/{folder}/{{filename}}", "get", response)


@pytest.mark.parametrize("name", ["a%0Ab", "%0A", "missing.css"])
def test_a_missing_static_file_is_the_html_404(
    client: FlaskClient, document: dict[str, Any], name: str
) -> None:
    # Static files are for pages, not API callers: whatever the Accept header, an HTML 404.
    response = client.get(f"/static/web/{name}", headers={"Accept": "application/json"})
    assert response.status_code == 404
    _check(document, "/static/web/{filename}", "get", response)
    assert response.mimetype == "text/html"


def test_translate_segments_are_documented_for_one_text_and_for_many(
    client: FlaskClient, document: dict[str, Any]
) -> None:
    one = client.post("/api/v1/translate", json={"text": "Hello", "target": "zh"})
    many = client.post("/api/v1/translate", json={"texts": ["Hello", "World"], "target": "zh"})
    assert one.status_code == many.status_code == 200
    assert isinstance(many.get_json()["segments"][0], list)
    for response in (one, many):
        _check(document, "/api/v1/translate", "post", response)
    schema = _response(document, "/api/v1/translate", "post", 200)["content"]
    swapped = {**one.get_json(), "segments": [one.get_json()["segments"]]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(swapped, _json_schema(schema["application/json"]["schema"]))


def test_translate_file_documents_its_async_answer(
    client: FlaskClient, document: dict[str, Any]
) -> None:
    form = {"source": "en", "target": "zh", "file": (io.BytesIO(b"Hello."), "hello.txt")}
    response = client.post(
        "/translate_file",
        data=form,
        content_type="multipart/form-data",
        headers={"Prefer": "respond-async"},
    )
    assert response.status_code == 202
    assert response.headers["Location"] == response.get_json()["url"]
    _check(document, "/translate_file", "post", response)
    parameters = document["paths"]["/translate_file"]["post"]["parameters"]
    assert {"name": "Prefer", "in": "header"}.items() <= parameters[0].items()


def _bounded_numbers(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, parameter["name"], parameter["schema"])
        for path, methods in document["paths"].items()
        for parameter in methods.get("get", {}).get("parameters", [])
        if parameter["in"] == "query" and parameter["schema"].get("type") == "integer"
    ]


def test_every_query_number_is_bounded_as_documented(
    client: FlaskClient, document: dict[str, Any], admin: dict[str, str]
) -> None:
    numbers = _bounded_numbers(document)
    paged = {path for path, name, _ in numbers if name in ("page", "per_page")}
    assert {"/api/v1/articles", "/api/v1/glossary", "/api/v1/memory"} <= paged
    assert "/api/v1/suggestions" in paged
    wrong = []
    for path, name, schema in numbers:
        assert {"minimum", "maximum"} <= schema.keys(), (path, name)
        url = path.replace("{locale}", "zh-Hans")
        required = "&text=Hello&target=zh" if path == "/api/v1/memory/matches" else ""
        low, high = schema["minimum"], schema["maximum"]
        for value, refused in ((low - 1, True), (low, False), (high, False), (high + 1, True)):
            response = client.get(f"{url}?{name}={value}{required}", headers=admin)
            if (response.status_code == 400) != refused:
                wrong.append((path, name, value, response.status_code))
    assert wrong == []
