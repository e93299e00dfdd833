"""UI-string catalogs (gettext PO/MO), read and edited safely, in files or in the database.

``CatalogRepository`` is the entry point; its store (``store.CatalogStore``) is the file
store (a locales directory) or the database store (shared by nodes). The package uses
Babel, no Flask; only ``db_store`` and ``history`` touch the database.
"""

from service.catalogs.edits import ApplyResult, Change, Edit
from service.catalogs.errors import (
    CatalogError,
    EntryKey,
    InvalidEdits,
    InvalidImport,
    LocaleExists,
    MissingTemplate,
    NotALocale,
    StaleRevision,
    UnknownEntry,
    UnknownLocale,
    UnsupportedFormat,
)
from service.catalogs.index import CatalogIndex, normalize_text
from service.catalogs.locales import SOURCE_LOCALE, locale_dir_name, locale_tag
from service.catalogs.repository import CatalogRepository
from service.catalogs.validation import Problem, validate_edit

__all__ = [
    "SOURCE_LOCALE",
    "ApplyResult",
    "CatalogError",
    "CatalogIndex",
    "CatalogRepository",
    "Change",
    "Edit",
    "EntryKey",
    "InvalidEdits",
    "InvalidImport",
    "LocaleExists",
    "MissingTemplate",
    "NotALocale",
    "Problem",
    "StaleRevision",
    "UnknownEntry",
    "UnknownLocale",
    "UnsupportedFormat",
    "locale_dir_name",
    "locale_tag",
    "normalize_text",
    "validate_edit",
]
