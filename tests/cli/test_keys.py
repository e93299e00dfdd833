"""``mixlate keys`` and ``mixlate tokens`` through ``service.cli.main`` on a fresh data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.auth import ApiKeyStore
from service.cli import main
from service.store import open_database


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("MIXLATE_DATA_DIR", str(tmp_path))
    for name in ("MIXLATE_MODELS_DIR", "MIXLATE_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_add_list_remove(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "keys",
                "add",
                "--name",
                "site",
                "--req-limit",
                "30",
                "--char-limit",
                "500",
                "--origin",
                "https://site.example",
            ]
        )
        == 0
    )
    key = capsys.readouterr().out.strip()
    store = ApiKeyStore(open_database(f"sqlite:///{data_dir / 'mixlate.db'}"))
    info = store.lookup(key)
    assert info is not None and (info.req_limit, info.char_limit) == (30, 500)
    assert main(["keys", "list"]) == 0
    listed = capsys.readouterr().out
    assert "site\t30 req/min\t500 chars\thttps://site.example" in listed and key not in listed
    assert main(["keys", "add", "--name", "site"]) == 1
    assert "exists already" in capsys.readouterr().err
    assert main(["keys", "remove", "site"]) == 0
    assert store.lookup(key) is None
    assert main(["keys", "remove", "site"]) == 1


def test_a_limit_below_one_is_refused(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "add", "--req-limit", "0"]) == 1
    assert "at least 1" in capsys.readouterr().err


def test_tokens_use_the_same_runtime(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tokens", "create", "--role", "admin", "--name", "a"]) == 0
    assert capsys.readouterr().out.startswith("mxl_")
    assert main(["tokens", "list"]) == 0
    assert "a\tadmin\tactive" in capsys.readouterr().out
