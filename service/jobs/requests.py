"""Checking a bulk translation job request (a dict in, a dataclass or InvalidJob out).

Pure but for the callback URL's host, which the ``CallbackPolicy`` resolves (see
``callback_targets``): only after every other check of it passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.jobs.callback_targets import CallbackPolicy
from service.jobs.model import InvalidJob
from service.urls import is_web_url

FORMATS = ("text", "html")
FIELDS = ("texts", "format", "target", "source", "callback_url")
MAX_URL = 2_048


@dataclass(frozen=True)
class TranslateJobRequest:
    texts: tuple[str, ...]
    format: str
    target: str
    source: str | None
    callback_url: str | None


@dataclass(frozen=True)
class JobLimits:
    max_items: int
    max_text_chars: int
    callbacks: bool  # whether a callback secret is configured
    callback_policy: CallbackPolicy


def _texts(raw: Any, limits: JobLimits, problems: dict[str, str]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        problems["texts"] = "must be a non-empty list of strings"
        return ()
    if len(raw) > limits.max_items:
        problems["texts"] = f"has {len(raw)} items; at most {limits.max_items} are allowed"
        return ()
    for index, text in enumerate(raw):
        if not isinstance(text, str):
            problems[f"texts[{index}]"] = "must be a string"
        elif len(text) > limits.max_text_chars:
            problems[f"texts[{index}]"] = (
                f"has {len(text)} characters; at most {limits.max_text_chars} are allowed"
            )
    return tuple(raw)


def _callback(raw: Any, limits: JobLimits, problems: dict[str, str]) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or len(raw) > MAX_URL:
        problems["callback_url"] = f"must be a URL of at most {MAX_URL} characters"
        return None
    if not is_web_url(raw):
        problems["callback_url"] = "must be an absolute http:// or https:// URL"
    elif not limits.callbacks:
        problems["callback_url"] = "callbacks need MIXLATE_CALLBACK_SECRET set on the server"
    elif (refused := limits.callback_policy.problem(raw)) is not None:
        problems["callback_url"] = refused
    return raw


def parse_translate_job(body: Mapping[str, Any], limits: JobLimits) -> TranslateJobRequest:
    """The request in ``body``; raises InvalidJob naming every faulty field."""
    problems: dict[str, str] = {}
    for name in sorted(set(body) - set(FIELDS)):
        problems[name] = "unknown field"
    texts = _texts(body.get("texts"), limits, problems)
    fmt = body.get("format") or "text"
    if fmt not in FORMATS:
        problems["format"] = "must be 'text' or 'html'"
    target = body.get("target")
    if not isinstance(target, str) or not target.strip():
        problems["target"] = "is required: a language tag such as 'fr'"
    source = body.get("source")
    if source is not None and not isinstance(source, str):
        problems["source"] = "must be a language tag or 'auto'"
    callback = _callback(body.get("callback_url"), limits, problems)
    if problems:
        raise InvalidJob(dict(sorted(problems.items())))
    return TranslateJobRequest(
        texts=texts,
        format=fmt,
        target=str(target),
        source=None if source in (None, "", "auto") else source,
        callback_url=callback,
    )
