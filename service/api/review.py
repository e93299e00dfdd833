"""Review of article translations: read per sentence, correct with ``If-Match`` (editor).

``GET /api/v1/articles/<id>/translations`` says for each available locale whether it is
machine-translated, partly reviewed, reviewed or needs review again;
``GET /api/v1/articles/<id>/translations/<locale>`` gives per field and per sentence the
source, the machine output, the current text and its state, the locale's state and progress,
and an ETag; ``PUT`` with ``If-Match`` and ``{"sentences": [{"field", "index", "text"}]}``
marks those sentences reviewed (memory units of origin ``review``): 428 without If-Match,
412 when the translation changed meanwhile; the stored article translation is then stale
(read anew with the reviewed sentences) and refreshed in the background.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from service.api.auth import requires_role
from service.http.errors import ApiError, bad_request, etag
from service.http.openapi import documented
from service.http.requests import json_object
from service.jobs import JobsUnavailable
from service.review.service import Edit, ReviewView
from service.runtime import current_runtime

log = logging.getLogger(__name__)

bp = Blueprint("review", __name__)

MAX_EDITS = 1000
_SENTENCE = {
    "type": "object",
    "properties": {
        "index": {"type": "integer"},
        "source": {"type": "string"},
        "lang": {"type": "string", "description": "The source sentence's detected language"},
        "machine": {"type": "string"},
        "text": {"type": "string"},
        "state": {"type": "string", "enum": ["machine", "reviewed", "kept"]},
    },
}
_VIEW = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "revision": {"type": "integer"},
        "locale": {"type": "string"},
        "state": {
            "type": "string",
            "enum": ["machine", "partly-reviewed", "reviewed", "needs-review"],
        },
        "progress": {"type": "object"},
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": _SENTENCE}},
    },
}
_PATH = "/api/v1/articles/<article_id>/translations/<locale>"


def _response(view: ReviewView) -> Response:
    response = jsonify(view.to_dict())
    response.headers["ETag"] = etag(view.etag)
    response.headers["Content-Language"] = view.locale
    return response


def _edits(body: dict[str, Any]) -> list[Edit]:
    sentences = body.get("sentences")
    if not isinstance(sentences, list) or not sentences:
        raise bad_request("Field 'sentences' must be a non-empty list")
    if len(sentences) > MAX_EDITS:
        raise ApiError(413, f"{len(sentences)} sentences in one request; the limit is {MAX_EDITS}")
    edits = []
    for number, item in enumerate(sentences):
        ok = (
            isinstance(item, dict)
            and isinstance(item.get("field"), str)
            and isinstance(item.get("index"), int)
            and not isinstance(item.get("index"), bool)
            and isinstance(item.get("text"), str)
            and item["text"].strip()
        )
        if not ok:
            raise bad_request(
                f"sentences[{number}] must be {{field: string, index: integer, text: string}}",
                field=f"sentences[{number}]",
            )
        edits.append(Edit(item["field"], item["index"], item["text"]))
    return edits


@bp.get("/api/v1/articles/<article_id>/translations")
@documented(
    "Which locales of an article are machine-translated, partly reviewed or reviewed",
    tags=("review",),
    response={
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "locales": {"type": "object", "additionalProperties": _VIEW["properties"]["state"]},
        },
    },
    errors=(404, 503),
)
def list_review_states(article_id: str):  # noqa: ANN201
    runtime = current_runtime()
    article = runtime.articles.get(article_id)
    review = runtime.review
    locales = {
        locale: review.state(article, locale) for locale in runtime.articles.available_locales()
    }
    return jsonify({"id": article.id, "locales": locales})


@bp.get(_PATH)
@documented(
    "An article's translation into a locale, sentence by sentence, for review",
    tags=("review",),
    response=_VIEW,
    errors=(400, 404, 503),
)
def get_review(article_id: str, locale: str):  # noqa: ANN201
    runtime = current_runtime()
    article = runtime.articles.get(article_id)
    return _response(runtime.review.view(article, locale))


@bp.put(_PATH)
@documented(
    "Correct sentences of an article's translation, marking them reviewed (editor or admin)",
    tags=("review",),
    parameters=[
        {"name": "If-Match", "in": "header", "required": True, "schema": {"type": "string"}}
    ],
    body={
        "type": "object",
        "required": ["sentences"],
        "properties": {
            "sentences": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["field", "index", "text"],
                    "properties": {
                        "field": {"type": "string", "example": "title"},
                        "index": {"type": "integer"},
                        "text": {"type": "string"},
                    },
                },
            }
        },
    },
    response=_VIEW,
    errors=(400, 401, 403, 404, 412, 413, 415, 422, 428, 503),
    security=True,
)
@requires_role("editor")
def put_review(article_id: str, locale: str):  # noqa: ANN201
    runtime = current_runtime()
    article = runtime.articles.get(article_id)
    edits = _edits(json_object())
    sent = request.headers.get("If-Match")
    if not sent:
        raise ApiError(428, "If-Match with the translation's ETag is required")
    view = runtime.review.save(article, locale, sent.strip().strip('"'), edits, g.token.name)
    # Readers get the reviewed sentences on their next request; a job refreshes the store.
    try:
        runtime.articles.reviewed(article, view.locale)
    except JobsUnavailable as exc:  # the review is saved: the next read translates anew
        log.warning("review of %s saved; its refresh was not queued: %s", article_id, exc)
    return _response(view)
