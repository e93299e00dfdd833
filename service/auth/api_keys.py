"""API keys in LibreTranslate's sense: callers of the translation endpoints, with own limits.

A key is random and shown once; the database keeps its SHA-256 digest, a name to manage it
by, and the limits that override the service's defaults for its holder: requests per minute
(``req_limit``), characters per request (``char_limit``), and optionally the one ``origin``
it may be used from.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from service.store import Database
from service.store.tables import ApiKey


class ApiKeyError(ValueError):
    """A key operation that cannot be done (duplicate or unknown name, bad limit)."""


@dataclass(frozen=True, slots=True)
class ApiKeyInfo:
    """What is known of a key besides its secret."""

    name: str
    req_limit: int | None
    char_limit: int | None
    origin: str | None
    created_at: datetime


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _info(row: ApiKey) -> ApiKeyInfo:
    return ApiKeyInfo(row.name, row.req_limit, row.char_limit, row.origin, row.created_at)


class ApiKeyStore:
    """Add, list, remove and look up API keys."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def add(
        self,
        name: str | None = None,
        *,
        req_limit: int | None = None,
        char_limit: int | None = None,
        origin: str | None = None,
    ) -> tuple[str, ApiKeyInfo]:
        """Store a new key and return it (shown once) with its info."""
        for label, limit in (("request", req_limit), ("character", char_limit)):
            if limit is not None and limit < 1:
                raise ApiKeyError(f"The {label} limit must be at least 1")
        key = secrets.token_urlsafe(24)
        try:
            with self.database.session() as session:
                if not name:
                    count = session.scalar(select(func.count()).select_from(ApiKey)) or 0
                    name = f"key-{count + 1}"
                row = ApiKey(
                    name=name,
                    key_hash=_digest(key),
                    req_limit=req_limit,
                    char_limit=char_limit,
                    origin=origin or None,
                )
                session.add(row)
                session.flush()
                info = _info(row)
        except IntegrityError as exc:
            raise ApiKeyError(f"An API key named '{name}' exists already") from exc
        return key, info

    def list(self) -> list[ApiKeyInfo]:
        with self.database.session() as session:
            return [_info(row) for row in session.scalars(select(ApiKey).order_by(ApiKey.name))]

    def remove(self, name_or_key: str) -> None:
        """Remove the key with this name, or this key itself."""
        with self.database.session() as session:
            condition = (ApiKey.name == name_or_key) | (ApiKey.key_hash == _digest(name_or_key))
            if session.execute(delete(ApiKey).where(condition)).rowcount == 0:
                raise ApiKeyError(f"No API key named '{name_or_key}'")

    def any(self) -> bool:
        """Whether any key exists (keys are in use on this server)."""
        with self.database.session() as session:
            return session.scalar(select(ApiKey.id).limit(1)) is not None

    def lookup(self, key: str) -> ApiKeyInfo | None:
        """The key's info, or None when it is unknown."""
        with self.database.session() as session:
            row = session.scalar(select(ApiKey).where(ApiKey.key_hash == _digest(key)))
            return _info(row) if row is not None else None
