"""The editor's own strings: in the template and translated in every shipped catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.catalogs import CatalogRepository
from service.catalogs.codec import parse_po
from service.catalogs.validation import placeholders
from service.web.localize import SCRIPT_MESSAGES
from tests.support.extraction import extracted_msgids

ROOT = Path(__file__).resolve().parents[2]
EDITOR_SOURCES = ("service/web/localize.py", "service/web/templates/localize/")


def _extracted() -> set[str]:
    return extracted_msgids(EDITOR_SOURCES)


def test_the_template_holds_every_string_of_the_editor() -> None:
    template = parse_po((ROOT / "locales" / "messages.pot").read_bytes())
    extracted = _extracted()

    assert set(SCRIPT_MESSAGES.values()) <= extracted
    assert {msgid for msgid in extracted if template.get(msgid) is None} == set()


@pytest.mark.parametrize("locale", ["en", "zh-Hans", "zh-Hant"])
def test_shipped_catalogs_translate_the_editor(locale: str) -> None:
    catalogs = CatalogRepository(ROOT / "locales")
    entries = {entry["msgid"]: entry for entry in catalogs.entries(locale)}

    for msgid in _extracted():
        entry = entries[msgid]
        assert entry["state"] == "translated" and entry["problems"] == [], (locale, msgid)
        assert placeholders(entry["msgstr"]) == placeholders(msgid)
