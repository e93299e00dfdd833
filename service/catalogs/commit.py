"""One catalog write on disk, all or nothing, and the repair of a write a crash interrupted.

Contract of a write (``commit``), always under the directory's write lock:

1. everything is computed in memory first: the new PO bytes, the MO compiled from exactly
   those bytes, their revision; nothing is touched if any of that fails;
2. the recorder's ``recording(result)`` context is entered (the edit history adds its rows
   to an open database transaction and flushes them, so a row that cannot be stored stops
   the write here);
3. a recorded write first keeps the old PO beside it (``messages.po.undo``), then the PO,
   then the MO, are replaced atomically (``storage.atomic_write``);
4. the context is left: the history transaction commits; then the undo copy is removed.

If step 3 or 4 fails, the files already replaced are put back to their old bytes before
the error propagates: the catalog, its MO and its history stay as they were. A process
killed during step 3 or 4 cannot undo anything itself. ``repair`` (run when a store opens,
which the runtime does at startup) removes the temporary files of interrupted atomic writes
and recompiles every MO that does not match its PO, so readers of the MO see what the PO
says. ``settle`` (run at startup, and for one locale under the lock before each of its
writes: ``settle_locale``) finishes what an undo copy marks as interrupted: if the
history's newest row for that locale names the PO's revision, the write committed and the
copy goes; otherwise the old PO comes back (with its MO). So an edit never stays in a file
without its history row, even when a live process writes the locale after another one was
killed.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from service.catalogs.codec import dump_mo, parse_po
from service.catalogs.edits import ApplyResult, State
from service.catalogs.errors import EntryKey
from service.catalogs.locales import DOMAIN
from service.catalogs.storage import atomic_write, content_revision, temp_files, write_lock

log = logging.getLogger(__name__)


class WriteRecorder(Protocol):
    """What records a catalog's writes (the edit history) and can tell what they changed."""

    def recording(self, result: ApplyResult) -> AbstractContextManager[None]:
        """Entered just before the files are replaced, left after; records ``result``.

        Leaving it cleanly makes the record durable; an exception inside it or from its
        exit makes the repository put the old files back.
        """
        ...

    def record(self, session: Any, result: ApplyResult) -> None:
        """Record ``result`` in an open database ``session`` (the database store's write,
        which commits the catalog and its record together)."""
        ...

    def values_since(
        self, revision: str, current: str, keys: Sequence[EntryKey]
    ) -> dict[EntryKey, State] | None:
        """For each of ``keys`` changed after the catalog was at ``revision`` (it is now at
        ``current``): its value and fuzzy flag at ``revision``; keys left out did not change.
        None when the record cannot tell (it never saw ``revision``, or a write it did not
        record happened since)."""
        ...


@dataclass(frozen=True)
class Files:
    """The PO and MO paths of one locale."""

    po: Path
    mo: Path


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _restore(replaced: list[tuple[Path, bytes | None]]) -> None:
    for path, old in reversed(replaced):
        try:
            if old is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, old)
        except OSError:
            log.exception("cannot restore %s after a failed write; repair will recompile", path)


UNDO_SUFFIX = ".undo"


def undo_path(po: Path) -> Path:
    """Where a recorded write keeps the PO it replaces until its history row is committed."""
    return po.with_name(po.name + UNDO_SUFFIX)


def commit(
    files: Files,
    old_po: bytes | None,
    po: bytes,
    mo: bytes,
    recording: AbstractContextManager[None] | None = None,
) -> None:
    """Replace the PO with ``po`` and the MO with ``mo`` inside ``recording`` (see above).

    ``old_po`` is the PO's current content (None: it does not exist yet).
    """
    replaced: list[tuple[Path, bytes | None]] = []
    old_mo = _read(files.mo)
    undo = undo_path(files.po) if recording is not None and old_po is not None else None
    try:
        with recording or nullcontext():
            if undo is not None:
                atomic_write(undo, old_po or b"")
            atomic_write(files.po, po)
            replaced.append((files.po, old_po))
            atomic_write(files.mo, mo)
            replaced.append((files.mo, old_mo))
    except BaseException:
        _restore(replaced)
        raise
    finally:
        if undo is not None:
            undo.unlink(missing_ok=True)


def _compiled(po: Path) -> bytes:
    return dump_mo(parse_po(po.read_bytes(), po.parent.parent.name))


def _needs_repair(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    if temp_files(po) or temp_files(mo) or temp_files(undo_path(po)):
        return True
    current = _read(mo)
    return current is not None and current != _compiled(po)


def _repair_locale(po: Path) -> list[Path]:
    mo = po.with_suffix(".mo")
    interrupted_mo = temp_files(mo)
    leftovers = temp_files(po) + temp_files(undo_path(po)) + interrupted_mo
    for path in leftovers:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    current = _read(mo)
    if current is None and not interrupted_mo:
        return leftovers
    compiled = _compiled(po)
    if current != compiled:
        atomic_write(mo, compiled)
        return [*leftovers, mo]
    return leftovers


def settle_locale(po: Path, newest_revision: Callable[[str], str | None]) -> bool:
    """Settle the undo copy a killed writer left beside ``po``, if any; True if it was undone.

    The caller holds the write lock: a live writer removes its copy before releasing it, so
    any copy seen here is a dead writer's. Run before every write, so that a live process
    never takes a dead one's unrecorded edit as the base of its own (nor overwrites the
    copy that would undo it).
    """
    undo = undo_path(po)
    try:
        old = undo.read_bytes()
    except FileNotFoundError:
        return False
    current = _read(po)
    undone = current is None or newest_revision(po.parent.parent.name) != content_revision(current)
    if undone:
        atomic_write(po, old)
        atomic_write(po.with_suffix(".mo"), _compiled(po))
        log.warning("undid a catalog write whose history was never committed: %s", po)
    undo.unlink()
    return undone


def settle(locales_dir: Path, newest_revision: Callable[[str], str | None]) -> list[Path]:
    """Finish or undo the recorded writes a killed writer left between files and history.

    ``newest_revision(locale_dir_name)`` is the revision of the history's newest row for
    that locale. Runs under the write lock (see ``settle_locale``). Returns the POs put back.
    """
    pattern = f"*/LC_MESSAGES/{DOMAIN}.po{UNDO_SUFFIX}"
    if not locales_dir.is_dir() or not any(locales_dir.glob(pattern)):
        return []
    with write_lock(locales_dir):
        return [
            po
            for undo in sorted(locales_dir.glob(pattern))
            if settle_locale(po := undo.with_name(f"{DOMAIN}.po"), newest_revision)
        ]


def repair(locales_dir: Path) -> list[Path]:
    """Undo what killed writers left in ``locales_dir``; the files removed or rewritten.

    Removes temporary files of atomic writes and recompiles each MO that differs from its
    PO's compilation (or is missing while an interrupted MO write was found). A first look
    takes no lock and writes nothing; only a locale that needs repair is repaired, under the
    write lock (so no live writer is mid-way) and after looking again. A locales directory
    that cannot be written (read-only deployments) is left as it is.
    """
    if not locales_dir.is_dir():
        return []
    fixed: list[Path] = []
    try:
        suspect = [
            po for po in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")) if _needs_repair(po)
        ]
        if suspect:
            with write_lock(locales_dir):
                for po in suspect:
                    fixed.extend(_repair_locale(po))
    except (OSError, ValueError) as exc:
        log.warning("catalogs in %s not repaired: %s", locales_dir, exc)
    if fixed:
        log.warning("repaired interrupted catalog writes: %s", ", ".join(map(str, fixed)))
    return fixed
