"""``mixlate catalogs``: progress per locale, a new locale from the template, template merges,
and ``suggest LOCALE`` (machine suggestions for every untranslated entry, as a job followed
with a progress bar; the same command as ``mixlate jobs suggest``).

These work on the files directly (no server needed) with the same locking and atomic
writes as the API; edits of single entries go through the API so they are recorded in
the history. Errors are reported in one line on stderr with exit status 1.
"""

from __future__ import annotations

import argparse
import sys

from service.catalogs import CatalogError, CatalogRepository
from service.cli.jobs import add_suggest
from service.config import load_settings


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
    add_suggest(actions, follow=True)


def _repository() -> CatalogRepository:
    return CatalogRepository(load_settings().locales_dir)


def _list(_args: argparse.Namespace) -> int:
    for tag, stats in _repository().stats().items():
        print(
            f"{tag}\t{stats['percent']}%\t{stats['translated']} translated\t"
            f"{stats['fuzzy']} fuzzy\t{stats['untranslated']} untranslated"
        )
    return 0


def _create(args: argparse.Namespace) -> int:
    try:
        _repository().create_locale(args.locale)
    except CatalogError as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    print(f"Created the catalog for {args.locale}.")
    return 0


def _update(args: argparse.Namespace) -> int:
    repository = _repository()
    try:
        for locale in args.locales or repository.locales():
            repository.update_from_template(locale)
            print(f"Updated {locale} from the template.")
    except CatalogError as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    return 0
