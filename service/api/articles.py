"""Article endpoints: publishers write articles, anyone reads them in any available locale.

A localized article is cacheable: its strong ETag is the article service's validator (see
``service.articles.freshness``), ``If-None-Match`` gets ``304`` without rendering, and the
rendered JSON is kept per process under the same validator (``service.http.conditional``).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for

from service.api.auth import requires_role
from service.api.jobs import accepted
from service.articles.model import (
    MAX_AUTHOR,
    MAX_ITEMS,
    MAX_TEXT,
    MAX_TITLE,
    MAX_URL,
    RELATED_LABELS,
    Article,
)
from service.articles.negotiation import match_locale, negotiate
from service.articles.present import list_item
from service.articles.service import ArticleService, Published
from service.http.conditional import Policy, cached_response, document_conditional
from service.http.errors import ApiError
from service.http.openapi import documented
from service.http.requests import json_object, paging
from service.jobs.present import job_path
from service.runtime import current_runtime

bp = Blueprint("articles", __name__)

MAX_PER_PAGE = 100
_PAGE, _PER_PAGE = paging(20, MAX_PER_PAGE)
_LOCALE_PARAM = {
    "name": "locale",
    "in": "query",
    "required": False,
    "description": "Locale to serve (BCP-47); negotiated from Accept-Language when omitted",
    "schema": {"type": "string", "example": "zh-Hans"},
}
_TEXT = {"type": "string", "maxLength": MAX_TEXT}
# An absolute http(s) URL with a host and no whitespace, as the server checks it.
_URL = {
    "type": "string",
    "format": "uri",
    "maxLength": MAX_URL,
    "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/]\S*$",
}
# The server refuses an empty or all-blank required text: at least one non-space character.
_FILLED = {"type": "string", "minLength": 1, "pattern": r"\S"}
_TITLE = {**_FILLED, "maxLength": MAX_TITLE}
_ARTICLE_BODY = {
    "type": "object",
    "required": ["title", "body"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$"},
        "title": _TITLE,
        "summary": _TEXT,
        "body": _FILLED,
        "body_format": {"type": "string", "enum": ["text", "html"]},
        "captions": {
            "type": "array",
            "maxItems": MAX_ITEMS,
            "items": {**_FILLED, "maxLength": MAX_TEXT},
        },
        "images": {
            "type": "array",
            "maxItems": MAX_ITEMS,
            "items": {
                "type": "object",
                "required": ["url"],
                "additionalProperties": False,
                "properties": {
                    "url": _URL,
                    "alt": _TEXT,
                    "caption": _TEXT,
                    "ai_generated": {"type": "boolean"},
                },
            },
        },
        "reactions": _TEXT,
        "author": {"type": "string", "maxLength": MAX_AUTHOR},
        "related": {
            "type": "array",
            "maxItems": MAX_ITEMS,
            "items": {
                "type": "object",
                "required": ["title"],
                "additionalProperties": False,
                "properties": {
                    "title": _TITLE,
                    "summary": _TEXT,
                    "url": _URL,
                    "label": {"type": "string", "enum": list(RELATED_LABELS)},
                },
            },
        },
        "source_url": _URL,
        "published_at": {"type": "string", "format": "date-time"},
        "locales": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Locales to translate into in the background (default: the site's)",
        },
    },
}
_WRITTEN = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "revision": {"type": "integer"},
        "jobs": {
            "type": "object",
            "description": "The background translation job of each locale",
            "additionalProperties": {
                "type": "object",
                "properties": {"id": {"type": "string"}, "url": {"type": "string"}},
            },
        },
    },
}
_UNTRANSLATED = {
    "type": "object",
    "additionalProperties": {"type": "string"},
    "description": "Each language left as published for want of a model, with the reason "
    "(the command that installs one)",
}
_FIELD_INFO = {
    "type": "object",
    "required": ["translated", "from", "via"],
    "properties": {
        "translated": {"type": "boolean"},
        "from": {"type": "array", "items": {"type": "string"}},
        "via": {
            "type": "array",
            "items": {"type": "string"},
            "description": "How its segments got here: translated, catalog, memory, converted",
        },
        "untranslated": _UNTRANSLATED,
    },
}
_FIELDS_DESCRIPTION = (
    "Shaped like the article (title, summary, body, reactions, author, captions[], "
    "images[].alt/caption, related[].title/summary): at each text, whether it was translated, "
    "from which languages, how, and which languages it keeps as published (untranslated)"
)
_LIST_ITEM = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "revision": {"type": "integer"},
        "title": {"type": "string"},
        "summary": {"type": "string"},
        "author": {"type": "string"},
        "published_at": {"type": "string", "nullable": True},
        "published_display": {"type": "string", "nullable": True},
        "untranslated": _UNTRANSLATED,
        "url": {"type": "string"},
    },
}
_LOCALIZED = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "revision": {"type": "integer"},
        "locale": {"type": "string"},
        "available_locales": {"type": "array", "items": {"type": "string"}},
        "title": {"type": "string"},
        "fields": {
            "type": "object",
            "description": _FIELDS_DESCRIPTION,
            "properties": {"title": _FIELD_INFO, "summary": _FIELD_INFO, "body": _FIELD_INFO},
        },
        "ui": {"type": "object", "additionalProperties": {"type": "string", "nullable": True}},
        "original": {
            "type": "object",
            "properties": {
                "languages": {"type": "object", "additionalProperties": {"type": "number"}},
                "main_language": {"type": "string", "nullable": True},
                "translated_from": {"type": "array", "items": {"type": "string"}},
                "article_translated_from": {"type": "array", "items": {"type": "string"}},
                "related_translated_from": {
                    "type": "array",
                    "items": {"type": "array", "items": {"type": "string"}},
                },
                "untranslated": _UNTRANSLATED,
            },
        },
        "review_state": {
            "type": "string",
            "nullable": True,
            "enum": ["machine", "partly-reviewed", "reviewed", "needs-review"],
            "description": "How far editors reviewed this locale's translation (null: nothing "
            "in this locale was translated)",
        },
    },
}


_POLICY = Policy(vary=("Accept-Language",))


def _service() -> ArticleService:
    return current_runtime().articles


def _served_locale(available: list[str]) -> str:
    """``?locale=`` matched against the available locales, else negotiated (400 if unknown)."""
    requested = request.args.get("locale")
    if not requested:
        return negotiate(request.headers.get("Accept-Language"), available)
    found = match_locale(requested, available)
    if found is None:
        raise ApiError(
            400, f"Locale '{requested[:64]}' is not available", available_locales=available
        )
    return found


def _written(published: Published) -> dict[str, Any]:
    article = published.article
    body: dict[str, Any] = {"id": article.id, "revision": article.revision}
    if published.jobs:
        body["jobs"] = {
            locale: {"id": job.id, "url": job_path(job.id)}
            for locale, job in published.jobs.items()
        }
    return body


def _wants_async() -> bool:
    prefer = request.headers.get("Prefer", "")
    return any(part.strip().lower() == "respond-async" for part in prefer.split(","))


def _localized_response(body: dict[str, Any], locale: str, status: int = 200) -> Response:
    response = jsonify(body)
    response.status_code = status
    response.headers["Content-Language"] = locale
    response.vary.add("Accept-Language")
    return response


@bp.post("/api/v1/articles")
@documented(
    "Store an article (publisher or admin)",
    tags=("articles",),
    body=_ARTICLE_BODY,
    response=_WRITTEN,
    errors=(400, 401, 403, 409, 413, 415, 422),
    security=True,
    status=201,
)
@requires_role("publisher")
def create_article():  # noqa: ANN201
    published = _service().publish(json_object())
    response = jsonify(_written(published))
    response.status_code = 201
    response.headers["Location"] = url_for(".get_article", article_id=published.article.id)
    return response


@bp.get("/api/v1/articles")
@documented(
    "List articles, newest first, in a locale",
    tags=("articles",),
    parameters=[
        _LOCALE_PARAM,
        _PAGE.parameter(),
        _PER_PAGE.parameter(),
    ],
    response={
        "type": "object",
        "properties": {"articles": {"type": "array", "items": _LIST_ITEM}},
    },
    errors=(400, 503),
)
def list_articles():  # noqa: ANN201
    service = _service()
    available = service.available_locales()
    locale = _served_locale(available)
    number, per_page = _PAGE.read(), _PER_PAGE.read()
    articles, total = service.page(number, per_page)
    items = []
    for article in articles:
        localized = service.localized(article, locale)
        url = url_for(".get_article", article_id=article.id, locale=locale)
        items.append(
            list_item(article, localized["texts"], localized["fields"], locale) | {"url": url}
        )
    body = {
        "locale": locale,
        "available_locales": available,
        "page": number,
        "per_page": per_page,
        "total": total,
        "pages": (total + per_page - 1) // per_page,
        "articles": items,
    }
    return _localized_response(body, locale)


@bp.get("/api/v1/articles/<article_id>")
@documented(
    "An article with every field, and the page's UI strings, in a locale",
    tags=("articles",),
    parameters=[_LOCALE_PARAM],
    response=_LOCALIZED,
    errors=(400, 404, 503),
)
def get_article(article_id: str):  # noqa: ANN201
    service = _service()
    article = service.current(article_id)
    available = service.serving_locales()
    locale = _served_locale(available)
    job = service.pending_job(article, locale) if _wants_async() else None
    if job is not None:
        return accepted({"id": job.id, "state": str(job.state), "url": job_path(job.id)}, job.id)
    # The view: the representation and the code version that shapes it.
    etag = service.validator(article, locale, available, ("api", current_runtime().version))
    return cached_response(etag, _POLICY, lambda: _localized(article, locale, available))


def _localized(article: Article, locale: str, available: list[str]) -> Response:
    """The article in ``locale`` with the locale's review state (the memory revision that
    the state depends on is part of the validator)."""
    body = _service().serve(article, locale, available)
    translated = bool(body["original"]["translated_from"])
    body["review_state"] = current_runtime().review.state(article, locale) if translated else None
    return _localized_response(body, locale)


document_conditional(get_article)


# With ``Prefer: respond-async``, a translation not stored yet answers 202 with its job.
get_article.__openapi__["responses"]["202"] = {  # type: ignore[attr-defined]
    "description": "Being translated in the background; Location is the job",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["id", "state", "url"],
                "properties": {
                    "id": {"type": "string"},
                    "state": {"type": "string"},
                    "url": {"type": "string"},
                },
            }
        }
    },
}


@bp.put("/api/v1/articles/<article_id>")
@documented(
    "Replace an article's content; its translations are made anew (publisher or admin)",
    tags=("articles",),
    body=_ARTICLE_BODY,
    response=_WRITTEN,
    errors=(400, 401, 403, 404, 413, 415, 422),
    security=True,
)
@requires_role("publisher")
def update_article(article_id: str):  # noqa: ANN201
    return jsonify(_written(_service().republish(article_id, json_object())))


@bp.delete("/api/v1/articles/<article_id>")
@documented(
    "Delete an article and its translations (publisher or admin)",
    tags=("articles",),
    errors=(401, 403, 404),
    security=True,
    status=204,
)
@requires_role("publisher")
def delete_article(article_id: str):  # noqa: ANN201
    _service().delete(article_id)
    return "", 204
