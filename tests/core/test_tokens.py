"""API tokens: created once, stored hashed, listed, revoked, checked."""

from pathlib import Path

import pytest
from sqlalchemy import select

from service.auth import TokenError, TokenStore
from service.cli import main
from service.store import open_database
from service.store.tables import ApiToken


@pytest.fixture
def store(tmp_path: Path) -> TokenStore:
    return TokenStore(open_database(f"sqlite:///{tmp_path / 't.db'}"))


def test_token_is_stored_only_as_a_digest(store: TokenStore) -> None:
    token = store.create("site", "publisher")
    with store.database.session() as session:
        row = session.scalar(select(ApiToken))
    assert token not in (row.token_hash, row.name)
    assert store.check(token).role == "publisher"
    assert store.check(token + "x") is None


def test_revoked_tokens_stop_working(store: TokenStore) -> None:
    token = store.create("site", "localizer")
    store.revoke("site")
    assert store.check(token) is None
    assert store.list()[0].revoked


@pytest.mark.parametrize(("name", "role"), [("a", "owner"), ("  ", "admin")])
def test_invalid_tokens_are_refused(store: TokenStore, name: str, role: str) -> None:
    with pytest.raises(TokenError):
        store.create(name, role)


def test_duplicate_names_and_unknown_revokes(store: TokenStore) -> None:
    store.create("a", "admin")
    with pytest.raises(TokenError, match="exists"):
        store.create("a", "admin")
    with pytest.raises(TokenError, match="No token"):
        store.revoke("b")


def test_cli_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("MIXLATE_DATA_DIR", str(tmp_path))
    assert main(["tokens", "create", "--role", "publisher", "--name", "news"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("mxl_")
    assert main(["tokens", "list"]) == 0
    assert "news\tpublisher\tactive" in capsys.readouterr().out
    assert main(["tokens", "revoke", "news"]) == 0
    assert main(["tokens", "revoke", "news2"]) == 1
    assert "No token named" in capsys.readouterr().err
