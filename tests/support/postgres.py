"""A throw-away PostgreSQL schema for tests of the PostgreSQL path (skipped when unreachable)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

SERVER_URL = os.environ.get(
    "MIXLATE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@contextmanager
def postgres_schema_url() -> Iterator[str]:
    """A database URL whose search_path is a fresh schema, dropped afterwards."""
    admin = create_engine(SERVER_URL, connect_args={"connect_timeout": 3})
    schema = f"mixlate_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {SERVER_URL} ({exc.orig}); SQLite path tested")
    try:
        yield f"{SERVER_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
