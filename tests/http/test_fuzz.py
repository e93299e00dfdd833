"""Schemathesis against the live app's own OpenAPI document: no 5xx, and the document is true.

Every operation is fuzzed with a bounded number of generated requests (valid and invalid
bodies, parameters and headers) sent with an admin token; operations that need a token are
also tried without one and with a token of a role that may not use them. Each response must
not be a 5xx and must match the document: its status code, content type and body schema.
The app is a real one: test models, the sample article, a copy of the shipped catalogs.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.failures import ServerError

from service.config import Settings
from tests.articles.sample_page import sample_article
from tests.support.apps import make_app

EXAMPLES_PER_OPERATION = 12


def _retry_later(response: schemathesis.Response) -> bool:
    """A 503 the caller can act on: a model to install (named), or a queue to wait for."""
    if response.status_code != 503:
        return False
    if "Retry-After" in response.headers:
        return True
    try:
        return "install" in json.loads(response.content)
    except ValueError:
        return False


@schemathesis.check
def no_server_error(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """No 5xx, but for a 503 that says which model to install or when to retry."""
    if response.status_code >= 500 and not _retry_later(response):
        raise ServerError(
            operation=case.operation.label,
            status_code=response.status_code,
            message=response.content[:500].decode("utf-8", "replace"),
        )


CHECKS = [
    no_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture(scope="module")
def fuzzed_app(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    app = make_app(settings, tmp_path_factory.mktemp("fuzz"))
    runtime = app.extensions["mixlate"]
    admin = runtime.tokens.create("fuzz-admin", "admin")
    reader = runtime.tokens.create("fuzz-reader", "publisher")
    app.config["FUZZ_HEADERS"] = {"Authorization": f"Bearer {admin}"}
    app.config["FUZZ_WRONG_ROLE"] = {"Authorization": f"Bearer {reader}"}
    client = app.test_client()
    created = client.post(
        "/api/v1/articles", json=sample_article(), headers=app.config["FUZZ_HEADERS"]
    )
    assert created.status_code == 201
    return app


def _fuzz(operation: schemathesis.APIOperation, app: Flask) -> None:
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )
    secured = bool(operation.definition.raw.get("security"))

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=app.config["FUZZ_HEADERS"], checks=CHECKS)
        if secured:
            for headers in ({}, app.config["FUZZ_WRONG_ROLE"]):
                case.call_and_validate(headers=headers, checks=CHECKS)

    run()


def test_every_operation(fuzzed_app: Flask) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzzed_app)
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    document = fuzzed_app.test_client().get("/api/v1/openapi.json").get_json()
    documented = {f"{m.upper()} {path}" for path, ms in document["paths"].items() for m in ms}
    # Schemathesis leaves out the operation serving the document it reads.
    assert documented - {op.label for op in operations} == {"GET /api/v1/openapi.json"}
    for operation in operations:
        try:
            _fuzz(operation, fuzzed_app)
        except (Exception, BaseExceptionGroup) as exc:  # every operation's failures, at once
            failures[operation.label] = str(exc)[:2000]
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
