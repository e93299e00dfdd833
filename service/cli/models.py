"""``mixlate models``: list, install (from the Argos index or a file), remove and bootstrap models.

Language codes are accepted in BCP-47 (``zh-Hans``, ``zh-CN``) or Argos form (``zh``, ``zt``).
Errors are reported in one line on stderr with exit status 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from argostranslate.package import AvailablePackage
from tqdm import tqdm

from service.config import Settings, load_settings
from service.engine import (
    EngineError,
    IndexUnreachable,
    InstalledModel,
    ModelRegistry,
    PackageIndex,
    install_pair,
    package_pair,
)
from service.engine.index import Progress
from service.engine.packages import parse_version
from service.languages import UnknownLanguage, canonical

BOOTSTRAP_PAIRS = (("zh-Hans", "en"), ("en", "zh-Hans"))
BOOTSTRAP_MARKER = ".models-bootstrap-attempted"
OFFLINE_HINT = "without network access: mixlate models install-file PATH.argosmodel"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``models`` command group."""
    parser = subparsers.add_parser("models", help="list, install and remove translation models")
    actions = parser.add_subparsers(dest="models_action", required=True, metavar="ACTION")
    actions.add_parser("available", help="list the pairs in the package index").set_defaults(
        func=_guarded(_available)
    )
    install = actions.add_parser("install", help="download and install a pair (via English)")
    install.add_argument("source", help="source language (zh, zh-Hans, en, ...)")
    install.add_argument("target", help="target language")
    install.set_defaults(func=_guarded(_install))
    from_file = actions.add_parser("install-file", help="install .argosmodel files")
    from_file.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    from_file.set_defaults(func=_guarded(_install_file))
    actions.add_parser("list", help="list installed models").set_defaults(func=_guarded(_list))
    remove = actions.add_parser("remove", help="uninstall a pair")
    remove.add_argument("source")
    remove.add_argument("target")
    remove.set_defaults(func=_guarded(_remove))
    actions.add_parser(
        "bootstrap", help="install zh↔en once when no model is installed (never fails)"
    ).set_defaults(func=_bootstrap)


def _guarded(action: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return action(args)
        except (EngineError, UnknownLanguage) as exc:
            message = f"unknown language code {exc}" if isinstance(exc, UnknownLanguage) else exc
            print(f"mixlate: error: {message}", file=sys.stderr)
            return 1

    return run


def _describe(model: InstalledModel) -> str:
    return f"{model.source} → {model.target} (version {model.package_version})"


@contextmanager
def _progress_bars() -> Iterator[Callable[[AvailablePackage], Progress]]:
    """A factory of download progress callbacks, each drawing its tqdm bar on stderr."""
    bars: list[tqdm] = []

    def for_package(package: AvailablePackage) -> Progress:
        name = f"{package.from_code}→{package.to_code}"

        def update(done: int, total: int | None) -> None:
            if not bars or bars[-1].desc != name:
                for bar in bars:
                    bar.close()
                bars.append(
                    tqdm(total=total, desc=name, unit="B", unit_scale=True, file=sys.stderr)
                )
            bars[-1].update(done - bars[-1].n)

        return update

    try:
        yield for_package
    finally:
        for bar in bars:
            bar.close()


def _install_pair(settings: Settings, registry: ModelRegistry, source: str, target: str) -> None:
    index = PackageIndex(settings.package_index)
    source, target = canonical(source), canonical(target)
    plan = index.plan_install(source, target)
    if len(plan) == 2:
        hops = " and ".join("{} → {}".format(*package_pair(p)) for p in plan)
        print(f"no direct {source} → {target} package: installing {hops} (via English)")
    with _progress_bars() as progress:
        outcomes = install_pair(index, registry, source, target, progress)
    for outcome in outcomes:
        verb = "already installed" if outcome.already_installed else "installed"
        print(f"{verb}: {_describe(outcome.model)}")


def _available(_args: argparse.Namespace) -> int:
    settings = load_settings()
    installed = {m.pair: m for m in ModelRegistry(settings.models_dir).models()}
    packages = sorted(PackageIndex(settings.package_index).packages(), key=package_pair)
    for package in packages:
        pair = package_pair(package)
        model = installed.get(pair)
        status = ""
        if model is not None:
            newer = parse_version(package.package_version) > parse_version(model.package_version)
            status = (
                f"update available (installed {model.package_version})" if newer else "installed"
            )
        print(f"{pair[0]:<10} {pair[1]:<10} {package.package_version:<8} {status}".rstrip())
    print(f"{len(packages)} packages; install one with: mixlate models install SRC TGT")
    return 0


def _install(args: argparse.Namespace) -> int:
    settings = load_settings()
    _install_pair(settings, ModelRegistry(settings.models_dir), args.source, args.target)
    return 0


def _install_file(args: argparse.Namespace) -> int:
    registry = ModelRegistry(load_settings().models_dir)
    failed = 0
    for path in args.paths:
        try:
            print(f"installed: {_describe(registry.install_file(path))} from {path}")
        except EngineError as exc:
            print(f"mixlate: error: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def _list(_args: argparse.Namespace) -> int:
    settings = load_settings()
    models = ModelRegistry(settings.models_dir).models()
    for model in models:
        print(f"{model.source:<10} {model.target:<10} {model.package_version:<8} {model.path}")
    if not models:
        print(
            f"no models installed in {settings.models_dir}; install one with: "
            f"mixlate models install SRC TGT ({OFFLINE_HINT})"
        )
    return 0


def _remove(args: argparse.Namespace) -> int:
    registry = ModelRegistry(load_settings().models_dir)
    model = registry.remove(canonical(args.source), canonical(args.target))
    print(f"removed: {_describe(model)}")
    return 0


def _write_marker(marker: Path, notes: list[str]) -> None:
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"{stamp}\n" + "".join(f"{n}\n" for n in notes), encoding="utf-8")
    except OSError as exc:
        print(f"mixlate: could not write {marker}: {exc}", file=sys.stderr)


def _bootstrap(_args: argparse.Namespace) -> int:
    """Try once to install zh→en and en→zh when nothing is installed; always exits 0."""
    settings = load_settings()
    registry = ModelRegistry(settings.models_dir)
    marker = settings.data_dir / BOOTSTRAP_MARKER
    if registry.models():
        print(f"models already installed ({len(registry.models())}); nothing to bootstrap")
        return 0
    if marker.exists():
        print(
            f"model bootstrap already attempted ({marker}); install models with: "
            f"mixlate models install SRC TGT ({OFFLINE_HINT})"
        )
        return 0
    notes = []
    try:
        for source, target in BOOTSTRAP_PAIRS:
            try:
                _install_pair(settings, registry, source, target)
                notes.append(f"{source} → {target}: installed")
            except IndexUnreachable as exc:
                notes.append(f"{source} → {target}: {exc}")
                print(f"mixlate: could not bootstrap models: {exc}", file=sys.stderr)
                break
            except Exception as exc:  # bootstrap must never stop the service from starting
                notes.append(f"{source} → {target}: {exc}")
                print(f"mixlate: could not install {source} → {target}: {exc}", file=sys.stderr)
    finally:
        _write_marker(marker, notes)
    if not registry.models():
        print(
            "no model installed: the service runs without translation until one is; "
            f"later: mixlate models install zh en ({OFFLINE_HINT})"
        )
    return 0
