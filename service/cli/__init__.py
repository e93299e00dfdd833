"""The ``mixlate`` command line: one sub-command group per module in this package."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from service.cli import catalogs, jobs, keys, models, serve, tokens, worker
from service.config import ConfigError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command group registered."""
    parser = argparse.ArgumentParser(
        prog="mixlate", description="Mixlate: translation and localization service."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (serve, worker, jobs, models, tokens, keys, catalogs):
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``mixlate`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(f"mixlate: configuration error: {exc}", file=sys.stderr)
        return 2
