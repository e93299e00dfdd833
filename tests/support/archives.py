"""Broken package files made from a good one: truncated, damaged, incomplete, bad metadata."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path


def truncated_copy(source: Path, dest: Path) -> Path:
    """The first half of ``source``: no central directory, so not a zip archive any more."""
    data = source.read_bytes()
    dest.write_bytes(data[: len(data) // 2])
    return dest


def damaged_copy(source: Path, dest: Path, member_suffix: str = "model/model.bin") -> Path:
    """``source`` with bytes of one member's compressed data overwritten (a CRC/zlib error)."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as zipped:
        info = next(i for i in zipped.infolist() if i.filename.endswith(member_suffix))
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 :][:4])
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    dest.write_bytes(bytes(data))
    return dest


def rewritten_copy(
    source: Path, dest: Path, drop: str | None = None, replace: dict[str, bytes] | None = None
) -> Path:
    """``source`` without members whose path contains ``drop``, and with some replaced.

    ``replace`` maps a member's path below the top-level folder (``metadata.json``) to bytes.
    """
    replace = replace or {}
    with zipfile.ZipFile(source) as zipped, zipfile.ZipFile(dest, "w") as out:
        for info in zipped.infolist():
            if drop is not None and drop in info.filename:
                continue
            inner = info.filename.partition("/")[2]
            out.writestr(info, replace.get(inner, zipped.read(info)))
    return dest
