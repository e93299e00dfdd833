"""docker-compose.yml: valid under the Compose specification's JSON schema, and every command
a Mixlate service runs is one the ``mixlate`` CLI accepts.

The schema is the compose-spec one that check-jsonschema vendors (a test dependency), so the
file is checked offline against the specification, not against a copy we would edit.
"""

from __future__ import annotations

import copy
import json
import shlex
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from service.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
MIXLATE_SERVICES = ("web", "worker")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    path = files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    schema = json.loads(path.read_text())
    return jsonschema.validators.validator_for(schema)(schema)


def _errors(validator: jsonschema.protocols.Validator, document: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(document)]


def test_the_file_follows_the_compose_specification(
    compose: dict[str, Any], validator: jsonschema.protocols.Validator
) -> None:
    assert _errors(validator, compose) == []
    broken = copy.deepcopy(compose)
    broken["services"]["web"]["deploy"]["replicas"] = [2]
    broken["services"]["worker"]["comand"] = ["mixlate", "worker"]
    assert len(_errors(validator, broken)) == 2  # the check can fail


def _mixlate_commands(command: list[str]) -> list[list[str]]:
    """The ``mixlate ...`` invocations in a service command (also inside ``sh -c``)."""
    if command[:2] == ["sh", "-c"]:
        parts = [shlex.split(step) for step in command[2].split("&&")]
        return [p[1:] if p[0] == "exec" else p for p in parts]
    return [command]


def test_every_service_command_exists_in_the_cli(compose: dict[str, Any]) -> None:
    parser = build_parser()
    for name in MIXLATE_SERVICES:
        invocations = _mixlate_commands(compose["services"][name]["command"])
        assert invocations
        for argv in invocations:
            assert argv[0] == "mixlate", (name, argv)
            parser.parse_args(argv[1:])  # exits (SystemExit) on an unknown command or option
    with pytest.raises(SystemExit):
        parser.parse_args(["worker", "--no-such-option"])


def test_the_scaled_out_shape(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"web", "worker", "postgres", "redis"}
    assert services["web"]["deploy"]["replicas"] == 2
    assert all("healthcheck" in service for service in services.values())
    declared = set(compose["volumes"])
    for service in services.values():
        for volume in service.get("volumes", []):
            assert volume.split(":")[0] in declared  # named volumes only
    env = dict(
        line.split("=", 1)
        for line in (ROOT / ".env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert env["MIXLATE_DATABASE_URL"].startswith("postgresql://")
    assert env["MIXLATE_BROKER_URL"].startswith("redis://redis:")
    for name in MIXLATE_SERVICES:
        assert services[name]["env_file"] == ".env"
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
