"""``/translate_file`` and ``/download_file`` over HTTP: format by content, limits, safety, expiry.

Real test models; a live server for the client test. Bad files are 400 with the reason, too
large ones (file, unpacked archive, text) 413, never a 5xx; names cannot leave the directory.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime, timedelta

import docx
import requests
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from service.store.tables import DocumentFileRow
from tests.support.apps import AppFactory
from tests.support.servers import serve_in_thread

ENGLISH = "Please read the instructions carefully before you start."


def _word(text: str = ENGLISH) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _post(client: FlaskClient, name: str, data: bytes, **fields: str):  # noqa: ANN202
    form = {"source": "auto", "target": "zh-Hans", **fields}
    return client.post(
        "/translate_file",
        data={"file": (io.BytesIO(data), name), **form},
        content_type="multipart/form-data",
    )


def _download(client: FlaskClient, response) -> tuple[bytes, str]:  # noqa: ANN001
    assert response.status_code == 200, response.get_json()
    path = response.get_json()["translatedFileUrl"].removeprefix("http://localhost")
    download = client.get(path)
    assert download.status_code == 200
    return download.data, download.headers["Content-Disposition"]


def _stored(app: Flask) -> list[str]:
    """The names of the stored translated files (in the database, which every node shares)."""
    with app.extensions["mixlate"].database.session() as session:
        return sorted(session.scalars(select(DocumentFileRow.name)))


def _age(app: Flask, name: str, seconds: float) -> None:
    """Make the stored file ``name`` as if written ``seconds`` ago."""
    with app.extensions["mixlate"].database.session() as session:
        row = session.get(DocumentFileRow, name)
        row.created_at = datetime.now(UTC) - timedelta(seconds=seconds)  # type: ignore[union-attr]


def test_wrong_extension_with_right_content_works(app: Flask) -> None:
    client = app.test_client()
    data, disposition = _download(client, _post(client, "report.txt", _word()))
    assert "report.docx" in disposition
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text not in ("", ENGLISH)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_bad_files_are_400_with_the_reason(app: Flask) -> None:
    client = app.test_client()
    cases = {
        ("report.docx", os.urandom(4096)): "neither that format nor UTF-8",
        ("report.docx", ENGLISH.encode()): "content is not that format",
        ("scan.pdf", b"%PDF-1.7\n" + os.urandom(100)): "PDF",
        ("table.csv", b"a,b\n1,2\n"): "file format not supported",
        ("archive.docx", _zip({"readme.txt": b"hello"})): "ZIP archive but not",
        ("broken.docx", b"PK\x03\x04" + os.urandom(200)): "damaged ZIP",
        ("film.srt", b"1\n00:00:01,000 --> nonsense\n"): "not valid SubRip",
        ("film.srt", b"Just some words.\n"): "not that format",
        ("app.xliff", b'<?xml version="1.0"?><xliff><file>'): "not well-formed",
    }
    for (name, data), reason in cases.items():
        response = _post(client, name, data)
        assert response.status_code == 400, (name, response.get_json())
        assert reason in response.get_json()["error"], (name, response.get_json())
    assert _post(client, "", b"x").get_json()["error"] == "Invalid request: empty file"
    missing = client.post("/translate_file", data={"target": "zh-Hans", "source": "auto"})
    assert missing.get_json()["error"] == "Invalid request: missing file parameter"
    no_target = _post(client, "a.txt", b"Hello there.", target="")
    assert no_target.get_json()["error"] == "Invalid request: missing target parameter"
    assert _post(client, "a.txt", b"Hello there.", target="xx-nope").status_code == 400


_ENTITIES = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file><body>
<trans-unit id="a"><source>&lol2;</source></trans-unit></body></file></xliff>"""
_EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file><body>
<trans-unit id="a"><source>&secret;</source></trans-unit></body></file></xliff>"""


def test_xml_with_a_dtd_or_entities_is_refused(app: Flask) -> None:
    client = app.test_client()
    word = zipfile.ZipFile(io.BytesIO(_word()))
    members = {name: word.read(name) for name in word.namelist()}
    document = members["word/document.xml"]
    members["word/document.xml"] = document.replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY x "boom">]>', 1
    )
    cases = (("app.xliff", _ENTITIES), ("app.xliff", _EXTERNAL), ("r.docx", _zip(members)))
    for name, data in cases:
        response = _post(client, name, data)
        assert response.status_code == 400, response.get_json()
        assert "DTD" in response.get_json()["error"]
        assert b"root:" not in response.data


def test_zip_bombs_are_413(app_factory: AppFactory) -> None:
    client = app_factory(files_max_unzipped_bytes=1_000_000, files_max_zip_entries=50).test_client()
    inflating = _zip({"word/document.xml": b"\0" * 5_000_000})
    assert len(inflating) < 20_000
    many = _zip({f"word/media/{n}.xml": b"" for n in range(51)} | {"word/document.xml": b""})
    for data in (inflating, many):
        response = _post(client, "bomb.docx", data)
        assert response.status_code == 413, response.get_json()
        assert "at most" in response.get_json()["error"]


def test_size_and_text_limits_are_413_naming_the_limit(app_factory: AppFactory) -> None:
    client = app_factory(files_max_bytes=2_000, files_max_chars=100).test_client()
    for data in (b"word " * 500, b"word " * 100_000):
        response = _post(client, "big.txt", data)
        assert response.status_code == 413, response.get_json()
        assert "2000 bytes" in response.get_json()["error"]
    response = _post(client, "long.txt", ((ENGLISH + "\n\n") * 3).encode())
    assert response.status_code == 413
    assert "at most 100" in response.get_json()["error"]


def test_download_names_cannot_leave_the_directory(app: Flask) -> None:
    client = app.test_client()
    _download(client, _post(client, "a.txt", ENGLISH.encode()))
    (app.extensions["mixlate"].settings.data_dir / "secret.txt").write_text("secret")
    stored = _stored(app)[0]
    hex_part = stored.split(".")[0]
    for path in (
        "/download_file/..%2Fsecret.txt",
        "/download_file/%2e%2e%2fsecret.txt",
        "/download_file/../secret.txt",
        "/download_file/..",
        f"/download_file/{hex_part}.%2E%2E%2F%2E%2E%2Fsecret.txt",
        f"/download_file/{hex_part}..",
        "/download_file/secret.txt",
        f"/download_file/{'0' * 32}.a.txt",
        f"/download_file/{stored}%00",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"secret" not in response.data
    assert client.get(f"/download_file/{stored}").status_code == 200


def test_expired_files_are_404_and_deleted(app_factory: AppFactory) -> None:
    app = app_factory(files_ttl_seconds=60)
    client = app.test_client()
    first = _post(client, "a.txt", ENGLISH.encode()).get_json()["translatedFileUrl"]
    (name,) = _stored(app)
    _age(app, name, 61)
    assert client.get(first.removeprefix("http://localhost")).status_code == 404
    assert _stored(app) == []
    second = _post(client, "b.txt", ENGLISH.encode()).get_json()["translatedFileUrl"]
    (older,) = _stored(app)
    _age(app, older, 61)
    _post(client, "c.txt", ENGLISH.encode())  # each save deletes what expired
    assert older not in _stored(app) and len(_stored(app)) == 1
    assert client.get(second.removeprefix("http://localhost")).status_code == 404


def test_a_real_http_client_translates_a_file_on_a_live_server(app: Flask) -> None:
    """LibreTranslate's web page posts the file as multipart and follows the URL; so does this.

    ``libretranslatepy`` (2.1) has no file call (only translate, detect, languages).
    """
    with serve_in_thread(app) as base:
        response = requests.post(
            f"{base}/translate_file",
            files={"file": ("report.docx", _word())},
            data={"source": "en", "target": "zh-Hans"},
            timeout=120,
        )
        assert response.status_code == 200, response.text
        url = response.json()["translatedFileUrl"]
        assert url.startswith(f"{base}/download_file/") and url.endswith(".report.docx")
        download = requests.get(url, timeout=30)
    assert download.status_code == 200
    assert download.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename=report.docx' in download.headers["Content-Disposition"]
    text = docx.Document(io.BytesIO(download.content)).paragraphs[0].text
    assert text and text != ENGLISH


def test_a_file_no_model_can_translate_names_the_model_to_install(app: Flask) -> None:
    client = app.test_client()
    german = "Die Mitarbeiter arbeiten heute im Büro und morgen zu Hause.".encode()
    response = _post(client, "brief.txt", german)
    assert response.status_code == 503, response.get_json()
    assert response.get_json()["install"].startswith("mixlate models install de ")


def test_a_file_without_text_comes_back_as_it_was(app: Flask) -> None:
    client = app.test_client()
    for name, data in (("empty.txt", b"\n\n  \n"), ("numbers.md", b"| 1 | 2 |\n|---|---|\n")):
        output, _ = _download(client, _post(client, name, data))
        assert output == data


def test_a_zip_member_that_lies_about_its_size_is_not_inflated(app: Flask) -> None:
    """The declared sizes bound what is read: a member inflating past its size fails its check."""
    archive = bytearray(_zip({"word/document.xml": b"\0" * 5_000_000}))
    central = archive.rindex(b"PK\x01\x02")
    archive[central + 24 : central + 28] = (100).to_bytes(4, "little")  # claims 100 bytes
    response = _post(app.test_client(), "liar.docx", bytes(archive))
    assert response.status_code == 400, response.get_json()
    assert "damaged" in response.get_json()["error"]


def test_a_bare_doctype_is_accepted_but_never_loaded(app: Flask) -> None:
    xliff = (
        b'<?xml version="1.0"?><!DOCTYPE xliff SYSTEM "http://127.0.0.1:9/never.dtd">'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file><body>'
        b'<trans-unit id="a"><source>Please read this first.</source></trans-unit>'
        b"</body></file></xliff>"
    )
    output, _ = _download(app.test_client(), _post(app.test_client(), "a.xliff", xliff))
    assert b"<target" in output and b"never.dtd" in output
