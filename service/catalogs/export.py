"""Writing the stored catalogs out as a gettext directory (``mixlate catalogs export``).

With the database store this is how ``locales/`` follows the edits made through the
service: each locale's PO is written as stored, which is its seed file with the edited
entries spliced in (see ``splice``), so the diff against the seed shows the edited entries
and the header's revision date and translator, nothing else. The MO is compiled from it and
the template written as stored. A file whose content would not change is left untouched.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from service.catalogs.errors import MissingTemplate
from service.catalogs.locales import catalog_path, template_path
from service.catalogs.repository import CatalogRepository
from service.catalogs.storage import atomic_write


def _write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, data)
    return True


def export_catalogs(
    repository: CatalogRepository, directory: Path, locales: Iterable[str] = ()
) -> list[Path]:
    """Write the catalogs of ``locales`` (default: all) and the template under ``directory``.

    Returns the files written. Raises UnknownLocale for a locale without a catalog.
    """
    wanted = list(locales) or repository.locales()
    written = []
    try:
        template = repository.template_bytes()
    except MissingTemplate:
        template = None
    if template is not None and _write_if_changed(template_path(directory), template):
        written.append(template_path(directory))
    for locale in wanted:
        for fmt in ("po", "mo"):
            path = catalog_path(directory, locale, f".{fmt}")
            if _write_if_changed(path, repository.export(locale, fmt)):
                written.append(path)
    return written
