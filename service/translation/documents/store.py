"""Translated files on disk, each under a random name, deleted once they expire.

A stored name is ``<32 hex digits>.<original name>`` (the original name cleaned to letters,
digits, ``-``, ``_`` and ``.``, at most 100 characters), as LibreTranslate names them; the
download name is the part after the first dot. ``path_of`` accepts only names of that shape
that resolve to a file directly in the directory, so no name can reach outside it. A file is
expired ``ttl_seconds`` after it was written: reading it then deletes it and finds nothing,
and every ``save`` sweeps the directory of expired files. The store holds no state but the
directory, so any process sharing the disk can serve the files it holds.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_NAME = re.compile(r"\A[0-9a-f]{32}\.[\w.-]{1,100}\Z")
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file found in the store: its bytes and the name to download it as."""

    data: bytes
    download_name: str


class FileStore:
    """The directory of translated files."""

    def __init__(
        self, directory: Path, ttl_seconds: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.directory = directory
        self.ttl_seconds = ttl_seconds
        self._clock = clock

    def save(self, data: bytes, filename: str) -> str:
        """Store ``data``; returns the stored name (random, unguessable)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self.sweep()
        cleaned = _UNSAFE.sub("_", Path(filename.replace("\\", "/")).name).strip("._")
        name = f"{secrets.token_hex(16)}.{(cleaned or 'document')[-100:]}"
        partial = self.directory / f".{name}.part"
        partial.write_bytes(data)
        os.replace(partial, self.directory / name)  # readers never see half a file
        return name

    def path_of(self, name: str) -> Path | None:
        """The path of stored ``name``, or None if the name is not one the store gives."""
        if not _NAME.match(name):
            return None
        path = self.directory / name
        if path.resolve().parent != self.directory.resolve():
            return None
        return path

    def load(self, name: str) -> StoredFile | None:
        """The stored file, or None if there is none (or it expired, and is now deleted)."""
        path = self.path_of(name)
        if path is None:
            return None
        try:
            if self._expired(path):
                path.unlink(missing_ok=True)
                return None
            data = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            return None
        return StoredFile(data, name.split(".", 1)[1])

    def sweep(self) -> int:
        """Delete every expired file; returns how many were deleted."""
        deleted = 0
        for path in self.directory.iterdir():
            try:
                if path.is_file() and self._expired(path):
                    path.unlink(missing_ok=True)
                    deleted += 1
            except FileNotFoundError:
                continue
        return deleted

    def _expired(self, path: Path) -> bool:
        return path.stat().st_mtime + self.ttl_seconds <= self._clock()
