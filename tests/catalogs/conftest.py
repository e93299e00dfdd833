"""Fixtures for the catalog tests: a fresh copy of the sample locales per test."""

from __future__ import annotations

import gettext
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from service.catalogs import CatalogRepository
from service.catalogs.entries import entry_state, live_messages
from service.catalogs.locales import catalog_path

DATA = Path(__file__).parent / "fixtures" / "locales"


@pytest.fixture
def locales_dir(tmp_path: Path) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def repo(locales_dir: Path) -> CatalogRepository:
    return CatalogRepository(locales_dir)


def _served_by_mo(mo: gettext.GNUTranslations, message, n: int) -> str:
    if message.pluralizable:
        singular, plural = message.id
        if message.context:
            return mo.npgettext(message.context, singular, plural, n)
        return mo.ngettext(singular, plural, n)
    return mo.pgettext(message.context, message.id) if message.context else mo.gettext(message.id)


def _assert_mo_matches_po(repo: CatalogRepository, locale: str) -> None:
    with open(catalog_path(repo.locales_dir, locale, ".mo"), "rb") as handle:
        mo = gettext.GNUTranslations(handle)
    for message in live_messages(repo.load(locale)):
        served = entry_state(message) == "translated"
        if message.pluralizable:
            expected = set(message.string) if served else set(message.id)
            assert {_served_by_mo(mo, message, n) for n in (0, 1, 2, 5)} <= expected
        else:
            assert _served_by_mo(mo, message, 1) == (message.string if served else message.id)


@pytest.fixture
def assert_mo_matches_po() -> Callable[[CatalogRepository, str], None]:
    """Checks every PO entry resolves through the compiled MO as gettext would serve it."""
    return _assert_mo_matches_po
