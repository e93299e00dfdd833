"""Schemathesis against the live app's own OpenAPI document: no 5xx, and the document is true.

Every operation is fuzzed with a bounded number of generated requests (valid and invalid
bodies, parameters and headers), each sent without a token and with a token of every role
(publisher, localizer, editor, admin), so that every secured operation is tried by a role it
admits (admin at least) and by roles it refuses. Each response must not be a 5xx and must
match the document: its status code, content type and body schema; a request the schema
forbids must be refused (4xx). The app is a real one: test models, suggestions on, the
sample article, a copy of the shipped catalogs.
"""

from __future__ import annotations

import json
import time

import pytest
import schemathesis
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import ServerError

from service.auth import ROLES
from service.config import Settings
from tests.articles.sample_page import sample_article
from tests.support.apps import make_app

EXAMPLES_PER_OPERATION = 40
BUDGET_SECONDS = 180  # about 90 s on a shared 2-core machine; twice that is a regression


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


# positive_data_acceptance stays off: a schema-valid request is often rightly refused for
# what no schema states, the server's state: a language tag nobody knows or no model serves
# (400), a locale without a catalog (422), a file whose bytes are not the format its name
# says (400), an ETag that is not the catalog's current one (412/428).
CONFORMANCE = [
    no_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]
CHECKS = [*CONFORMANCE, schemathesis.checks.negative_data_rejection]
# Refusals in their own words: stale or missing ETags (412, 428) and limits (413) are 4xx too.
_REFUSED = ["400", "401", "403", "404", "405", "409", "412", "413", "415", "422", "428", "429"]
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": _REFUSED}}}
)


@pytest.fixture(scope="module")
def fuzzed_app(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    app = make_app(settings, tmp_path_factory.mktemp("fuzz"), suggestions=True)
    tokens = app.extensions["mixlate"].tokens
    callers = [{}] + [
        {"Authorization": f"Bearer {tokens.create(f'fuzz-{role}', role)}"} for role in ROLES
    ]
    app.config["FUZZ_CALLERS"] = callers
    admin = callers[1 + ROLES.index("admin")]
    created = app.test_client().post("/api/v1/articles", json=sample_article(), headers=admin)
    assert created.status_code == 201
    return app


def _fuzz(operation: schemathesis.APIOperation, app: Flask) -> None:
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )
    secured = bool(operation.definition.raw.get("security"))
    callers = app.config["FUZZ_CALLERS"] if secured else app.config["FUZZ_CALLERS"][:1]

    @given(case=strategy)
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None)
    def run(case: schemathesis.Case) -> None:
        # A negative case without an Authorization header may break the schema by that alone;
        # a caller's token puts it back, making the request valid. Such a case is held to
        # negative_data_rejection only when sent as it is, without a token.
        tokenless = secured and "Authorization" not in (case.headers or {})
        negative = case.meta is not None and case.meta.generation.mode.is_negative
        for headers in callers:
            undone = negative and tokenless and bool(headers)
            case.call_and_validate(headers=headers, checks=CONFORMANCE if undone else CHECKS)

    run()


def test_every_operation(fuzzed_app: Flask) -> None:
    started = time.monotonic()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzzed_app, config=CONFIG)
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
    elapsed = time.monotonic() - started
    print(f"fuzzed {len(operations)} operations in {elapsed:.0f} s")
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
    assert elapsed < BUDGET_SECONDS
