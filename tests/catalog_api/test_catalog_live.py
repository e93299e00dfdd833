"""A catalog edit reaches every worker of a running ``mixlate serve`` as soon as the PUT returns.

The service runs for real: gunicorn with two worker processes of four threads each, on a
copy of the shipped catalogs, the test models and a database of its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.articles.sample_page import sample_article
from tests.support.live import Server, mixlate_serve

EDITED = "相关报道（刚改）"


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


@pytest.fixture
def server(models_dir: Path, tmp_path: Path) -> Iterator[Server]:
    with mixlate_serve(models_dir, tmp_path, {"site": "publisher", "ana": "localizer"}) as running:
        yield running


def test_an_edit_is_served_by_every_worker_at_once(server: Server) -> None:
    publisher, localizer = server.tokens["publisher"], server.tokens["localizer"]
    status, _, body = server.request("POST", "/api/v1/articles", sample_article(), publisher)
    assert status == 201, body
    page = f"/articles/{json.loads(body)['id']}?lang=zh-Hans"

    def fetch(path: str) -> str:
        status, _, body = server.request("GET", path)
        assert status == 200, body[:500]
        return body.decode()

    assert "相关文章" in fetch(page)
    status, headers, _ = server.request("GET", "/api/v1/catalogs/zh-Hans")
    edit = {"msgid": "Related articles", "msgstr": EDITED}
    ticks = {pid: _cpu_ticks(pid) for pid in server.workers()}

    status, _, body = server.request(
        "PUT", "/api/v1/catalogs/zh-Hans/entries", edit, {**localizer, "If-Match": headers["ETag"]}
    )
    assert status == 200, body
    paths = [page, "/api/v1/catalogs/zh-Hans?q=Related"] * 30
    with ThreadPoolExecutor(8) as pool:
        served = list(pool.map(fetch, paths))

    assert all(EDITED in text and "相关文章" not in text for text in served[0::2])
    assert all(json.loads(text)["entries"][0]["msgstr"] == EDITED for text in served[1::2])
    assert all(_cpu_ticks(pid) > before for pid, before in ticks.items()), "a worker sat idle"
