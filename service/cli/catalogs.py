"""``mixlate catalogs``: progress per locale, a new locale from the template, template merges,
and ``suggest LOCALE`` (machine suggestions for every untranslated entry, as a job followed
with a progress bar; the same command as ``mixlate jobs suggest``).

These work on the store directly (no server needed) with the same locking and atomic
writes as the API: the files, or the database when catalogs live there. Opening the
catalogs first repairs and settles what a killed writer left (``Runtime.catalogs``), so a
command never reads or builds on an edit without its history row. Then ``create``
and ``update`` first take the locales directory's ``messages.pot`` (what ``pybabel
extract`` wrote) as the template, and ``export`` writes the catalogs back into the locales
directory (PO and MO, changed files only). Edits of single entries go through the API so
they are recorded in the history. Errors are reported in one line on stderr with exit
status 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from service.catalogs import CatalogError, CatalogRepository
from service.catalogs.export import export_catalogs
from service.cli.jobs import add_suggest
from service.config import load_settings
from service.runtime import Runtime


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``catalogs`` command group."""
    parser = commands.add_parser("catalogs", help="UI-string catalogs: progress, new locales")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("list", help="translation progress of every locale").set_defaults(func=_list)
    create = actions.add_parser("create", help="create a locale's catalog from messages.pot")
    create.add_argument("locale", help="BCP-47 tag, e.g. ja or pt-BR")
    create.set_defaults(func=_create)
    update = actions.add_parser("update", help="merge messages.pot into catalogs (fuzzy marks)")
    update.add_argument("locales", nargs="*", help="locales to update (default: all)")
    update.set_defaults(func=_update)
    export = actions.add_parser("export", help="write the catalogs as PO and MO files")
    export.add_argument("locales", nargs="*", help="locales to export (default: all)")
    export.add_argument("--to", type=Path, help="directory (default: MIXLATE_LOCALES_DIR)")
    export.set_defaults(func=_export)
    add_suggest(actions, follow=True)


def _repository() -> CatalogRepository:
    return Runtime(load_settings()).catalogs


def _list(_args: argparse.Namespace) -> int:
    for tag, stats in _repository().stats().items():
        print(
            f"{tag}\t{stats['percent']}%\t{stats['translated']} translated\t"
            f"{stats['fuzzy']} fuzzy\t{stats['untranslated']} untranslated"
        )
    return 0


def _create(args: argparse.Namespace) -> int:
    repository = _repository()
    try:
        repository.take_template()
        repository.create_locale(args.locale)
    except CatalogError as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    print(f"Created the catalog for {args.locale}.")
    return 0


def _update(args: argparse.Namespace) -> int:
    repository = _repository()
    try:
        repository.take_template()
        for locale in args.locales or repository.locales():
            repository.update_from_template(locale)
            print(f"Updated {locale} from the template.")
    except CatalogError as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    return 0


def _export(args: argparse.Namespace) -> int:
    repository = _repository()
    try:
        written = export_catalogs(repository, args.to or repository.locales_dir, args.locales)
    except CatalogError as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Wrote {path}.")
    if not written:
        print("The files already hold the catalogs.")
    return 0
