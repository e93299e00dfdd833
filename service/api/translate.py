"""Mixlate's own translation endpoints: ``/api/v1/detect`` and ``/api/v1/translate``."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from service.api.access import char_limit, metered
from service.detection import detect_segments, language_shares
from service.http.errors import ApiError, bad_request
from service.http.openapi import documented
from service.http.requests import json_object, optional_string, required_string
from service.languages import canonical
from service.runtime import current_runtime
from service.translation.translator import Item

bp = Blueprint("translate", __name__)

_SEGMENT = {
    "type": "object",
    "properties": {
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "lang": {"type": "string"},
        "confidence": {"type": "number"},
    },
}
_TRANSLATED_SEGMENT = {
    "type": "object",
    "properties": {
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "lang": {"type": "string"},
        "action": {
            "type": "string",
            "enum": ["kept", "translated", "catalog", "memory", "converted"],
        },
        "output_start": {"type": "integer"},
        "output_end": {"type": "integer"},
        "terms": {
            "type": "array",
            "description": "The glossary entries applied in the segment",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "term": {"type": "string"},
                    "translation": {"type": "string"},
                    "start": {"type": "integer"},
                    "end": {"type": "integer"},
                },
            },
        },
    },
}


def check_length(length: int, limit: int, what: str = "text") -> None:
    """413 when a text of ``length`` characters is longer than ``limit``."""
    if length > limit:
        raise ApiError(413, f"The {what} has {length} characters; the limit is {limit}")


@bp.post("/api/v1/detect")
@documented(
    "Split text into language segments with exact offsets",
    tags=("detection",),
    body={"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
    response={
        "type": "object",
        "properties": {
            "segments": {"type": "array", "items": _SEGMENT},
            "languages": {"type": "object", "additionalProperties": {"type": "number"}},
        },
    },
    errors=(400, 403, 413, 415, 429),
)
@metered
def detect():  # noqa: ANN201
    runtime = current_runtime()
    text = required_string(json_object(), "text")
    check_length(len(text), char_limit())
    segments = detect_segments(text, runtime.settings.detect_languages)
    return jsonify(
        {
            "segments": [
                {"start": s.start, "end": s.end, "lang": s.lang, "confidence": s.confidence}
                for s in segments
            ],
            "languages": language_shares(text, segments),
        }
    )


def _texts(body: dict[str, Any], limit_chars: int, limit_texts: int) -> tuple[list[str], bool]:
    """The texts of a translate request and whether they came as a ``texts`` list."""
    if "texts" in body and "text" in body:
        raise bad_request("Give either 'text' or 'texts', not both")
    if "texts" in body:
        texts = body["texts"]
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise bad_request("Field 'texts' must be a list of strings")
        if len(texts) > limit_texts:
            raise ApiError(413, f"{len(texts)} texts in one request; the limit is {limit_texts}")
        check_length(sum(map(len, texts)), limit_chars, "request's text")
        return texts, True
    text = required_string(body, "text")
    check_length(len(text), limit_chars)
    return [text], False


@bp.post("/api/v1/translate")
@documented(
    "Translate mixed-language text or HTML into a target language",
    tags=("translation",),
    body={
        "type": "object",
        "required": ["target"],
        "oneOf": [{"required": ["text"]}, {"required": ["texts"]}],
        "properties": {
            "text": {"type": "string"},
            "texts": {"type": "array", "items": {"type": "string"}},
            "target": {"type": "string", "minLength": 1, "example": "en"},
            "source": {"type": "string", "default": "auto"},
            "format": {"type": "string", "enum": ["text", "html"], "default": "text"},
            "api_key": {"type": "string", "description": "An API key (or the X-API-Key header)"},
        },
    },
    response={
        "description": "For 'text', one translation and its segments; for 'texts', one "
        "translation per text and one list of segments per text, in order",
        "oneOf": [
            {
                "type": "object",
                "required": ["translation", "target", "segments"],
                "properties": {
                    "translation": {"type": "string"},
                    "target": {"type": "string"},
                    "segments": {"type": "array", "items": _TRANSLATED_SEGMENT},
                },
            },
            {
                "type": "object",
                "required": ["translations", "target", "segments"],
                "properties": {
                    "translations": {"type": "array", "items": {"type": "string"}},
                    "target": {"type": "string"},
                    "segments": {
                        "type": "array",
                        "items": {"type": "array", "items": _TRANSLATED_SEGMENT},
                    },
                },
            },
        ],
    },
    errors=(400, 403, 413, 415, 429, 503),
)
@metered
def translate():  # noqa: ANN201
    runtime = current_runtime()
    body = json_object()
    texts, many = _texts(body, char_limit(), runtime.settings.max_batch_texts)
    fmt = optional_string(body, "format", "text")
    if fmt not in ("text", "html"):
        raise bad_request("Field 'format' must be 'text' or 'html'")
    target_tag = required_string(body, "target")
    source_tag = optional_string(body, "source", "auto")
    translator = runtime.translator
    target = translator.resolve_target(target_tag)
    source = None if source_tag == "auto" else canonical(source_tag)
    results = translator.translate([Item(t, fmt) for t in texts], target, source)
    if many:
        return jsonify(
            {
                "translations": [r.translation for r in results],
                "target": target.lang,
                "segments": [r.segments for r in results],
            }
        )
    return jsonify(
        {
            "translation": results[0].translation,
            "target": target.lang,
            "segments": results[0].segments,
        }
    )
