"""PO/MO (de)serialisation with Babel, with the settings that keep round trips stable."""

from __future__ import annotations

from io import BytesIO

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from service.catalogs.errors import InvalidImport, UnknownLocale
from service.catalogs.locales import locale_dir_name, locale_tag

PO_WIDTH = 76
"""Babel's (and pybabel's) default wrap width: files it wrote are rewritten unchanged."""


def parse_po(data: bytes, locale: str | None = None) -> Catalog:
    """Parse PO bytes leniently (our own files; ``locale`` is a directory name)."""
    return read_po(BytesIO(data), locale=locale)


def parse_uploaded_po(data: bytes, locale: str) -> Catalog:
    """Parse PO bytes from a user for ``locale`` strictly; raises InvalidImport if they are
    malformed or their Language header names another locale."""
    try:
        catalog = read_po(BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise InvalidImport(f"not a valid PO file: {exc}") from exc
    except LookupError as exc:  # a charset Python does not know
        raise InvalidImport(f"not a readable PO file: {exc}") from exc
    language = catalog.locale_identifier
    try:
        same = not language or locale_dir_name(language) == locale_dir_name(locale)
    except UnknownLocale as exc:
        raise InvalidImport(f"unknown language {language!r} in the uploaded file") from exc
    if not same:
        raise InvalidImport(f"the file is for {language}, not {locale_tag(locale)}")
    return catalog


def dump_po(catalog: Catalog, width: int = PO_WIDTH) -> bytes:
    """PO bytes keeping obsolete entries, previous msgids, locations and comments.

    This is Babel's full rendering (every entry rewrapped at ``width``); edits to an
    existing file go through ``splice.write_changes``, which keeps the file's own text.
    """
    buffer = BytesIO()
    write_po(buffer, catalog, width=width, include_previous=True)
    return buffer.getvalue()


def dump_mo(catalog: Catalog) -> bytes:
    """Compiled MO bytes (fuzzy and untranslated entries left out, as msgfmt does)."""
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()
