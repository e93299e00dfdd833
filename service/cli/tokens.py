"""``mixlate tokens``: create, list and revoke API tokens."""

from __future__ import annotations

import argparse
import sys

from service.auth import ROLES, TokenError, TokenStore
from service.config import load_settings
from service.runtime import Runtime


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("tokens", help="manage API tokens")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="create a token and print it once")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--name", required=True)
    create.set_defaults(func=_create)
    listing = actions.add_parser("list", help="list tokens (never their secrets)")
    listing.set_defaults(func=_list)
    revoke = actions.add_parser("revoke", help="revoke a token by name")
    revoke.add_argument("name")
    revoke.set_defaults(func=_revoke)


def _store() -> TokenStore:
    return Runtime(load_settings()).tokens


def _create(args: argparse.Namespace) -> int:
    try:
        token = _store().create(args.name, args.role)
    except TokenError as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    print(token)
    print(f"Token '{args.name}' ({args.role}) created; it is shown only once.", file=sys.stderr)
    return 0


def _list(_args: argparse.Namespace) -> int:
    for info in _store().list():
        state = "revoked" if info.revoked else "active"
        print(f"{info.name}\t{info.role}\t{state}\t{info.created_at:%Y-%m-%d %H:%M}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    try:
        _store().revoke(args.name)
    except TokenError as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    print(f"Token '{args.name}' revoked.")
    return 0
