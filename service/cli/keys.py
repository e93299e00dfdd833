"""``mixlate keys``: add, list and remove API keys (LibreTranslate's ``ltmanage keys``)."""

from __future__ import annotations

import argparse
import sys

from service.auth import ApiKeyError, ApiKeyStore
from service.config import load_settings
from service.runtime import Runtime


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("keys", help="manage API keys of the translation endpoints")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add a key and print it once")
    add.add_argument("--name", help="a name to manage the key by (default key-N)")
    add.add_argument("--req-limit", type=int, help="requests per minute (overrides the default)")
    add.add_argument("--char-limit", type=int, help="most characters per request")
    add.add_argument("--origin", help="the one Origin the key may be used from")
    add.set_defaults(func=_add)
    listing = actions.add_parser("list", help="list keys (never their secrets)")
    listing.set_defaults(func=_list)
    remove = actions.add_parser("remove", help="remove a key by name (or by the key itself)")
    remove.add_argument("key")
    remove.set_defaults(func=_remove)


def _store() -> ApiKeyStore:
    return Runtime(load_settings()).api_keys


def _add(args: argparse.Namespace) -> int:
    try:
        key, info = _store().add(
            args.name, req_limit=args.req_limit, char_limit=args.char_limit, origin=args.origin
        )
    except ApiKeyError as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    print(key)
    print(f"API key '{info.name}' added; it is shown only once.", file=sys.stderr)
    return 0


def _limit(value: int | None, unit: str) -> str:
    return f"{value} {unit}" if value else "default"


def _list(_args: argparse.Namespace) -> int:
    for info in _store().list():
        requests = _limit(info.req_limit, "req/min")
        chars = _limit(info.char_limit, "chars")
        origin = info.origin or "any origin"
        print(f"{info.name}\t{requests}\t{chars}\t{origin}\t{info.created_at:%Y-%m-%d %H:%M}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    try:
        _store().remove(args.key)
    except ApiKeyError as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    print(f"API key '{args.key}' removed.")
    return 0
