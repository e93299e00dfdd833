"""Apps for the HTTP tests: the real test models, a database and catalogs of their own."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from service import create_app
from service.config import Settings

SHIPPED_LOCALES = Path(__file__).resolve().parents[2] / "locales"
AppFactory = Callable[..., Flask]


def make_app(
    settings: Settings, directory: Path, locales: Path = SHIPPED_LOCALES, **overrides: object
) -> Flask:
    """An app whose data and a copy of ``locales`` live in ``directory`` (and its database,
    unless ``overrides`` name another ``database_url``)."""
    shutil.copytree(locales, directory / "locales")
    own = {
        "data_dir": directory,
        "locales_dir": directory / "locales",
        "database_url": f"sqlite:///{directory / 'mixlate.db'}",
    }
    return create_app(settings.with_overrides(**(own | overrides)))
