"""Damaged files of every format: each answer is 200, 400 or 413 (with a message), never a 5xx.

Every member of each archive is in turn removed, replaced by garbage, by well-formed XML of
the wrong shape, and cut in half; the archives and text files are cut at several points.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from tests.translation.documents.builders import (
    XLIFF_12,
    epub_file,
    odp_file,
    odt_file,
    po_file,
    powerpoint_file,
    word_file,
)
from tests.translation.documents.samples import ENGLISH, KEPT

_SRT = (
    f"1\n00:00:01,000 --> 00:00:03,500\n{ENGLISH[0]}\n\n"
    f"2\n00:00:04,000 --> 00:00:05,000\n{KEPT}\n"
)
_MD = f"# {ENGLISH[0]}\n\n[{ENGLISH[1]}](https://x.org) **{ENGLISH[2]}**\n\n| a | b |\n|-|-|\n"


def _rezip(members: list[tuple[zipfile.ZipInfo, bytes | None]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, data in members:
            if data is not None:
                archive.writestr(info, data)
    return out.getvalue()


def _archive_variants(data: bytes) -> Iterator[bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = [(info, archive.read(info)) for info in archive.infolist()]
    for index, (info, content) in enumerate(members):
        for replacement in (None, b"\x00garbage\xff", b"<x/>", content[: len(content) // 2]):
            changed = list(members)
            changed[index] = (info, replacement)
            yield _rezip(changed)
    for cut in (10, len(data) // 2, len(data) - 10):
        yield data[:cut]


def _text_variants(data: bytes) -> Iterator[bytes]:
    for cut in (1, len(data) // 3, len(data) // 2, len(data) - 3):
        yield data[:cut]
    yield data.replace(b"-->", b"->")
    yield data.replace(b"<", b"<<")


_SAMPLES = {
    "report.docx": (word_file, _archive_variants),
    "deck.pptx": (powerpoint_file, _archive_variants),
    "report.odt": (odt_file, _archive_variants),
    "deck.odp": (odp_file, _archive_variants),
    "book.epub": (epub_file, _archive_variants),
    "messages.po": (po_file, _text_variants),
    "app.xliff": (lambda: XLIFF_12.encode(), _text_variants),
    "film.srt": (lambda: _SRT.encode(), _text_variants),
    "guide.md": (lambda: _MD.encode(), _text_variants),
}


@pytest.mark.parametrize("name", sorted(_SAMPLES))
def test_damaged_files_never_fail_the_server(files_client: FlaskClient, name: str) -> None:
    build, variants = _SAMPLES[name]
    statuses = []
    for data in variants(build()):
        response = files_client.post(
            "/translate_file",
            data={"file": (io.BytesIO(data), name), "source": "auto", "target": "zh-Hans"},
            content_type="multipart/form-data",
        )
        body = response.get_json()
        assert response.status_code in (200, 400, 413), body
        assert response.status_code == 200 or body["error"]
        statuses.append(response.status_code)
    if not name.endswith(".md"):  # any text is Markdown
        assert 400 in statuses
