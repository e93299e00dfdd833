"""Token store: random tokens whose SHA-256 digests live in the database."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from service.store import Database
from service.store.tables import ApiToken

ROLES = ("publisher", "localizer", "editor", "admin")


class TokenError(ValueError):
    """A token operation that cannot be done (bad role, duplicate or unknown name)."""


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What is known of a token besides its secret."""

    name: str
    role: str
    created_at: datetime
    revoked: bool


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenStore:
    """Create, list, revoke and check bearer tokens."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def create(self, name: str, role: str) -> str:
        """Store a new token for ``name`` with ``role`` and return the token (shown once)."""
        if role not in ROLES:
            raise TokenError(f"Unknown role '{role}'; choose one of {', '.join(ROLES)}")
        if not name.strip():
            raise TokenError("A token needs a name")
        token = "mxl_" + secrets.token_urlsafe(32)
        try:
            with self.database.session() as session:
                session.add(ApiToken(name=name, role=role, token_hash=_digest(token)))
        except IntegrityError as exc:
            raise TokenError(f"A token named '{name}' exists already") from exc
        return token

    def list(self) -> list[TokenInfo]:
        with self.database.session() as session:
            rows = session.scalars(select(ApiToken).order_by(ApiToken.name)).all()
            return [TokenInfo(r.name, r.role, r.created_at, r.revoked_at is not None) for r in rows]

    def revoke(self, name: str) -> None:
        with self.database.session() as session:
            row = session.scalar(select(ApiToken).where(ApiToken.name == name))
            if row is None:
                raise TokenError(f"No token named '{name}'")
            row.revoked_at = row.revoked_at or datetime.now(UTC)

    def check(self, token: str) -> TokenInfo | None:
        """The token's info if it exists and is not revoked, else None."""
        with self.database.session() as session:
            row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
            if row is None or row.revoked_at is not None:
                return None
            return TokenInfo(row.name, row.role, row.created_at, False)
