"""Installed Argos packages in the models directory: scanning, validating, installing, removing.

Each package is a directory holding ``metadata.json``, a CTranslate2 model in ``model/`` and its
tokenizer (``sentencepiece.model`` or ``bpe.model``), read through argostranslate's ``Package``.

The registry keeps the installed models in memory. Every install or removal (by any process)
replaces the stamp file ``.changed`` in the models directory; a lookup only stats that file and
the directory itself (whose mtime moves when a package directory appears or goes), and lists
the directory again only when one of them changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from argostranslate.package import Package
from packaging.version import InvalidVersion, Version

from service.engine.errors import ModelNotInstalled, PackageError
from service.languages import LanguageTag, UnknownLanguage, from_argos

log = logging.getLogger(__name__)

_STALE_SECONDS = 3600
_SCAN_ATTEMPTS = 5
_TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
_STAGING_PREFIXES = (".install-", ".trash-", ".download-", ".changed-")
STAMP_NAME = ".changed"


def language_tag(code: str) -> str:
    """The service's BCP-47 tag for a BCP-47 or Argos code (``zh`` → ``zh-Hans``, ``zt``…)."""
    try:
        return LanguageTag.parse(code).language
    except UnknownLanguage:
        return from_argos(code)


@dataclass(frozen=True)
class InstalledModel:
    """One installed translation package, with the identity that keys its cached output."""

    source: str
    target: str
    from_code: str
    to_code: str
    package_version: str
    path: Path
    identity: str
    target_prefix: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return (self.source, self.target)

    def package(self) -> Package:
        """argostranslate's view of the package (metadata and tokenizer)."""
        return Package(self.path)


