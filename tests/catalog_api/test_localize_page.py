"""The editor page as the server renders it: localized by the catalogs it edits, locked down."""

from __future__ import annotations

import json
import re


def _messages(html: str) -> dict[str, str]:
    found = re.search(r'<script id="editor-messages" type="application/json">(.*?)</script>', html)
    assert found is not None
    return json.loads(found.group(1))


def test_the_editor_speaks_the_localizers_language(client, ana, etag_of) -> None:
    english = client.get("/localize", headers={"Accept-Language": "en-US"})
    chinese = client.get("/localize?ui=zh-Hans")

    assert english.status_code == chinese.status_code == 200
    assert '<html lang="en">' in english.text and '<html lang="zh-Hans">' in chinese.text
    assert _messages(english.text)["save"] == "Save"
    assert _messages(chinese.text)["save"] == "保存"
    assert chinese.headers["Content-Language"] == "zh-Hans"

    edit = {"msgid": "Save", "msgstr": "存档"}
    headers = {**ana, "If-Match": etag_of("zh-Hans")}
    assert (
        client.put("/api/v1/catalogs/zh-Hans/entries", json=edit, headers=headers).status_code
        == 200
    )

    assert _messages(client.get("/localize?ui=zh-Hans").text)["save"] == "存档"


def test_the_editor_page_is_locked_down(client) -> None:
    response = client.get("/localize")
    scripts = [client.get(f"/static/localize/{name}.js") for name in ("editor", "dom")]

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["Cache-Control"] == "no-store"
    assert all(s.status_code == 200 and "innerHTML" not in s.text for s in scripts)
    assert 'type="module"' in response.text
    assert client.get("/static/localize/nothing.js").status_code == 404
    assert 'id="token" name="token" type="password"' in response.text
    assert 'role="status" aria-live="polite"' in response.text
