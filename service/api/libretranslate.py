"""LibreTranslate-compatible endpoints (``/translate``, ``/detect``, ``/languages``).

Shapes, parameters and status codes follow LibreTranslate so its clients work unchanged;
language codes in responses are Argos codes (``zh``, ``zt``, ``pb``) as LibreTranslate returns
them, and both Argos codes and BCP-47 tags are accepted on input. ``api_key`` is checked by
``service.api.access``. The service endpoints (``/health``, ``/spec``, ``/frontend/settings``)
are on the same blueprint (``libretranslate_blueprint``), so every LibreTranslate path shares
LibreTranslate's error wording.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify

from service.api.access import char_limit, metered
from service.api.libretranslate_blueprint import bp
from service.detection import detect_segments, language_shares
from service.http.errors import ApiError, bad_request
from service.http.openapi import documented
from service.http.requests import form_or_json
from service.languages import canonical, display_name, to_argos
from service.runtime import current_runtime
from service.translation.translator import Item

# Up to 3 alternatives come from the beam a translation already searches (4 hypotheses at beam
# 4): one more decode. More widen the beam; 10 made a request cost 7 times a plain one. The
# refusal is worded as LibreTranslate's --alternatives-limit words it.
MAX_ALTERNATIVES = 3
# An empty q, source or target is "missing" to LibreTranslate (400).
_Q = {
    "oneOf": [
        {"type": "string", "minLength": 1},
        {"type": "array", "minItems": 1, "items": {"type": "string"}},
    ]
}
_PARAMS = {
    "type": "object",
    "required": ["q", "source", "target"],
    "properties": {
        "q": _Q,
        "source": {"type": "string", "minLength": 1, "description": "A language, or 'auto'"},
        "target": {"type": "string", "minLength": 1},
        "format": {"type": "string", "enum": ["text", "html"]},
        "alternatives": {"type": "integer", "minimum": 0, "maximum": MAX_ALTERNATIVES},
        "api_key": {"type": "string"},
    },
}
# LibreTranslate's /detect reads q and api_key only; anything else is ignored, not refused.
_DETECT_PARAMS = {
    "type": "object",
    "required": ["q"],
    "properties": {"q": _Q, "api_key": {"type": "string"}},
}
_DETECTION = {
    "type": "object",
    "properties": {"language": {"type": "string"}, "confidence": {"type": "number"}},
}
_BODY_TYPES = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")


def _missing(name: str) -> Exception:
    return bad_request(f"Invalid request: missing {name} parameter")


def _texts(params: dict[str, Any]) -> list[str] | str:
    q = params.get("q")
    if q is None or q == "" or q == []:
        raise _missing("q")
    if isinstance(q, list):
        if not all(isinstance(item, str) for item in q):
            raise bad_request("Invalid request: q must be a string or a list of strings")
        return q
    if not isinstance(q, str):
        raise bad_request("Invalid request: q must be a string or a list of strings")
    return q


def _check_limits(texts: list[str]) -> None:
    """The same limits as ``/api/v1/translate``: items per request and total characters."""
    settings = current_runtime().settings
    limits = ((len(texts), settings.max_batch_texts), (sum(map(len, texts)), char_limit()))
    for size, limit in limits:
        if size > limit:
            raise ApiError(413, f"Invalid request: request ({size}) exceeds text limit ({limit})")


def _string(params: dict[str, Any], name: str) -> str:
    value = params.get(name)
    if value is None or value == "":
        raise _missing(name)
    if not isinstance(value, str):
        raise bad_request(f"Invalid request: {name} must be a string")
    return value


def _alternatives(params: dict[str, Any]) -> int:
    """``alternatives`` as a whole number 0..MAX_ALTERNATIVES (JSON number or form digits)."""
    raw = params.get("alternatives", 0)
    if raw is None or raw == "":
        return 0
    if isinstance(raw, str):
        digits = raw.strip()
        # Bounded before int(): Python refuses to convert more than 4,300 digits.
        if not (digits.isascii() and digits.isdigit()):
            raise bad_request("Invalid request: alternatives parameter is not a number")
        raw = int(digits) if len(digits) <= 6 else MAX_ALTERNATIVES + 1
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise bad_request("Invalid request: alternatives parameter is not a number")
    if raw < 0:
        raise bad_request("Invalid request: alternatives parameter must be >= 0")
    if raw > MAX_ALTERNATIVES:
        raise bad_request(f"Invalid request: alternatives parameter must be <= {MAX_ALTERNATIVES}")
    return raw


def _detected(languages: dict[str, float]) -> dict[str, Any]:
    if not languages:
        return {"confidence": 0.0, "language": "en"}
    lang, share = max(languages.items(), key=lambda item: item[1])
    return {"confidence": round(share * 100, 1), "language": to_argos(lang)}


@bp.post("/translate")
@documented(
    "LibreTranslate-compatible translation",
    tags=("libretranslate",),
    body=_PARAMS,
    body_types=_BODY_TYPES,
    response={"type": "object", "properties": {"translatedText": {}, "detectedLanguage": {}}},
    errors=(400, 403, 413, 429),
)
@metered
def translate():  # noqa: ANN201
    params = form_or_json()
    q = _texts(params)
    texts = q if isinstance(q, list) else [q]
    _check_limits(texts)
    target_tag = _string(params, "target")
    source_tag = _string(params, "source")
    fmt = params.get("format") or "text"
    if fmt not in ("text", "html"):
        raise bad_request(f"{str(fmt)[:32]} format is not supported")
    alternatives = _alternatives(params)
    source = None if source_tag == "auto" else canonical(source_tag)
    translator = current_runtime().translator
    target = translator.resolve_target(canonical(target_tag))
    items = [Item(t, fmt) for t in texts]
    results = translator.translate(items, target, source, alternatives=alternatives)
    body: dict[str, Any] = {}
    if isinstance(q, list):
        body["translatedText"] = [r.translation for r in results]
        if source is None:
            body["detectedLanguage"] = [_detected(r.languages) for r in results]
        if alternatives > 0:
            body["alternatives"] = [r.alternatives for r in results]
    else:
        body["translatedText"] = results[0].translation
        if source is None:
            body["detectedLanguage"] = _detected(results[0].languages)
        if alternatives > 0:
            body["alternatives"] = results[0].alternatives
    return jsonify(body)


@bp.post("/detect")
@documented(
    "LibreTranslate-compatible language detection",
    tags=("libretranslate",),
    body=_DETECT_PARAMS,
    body_types=_BODY_TYPES,
    response={
        "type": "array",
        "description": "Detections of the text; for a list q, one such array per item",
        "items": {"oneOf": [_DETECTION, {"type": "array", "items": _DETECTION}]},
    },
    errors=(400, 403, 413, 429),
)
@metered
def detect():  # noqa: ANN201
    q = _texts(form_or_json())
    texts = q if isinstance(q, list) else [q]
    _check_limits(texts)
    languages = current_runtime().settings.detect_languages
    answers = [_detections(text, languages) for text in texts]
    return jsonify(answers if isinstance(q, list) else answers[0])


def _detections(text: str, languages: tuple[str, ...]) -> list[dict[str, Any]]:
    """LibreTranslate's answer for one text: languages by share of letters, most first."""
    shares = language_shares(text, detect_segments(text, languages))
    ranked = sorted(shares.items(), key=lambda item: item[1], reverse=True)
    if not ranked:
        return [{"confidence": 0.0, "language": "en"}]
    return [
        {"confidence": round(share * 100, 1), "language": to_argos(lang)} for lang, share in ranked
    ]


@bp.get("/languages")
@documented(
    "LibreTranslate-compatible list of languages and their targets",
    tags=("libretranslate",),
    response={
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "name": {"type": "string"},
                "targets": {"type": "array", "items": {"type": "string"}},
            },
        },
    },
)
def languages():  # noqa: ANN201
    translator = current_runtime().translator
    listing = []
    for source, targets in translator.language_graph().items():
        listing.append(
            {
                "code": to_argos(source),
                "name": display_name(source, "en"),
                "targets": sorted(to_argos(t) for t in targets),
            }
        )
    return jsonify(sorted(listing, key=lambda entry: entry["code"]))