def _fingerprint(path: Path) -> str:
    """Size and mtime of the files a package's behaviour depends on."""
    keys = []
    for part in ("metadata.json", "model/model.bin", *_TOKENIZER_FILES):
        try:
            stat = (path / part).stat()
        except FileNotFoundError:
            keys.append(f"{part}=-")
        else:
            keys.append(f"{part}={stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(keys)


def read_model(path: Path) -> InstalledModel:
    """Validate the package directory at ``path``; raises PackageError saying what is wrong."""
    metadata_path = path / "metadata.json"
    if not metadata_path.is_file():
        raise PackageError(f"{path.name}: no metadata.json")
    try:
        package = Package(path)
    except FileNotFoundError as exc:
        raise PackageError(f"{path.name}: no metadata.json") from exc
    except (ValueError, TypeError, AttributeError, OSError) as exc:
        raise PackageError(f"{path.name}: metadata.json is not valid package metadata") from exc
    codes = (package.from_code, package.to_code)
    if package.type != "translate" or not all(isinstance(c, str) and c for c in codes):
        raise PackageError(f"{path.name}: metadata.json names no from_code/to_code translation")
    if not (path / "model" / "model.bin").is_file():
        raise PackageError(f"{path.name}: no CTranslate2 model (model/model.bin)")
    if not hasattr(package, "tokenizer"):
        raise PackageError(f"{path.name}: no tokenizer (sentencepiece.model or bpe.model)")
    digest = hashlib.sha256(metadata_path.read_bytes())
    digest.update(_fingerprint(path).encode())
    version = str(package.package_version)
    return InstalledModel(
        source=language_tag(package.from_code),
        target=language_tag(package.to_code),
        from_code=package.from_code,
        to_code=package.to_code,
        package_version=version,
        path=path,
        identity=f"{package.from_code}-{package.to_code}-{version}-{digest.hexdigest()[:16]}",
        target_prefix=str(package.target_prefix or ""),
    )


def parse_version(text: str) -> Version:
    """A package version for comparisons; unparsable versions sort first."""
    try:
        return Version(str(text))
    except InvalidVersion:
        return Version("0")


def _version_key(model: InstalledModel) -> tuple[Version, int]:
    try:
        mtime = (model.path / "metadata.json").stat().st_mtime_ns
    except FileNotFoundError:
        mtime = 0
    return (parse_version(model.package_version), mtime)


def _extract(archive: Path, into: Path) -> Path:
    """Extract a package archive into ``into``; returns the directory holding metadata.json."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            for member in members:
                parts = PurePosixPath(member.filename).parts
                if member.filename.startswith(("/", "\\")) or ".." in parts:
                    raise PackageError(f"{archive.name}: unsafe path {member.filename!r}")
            roots = [
                PurePosixPath(m.filename).parent
                for m in members
                if PurePosixPath(m.filename).name == "metadata.json"
                and len(PurePosixPath(m.filename).parts) <= 2
            ]
            if not roots:
                raise PackageError(f"{archive.name}: not an Argos package (no metadata.json)")
            needed = sum(m.file_size for m in members)
            if needed > shutil.disk_usage(into).free:
                raise PackageError(f"{archive.name}: not enough disk space ({needed} bytes)")
            zipped.extractall(into)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, OSError) as exc:
        raise PackageError(f"{archive.name}: corrupt archive ({exc})") from exc
    return into / roots[0]


def _dir_name(model: InstalledModel) -> str:
    version = model.package_version.replace(".", "_")
    return re.sub(r"[^A-Za-z0-9_.-]", "_", f"translate-{model.from_code}_{model.to_code}-{version}")


def _to_trash(path: Path, models_dir: Path) -> Path:
    """Move ``path`` out of the scanned names at once; returns the folder to delete later."""
    trash = Path(tempfile.mkdtemp(prefix=".trash-", dir=models_dir))
    os.rename(path, trash / "package")
    return trash


def touch_stamp(models_dir: Path) -> None:
    """Tell every registry over ``models_dir`` that its packages changed (a new stamp inode)."""
    handle, temporary = tempfile.mkstemp(prefix=".changed-", dir=models_dir)
    with os.fdopen(handle, "w") as stamp:
        stamp.write(f"{os.getpid()} {time.time_ns()}\n")
    os.replace(temporary, models_dir / STAMP_NAME)


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)


class ModelRegistry:
    """The packages installed in one models directory; safe to share between threads."""

    def __init__(
        self,
        models_dir: Path | str,
        check_seconds: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``check_seconds``: how long a stamp check holds (the service's registry: ~1 s)."""
        self.models_dir = Path(models_dir)
        self.check_seconds = check_seconds
        self._clock = clock
        self._next_check = 0.0
        self._lock = threading.RLock()
        self._signature: tuple | None = None
        self._stamp: tuple | None = None
        self._models: dict[tuple[str, str], InstalledModel] = {}
        self._dirs: dict[tuple[str, str], list[Path]] = {}

    def models(self) -> list[InstalledModel]:
        """Every usable installed model (the newest version of each pair), sorted by pair."""
        return sorted(self._current().values(), key=lambda m: m.pair)

    def find(self, source: str, target: str) -> InstalledModel | None:
        """The installed model for ``source`` → ``target`` (BCP-47 or Argos codes), if any."""
        return self._current().get((language_tag(source), language_tag(target)))

    def _current(self) -> dict[tuple[str, str], InstalledModel]:
        """The installed models, after a stamp check when one is due.

        The stamps are read outside the lock: a lock held across system calls convoys every
        request thread behind it under load.
        """
        now = self._clock()
        if self._signature is not None and now < self._next_check:
            return self._models
        stamp = self._stamp_now()
        with self._lock:
            if self._signature is None or stamp != self._stamp:
                self._refresh(stamp)
            self._next_check = now + self.check_seconds
            return self._models

    def install_file(self, archive: Path | str) -> InstalledModel:
        """Install a ``.argosmodel`` file, replacing any installed version of the same pair.

        The archive is extracted and validated in a staging directory inside the models
        directory, then renamed into place: a bad file never leaves a half-installed package.
        """
        archive = Path(archive)
        if not archive.is_file():
            raise PackageError(f"{archive}: no such file")
        if not zipfile.is_zipfile(archive):
            raise PackageError(f"{archive.name}: not an Argos package (not a zip archive)")
        self.models_dir.mkdir(parents=True, exist_ok=True)
        self._remove_stale_staging()
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=self.models_dir))
        leftovers = [staging]
        try:
            root = _extract(archive, staging)
            staged = read_model(root)
            final = self.models_dir / _dir_name(staged)
            with self._lock:
                self._refresh(self._stamp_now())
                if final.exists():
                    leftovers.append(_to_trash(final, self.models_dir))
                os.rename(root, final)
                for old in self._dirs.get(staged.pair, []):
                    if old != final and old.exists():
                        leftovers.append(_to_trash(old, self.models_dir))
                self._signature = None
                touch_stamp(self.models_dir)
                return read_model(final)
        finally:
            for path in leftovers:
                shutil.rmtree(path, ignore_errors=True)

    def remove(self, source: str, target: str) -> InstalledModel:
        """Uninstall the pair (every installed version); raises ModelNotInstalled if absent."""
        with self._lock:
            self._refresh(self._stamp_now())
            model = self._models.get((language_tag(source), language_tag(target)))
            if model is None:
                raise ModelNotInstalled(language_tag(source), language_tag(target))
            trash = [_to_trash(path, self.models_dir) for path in self._dirs.get(model.pair, [])]
            self._signature = None
            touch_stamp(self.models_dir)
        for path in trash:
            shutil.rmtree(path, ignore_errors=True)
        return model

    def _package_dirs(self) -> list[Path]:
        try:
            entries = sorted(self.models_dir.iterdir())
        except FileNotFoundError:
            return []
        return [p for p in entries if p.is_dir() and not p.name.startswith(".")]

    def _signature_now(self) -> tuple[list[Path], tuple]:
        dirs = self._package_dirs()
        return dirs, tuple((p.name, _fingerprint(p)) for p in dirs)

    def _stamp_now(self) -> tuple:
        return (_stat_key(self.models_dir), _stat_key(self.models_dir / STAMP_NAME))

    def _refresh(self, stamp: tuple) -> None:
        """Rescan (under the lock) for ``stamp``; a scan that raced a change is done again."""
        self._stamp = stamp
        dirs, signature = self._signature_now()
        for _ in range(_SCAN_ATTEMPTS):
            if signature == self._signature:
                return
            found: dict[tuple[str, str], list[InstalledModel]] = {}
            for path in dirs:
                try:
                    model = read_model(path)
                except (PackageError, OSError) as exc:
                    if path.exists():  # not merely removed while scanning
                        log.warning("ignoring %s: %s", path, exc)
                    continue
                found.setdefault(model.pair, []).append(model)
            self._models = {pair: max(ms, key=_version_key) for pair, ms in found.items()}
            self._dirs = {pair: [m.path for m in ms] for pair, ms in found.items()}
            self._signature = signature
            dirs, signature = self._signature_now()

    def _remove_stale_staging(self) -> None:
        cutoff = time.time() - _STALE_SECONDS
        for entry in self.models_dir.iterdir():
            if not entry.name.startswith(_STAGING_PREFIXES):
                continue
            with contextlib.suppress(FileNotFoundError):
                if entry.stat().st_mtime < cutoff:
                    shutil.rmtree(entry, ignore_errors=True)
