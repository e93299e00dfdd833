"""Exceptions raised by the catalog package; each carries the data an HTTP layer needs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from service.catalogs.validation import Problem

EntryKey = tuple[str, str | None]
"""How an entry is addressed: (msgid, msgctxt); msgctxt is None when the entry has none."""


class CatalogError(Exception):
    """Base class of every error raised by ``service.catalogs``."""


class UnknownLocale(CatalogError, LookupError):
    """The locale tag is malformed, unknown to Babel, or has no catalog in the directory."""

    def __init__(self, locale: str) -> None:
        super().__init__(f"no catalog for locale {locale!r}")
        self.locale = locale


class NotALocale(CatalogError, ValueError):
    """A catalog was to be made for a tag that names no locale: malformed, unknown to Babel,
    or an Argos-only code. (``UnknownLocale`` is the lookup of a locale with no catalog.)"""

    def __init__(self, locale: str) -> None:
        super().__init__(f"{locale!r} is not a known locale")
        self.locale = locale


class LocaleExists(CatalogError):
    """``create_locale`` was asked for a locale whose catalog already exists."""

    def __init__(self, locale: str) -> None:
        super().__init__(f"a catalog for locale {locale!r} already exists")
        self.locale = locale


class MissingTemplate(CatalogError):
    """The ``messages.pot`` template is missing from the locales directory."""


class UnsupportedFormat(CatalogError, ValueError):
    """An export or import format other than po, mo (export only) or xliff."""


class InvalidImport(CatalogError, ValueError):
    """Uploaded PO/XLIFF data could not be parsed or was refused (DTD, wrong language...)."""


class UnknownEntry(CatalogError, LookupError):
    """Edits name entries that the catalog does not contain; nothing was written."""

    def __init__(self, keys: Sequence[EntryKey]) -> None:
        super().__init__(f"unknown entries: {list(keys)!r}")
        self.keys = list(keys)


class InvalidEdits(CatalogError, ValueError):
    """Some edits failed validation; ``problems`` maps each such entry to its problems."""

    def __init__(self, problems: Mapping[EntryKey, Sequence[Problem]]) -> None:
        super().__init__(f"{len(problems)} invalid edit(s)")
        self.problems = {key: list(found) for key, found in problems.items()}


class StaleRevision(CatalogError):
    """The catalog changed since the revision the client sent (HTTP 412 material).

    ``revision`` is the current revision, ``changed`` the requested entries whose value
    differs from what the client saw (or could not be verified), ``current`` the current
    value of every requested entry (entry dicts as returned by ``entries``).
    """

    def __init__(
        self,
        revision: str,
        changed: Sequence[EntryKey],
        current: Mapping[EntryKey, Mapping[str, Any]],
    ) -> None:
        super().__init__(f"catalog is at revision {revision}")
        self.revision = revision
        self.changed = list(changed)
        self.current = dict(current)
