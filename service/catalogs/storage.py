"""Files on disk: atomic replacement, the inter-process write lock and write counter, content
revisions."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import mmap
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".catalogs.lock"
WRITES_NAME = ".catalogs.writes"
_THREAD_LOCKS: dict[str, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()

StatKey = tuple[int, int, int, int, int]


def content_revision(data: bytes) -> str:
    """Revision of a file's content: the first 20 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:20]


def stat_key(st: os.stat_result) -> StatKey:
    """What identifies one version of a file without reading it."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def read_versioned(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the stat of the very inode they were read from."""
    with open(path, "rb") as handle:
        return handle.read(), os.fstat(handle.fileno())


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def temp_files(path: Path) -> list[Path]:
    """Temporary files that atomic writes of ``path`` left behind (a writer was killed)."""
    return sorted(path.parent.glob(f"{_temp_prefix(path)}*.tmp"))


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so readers see the old or the new file, never a mix.

    Writes a temporary file in the same directory, fsyncs it, renames it over ``path`` and
    fsyncs the directory. On any failure the temporary file is removed and ``path`` is
    left untouched. The file keeps its permission bits (new files get 0644).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    _fsync_dir(path.parent)


def _thread_lock(key: str) -> threading.Lock:
    with _THREAD_LOCKS_GUARD:
        return _THREAD_LOCKS.setdefault(key, threading.Lock())


@contextlib.contextmanager
def write_lock(locales_dir: Path) -> Iterator[None]:
    """Exclusive lock on the locales directory, across threads and processes.

    A process-wide thread lock is taken first (one per directory), then an ``flock`` on
    ``<locales_dir>/.catalogs.lock``; both are released on exit.
    """
    lock_path = locales_dir / LOCK_NAME
    with _thread_lock(os.path.realpath(lock_path)):
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


class WriteCounter:
    """How many writes the store at ``locales_dir`` has had, shared by every process.

    Eight bytes of ``<locales_dir>/.catalogs.writes`` mapped into memory: reading the count
    is a memory read (no system call), so a reader can tell on every request whether any
    process has written since it last looked. Only writers holding ``write_lock`` bump it.
    """

    def __init__(self, map_: mmap.mmap) -> None:
        self._map = map_

    @classmethod
    def open(cls, locales_dir: Path) -> WriteCounter | None:
        """The directory's counter, or None where it cannot be made (a read-only directory)."""
        try:
            fd = os.open(locales_dir / WRITES_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None
        try:
            if os.fstat(fd).st_size < 8:
                os.ftruncate(fd, 8)  # a larger size never loses a count another process wrote
            return cls(mmap.mmap(fd, 8))
        except OSError:
            return None
        finally:
            os.close(fd)

    def value(self) -> int:
        """The count now."""
        return int.from_bytes(self._map[:8], "little")

    def bump(self) -> None:
        """Count one more write (the caller holds the directory's write lock)."""
        self._map[:8] = (self.value() + 1).to_bytes(8, "little")
