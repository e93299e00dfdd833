"""Editing entries over HTTP: ETags, validation, unknown entries, roles, new locales, templates."""

from __future__ import annotations

import gettext
from io import BytesIO

import pytest

from service.catalogs.codec import parse_po
from service.catalogs.locales import catalog_path, template_path

PUT = "/api/v1/catalogs/zh-Hans/entries"


def test_put_saves_and_returns_the_new_etag(client, ana, etag_of, entry_of, stored) -> None:
    before = etag_of("zh-Hans")
    edit = {"msgid": "Open", "msgctxt": "menu", "msgstr": "打开文件"}

    response = client.put(PUT, json=edit, headers={**ana, "If-Match": before})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["etag"] == response.headers["ETag"] == etag_of("zh-Hans") != before
    assert body["changed"] == [
        {
            "msgid": "Open",
            "msgctxt": "menu",
            "old": "打开",
            "new": "打开文件",
            "old_fuzzy": False,
            "fuzzy": False,
        }
    ]
    assert entry_of("zh-Hans", "Open", "menu")["msgstr"] == "打开文件"
    served = gettext.GNUTranslations(BytesIO(stored("zh-Hans", "mo")))
    assert served.pgettext("menu", "Open") == "打开文件"
    assert parse_po(stored("zh-Hans")).last_translator == "ana"


def test_put_many_entries_with_plural_forms_and_fuzzy(client, ana, etag_of, entry_of) -> None:
    edits = [
        {"msgid": "Line one\nLine two", "msgstr": "第一行\n第二行", "fuzzy": True},
        {"msgid": "%(num)d file", "msgstr_plural": ["%(num)d 份文件"]},
        {"msgid": "Delete", "msgstr": "删除", "fuzzy": False},
    ]

    response = client.put(
        PUT, json={"entries": edits}, headers={**ana, "If-Match": etag_of("zh-Hans")}
    )

    assert response.status_code == 200, response.get_json()
    assert len(response.get_json()["changed"]) == 3
    assert entry_of("zh-Hans", "Line one\nLine two")["state"] == "fuzzy"
    assert entry_of("zh-Hans", "%(num)d file")["msgstr_plural"] == ["%(num)d 份文件"]
    assert entry_of("zh-Hans", "Delete")["state"] == "translated"


@pytest.mark.parametrize("form", ['W/"{}"', "{}", ' "{}" '])
def test_if_match_accepts_weak_and_unquoted_etags(client, ana, runtime, form) -> None:
    revision = runtime.catalogs.revision("zh-Hans")
    edit = {"msgid": "Hello", "msgstr": "您好"}

    response = client.put(PUT, json=edit, headers={**ana, "If-Match": form.format(revision)})

    assert response.status_code == 200, response.get_json()


@pytest.mark.parametrize("header", [None, "", "*"])
def test_missing_if_match_is_428(client, ana, locales_dir, header) -> None:
    before = catalog_path(locales_dir, "zh-Hans").read_bytes()
    headers = ana if header is None else {**ana, "If-Match": header}

    response = client.put(PUT, json={"msgid": "Hello", "msgstr": "嗨"}, headers=headers)

    assert response.status_code == 428
    assert "If-Match" in response.get_json()["error"]
    assert catalog_path(locales_dir, "zh-Hans").read_bytes() == before


def test_stale_etag_is_412_with_what_changed(client, ana, ben, etag_of) -> None:
    seen = etag_of("zh-Hans")
    first = {"msgid": "Hello", "msgstr": "您好"}
    assert client.put(PUT, json=first, headers={**ana, "If-Match": seen}).status_code == 200

    late = client.put(
        PUT,
        json={"entries": [{"msgid": "Hello", "msgstr": "哈喽"}, {"msgid": "Save", "msgstr": "存"}]},
        headers={**ben, "If-Match": seen},
    )

    assert late.status_code == 412
    body = late.get_json()
    assert body["etag"] == late.headers["ETag"] == etag_of("zh-Hans")
    assert body["changed"] == [{"msgid": "Hello", "msgctxt": None}]
    assert [(e["msgid"], e["msgstr"]) for e in body["entries"]] == [("Hello", "您好")]


def test_unknown_entries_and_locales_are_404(client, ana, etag_of, locales_dir) -> None:
    before = catalog_path(locales_dir, "zh-Hans").read_bytes()
    edits = [{"msgid": "Hello", "msgstr": "你好呀"}, {"msgid": "Open", "msgstr": "开"}]

    unknown = client.put(
        PUT, json={"entries": edits}, headers={**ana, "If-Match": etag_of("zh-Hans")}
    )
    locale = client.put(
        "/api/v1/catalogs/ja/entries", json=edits[0], headers={**ana, "If-Match": '"x"'}
    )

    assert unknown.status_code == 404
    assert unknown.get_json()["entries"] == [{"msgid": "Open", "msgctxt": None}]
    assert locale.status_code == 404
    assert catalog_path(locales_dir, "zh-Hans").read_bytes() == before


