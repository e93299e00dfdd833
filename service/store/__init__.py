"""Persistence: the SQLAlchemy engine, the tables and the Alembic migrations that create them."""

from service.store.db import Database, open_database

__all__ = ["Database", "open_database"]
