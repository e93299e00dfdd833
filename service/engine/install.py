"""Installing a language pair from the package index: plan, download, then install.

Every package of the plan is downloaded before any is installed, so a broken link installs
nothing; a package already installed at the same or a newer version is not downloaded again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argostranslate.package import AvailablePackage

from service.engine.index import PackageIndex, Progress, download, package_pair
from service.engine.packages import InstalledModel, ModelRegistry, parse_version


@dataclass(frozen=True)
class InstallOutcome:
    """One package of an install: the model now installed, and whether it was already there."""

    model: InstalledModel
    already_installed: bool


def install_pair(
    index: PackageIndex,
    registry: ModelRegistry,
    source: str,
    target: str,
    progress: Callable[[AvailablePackage], Progress | None] | None = None,
) -> list[InstallOutcome]:
    """Install what translates source → target (the direct package, else two via English).

    ``progress(package)`` may return a callback that receives the download's progress.
    Raises UnknownPair, IndexUnreachable, DownloadFailed or PackageError.
    """
    plan = index.plan_install(source, target)
    outcomes: dict[int, InstallOutcome] = {}
    to_fetch: list[tuple[int, AvailablePackage]] = []
    for slot, package in enumerate(plan):
        installed = registry.find(*package_pair(package))
        if installed is not None and parse_version(installed.package_version) >= parse_version(
            package.package_version
        ):
            outcomes[slot] = InstallOutcome(installed, already_installed=True)
        else:
            to_fetch.append((slot, package))
    if to_fetch:
        registry.models_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".download-", dir=registry.models_dir) as work:
            files = [
                (slot, download(package, Path(work), progress(package) if progress else None))
                for slot, package in to_fetch
            ]
            for slot, path in files:
                outcomes[slot] = InstallOutcome(
                    registry.install_file(path), already_installed=False
                )
    return [outcomes[slot] for slot in range(len(plan))]