def test_invalid_edits_are_422_per_entry_and_write_nothing(client, ana, etag_of) -> None:
    etag = etag_of("zh-Hans")
    edits = [
        {"msgid": "Hello", "msgstr": "你好呀"},
        {"msgid": "Welcome, %(name)s!", "msgstr": "欢迎！"},
        {"msgid": "%(num)d file", "msgstr_plural": ["%(num)d 个", "%(num)d 个"]},
    ]

    response = client.put(PUT, json={"entries": edits}, headers={**ana, "If-Match": etag})

    assert response.status_code == 422
    problems = {e["msgid"]: e["problems"] for e in response.get_json()["entries"]}
    assert set(problems) == {"Welcome, %(name)s!", "%(num)d file"}
    assert problems["Welcome, %(name)s!"][0]["code"] == "placeholders"
    assert problems["%(num)d file"][0]["code"] == "plural_forms"
    assert etag_of("zh-Hans") == etag


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"entries": [{"msgid": "Hello", "msgstr": 5}]}, 422),
        ({"entries": [{"msgid": "Hello"}]}, 422),
        ({"entries": [{"msgid": "Hello", "msgstr": "x", "fuzzy": "no"}]}, 422),
        ({"entries": ["Hello"]}, 422),
        ({"entries": []}, 400),
        ({"nothing": 1}, 400),
        ([1, 2], 400),
    ],
)
def test_malformed_bodies_are_4xx(client, ana, etag_of, body, status) -> None:
    response = client.put(PUT, json=body, headers={**ana, "If-Match": etag_of("zh-Hans")})

    assert response.status_code == status
    assert "error" in response.get_json()


def test_create_locale_from_the_template(client, ana, etag_of) -> None:
    created = client.post("/api/v1/catalogs", json={"locale": "ja"}, headers=ana)
    again = client.post("/api/v1/catalogs", json={"locale": "ja"}, headers=ana)
    bogus = client.post("/api/v1/catalogs", json={"locale": "not a locale"}, headers=ana)
    missing = client.post("/api/v1/catalogs", json={}, headers=ana)

    assert created.status_code == 201, created.get_json()
    assert created.headers["Location"].endswith("/api/v1/catalogs/ja")
    assert created.headers["ETag"] == etag_of("ja")
    assert created.get_json()["total"] == 11 and created.get_json()["untranslated"] == 11
    assert again.status_code == 409
    assert bogus.status_code == 422
    assert bogus.get_json() == {
        "error": "'not a locale' is not a known locale",
        "locale": "not a locale",
    }
    assert missing.status_code == 400


def test_update_from_template_keeps_translations_and_marks_changed_fuzzy(
    client, ana, locales_dir, entry_of
) -> None:
    pot = template_path(locales_dir)
    pot.write_bytes(
        pot.read_bytes().replace(b'msgid "Welcome, %(name)s!"', b'msgid "Welcome back, %(name)s!"')
    )

    response = client.post("/api/v1/catalogs/zh-Hans/update", headers=ana)

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["etag"] == response.headers["ETag"]
    changed = entry_of("zh-Hans", "Welcome back, %(name)s!")
    assert changed["state"] == "fuzzy" and changed["msgstr"] == "欢迎，%(name)s！"
    assert entry_of("zh-Hans", "Hello")["msgstr"] == "你好"
    assert client.post("/api/v1/catalogs/ja/update", headers=ana).status_code == 404


WRITES = [
    ("put", PUT, {"json": {"msgid": "Hello", "msgstr": "嗨"}}),
    ("post", "/api/v1/catalogs/zh-Hans/import?format=po", {"data": b'msgid "Hello"\nmsgstr "x"'}),
    ("post", "/api/v1/catalogs/zh-Hans/suggest", {"json": {}}),
    ("post", "/api/v1/catalogs", {"json": {"locale": "zh-Hans"}}),
    ("post", "/api/v1/catalogs/zh-Hans/update", {}),
    ("post", "/api/v1/catalogs/zh-Hans/history/1/revert", {}),
    ("get", "/api/v1/catalogs/zh-Hans/history", {}),
]


@pytest.mark.parametrize(
    ("auth", "status"),
    [(None, 401), ("Bearer nope", 401), ("Basic abc", 401), ("publisher", 403)],
)
def test_writes_need_a_localizer_token(client, token, locales_dir, etag_of, auth, status) -> None:
    before = catalog_path(locales_dir, "zh-Hans").read_bytes()
    headers = {"If-Match": etag_of("zh-Hans")}
    if auth == "publisher":
        headers.update(token("pub", "publisher"))
    elif auth:
        headers["Authorization"] = auth

    for method, url, kwargs in WRITES:
        response = getattr(client, method)(url, headers=headers, **kwargs)

        assert response.status_code == status, (method, url)
        assert "error" in response.get_json()
    assert catalog_path(locales_dir, "zh-Hans").read_bytes() == before
    assert sorted(p.name for p in locales_dir.iterdir()) == [
        "en",
        "messages.pot",
        "pt_BR",
        "zh_Hans",
        "zh_Hant",
    ]


def test_admin_may_write(client, token, etag_of) -> None:
    headers = {**token("root", "admin"), "If-Match": etag_of("zh-Hans")}

    assert (
        client.put(PUT, json={"msgid": "Hello", "msgstr": "嗨"}, headers=headers).status_code == 200
    )
