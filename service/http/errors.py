"""One table from exceptions to HTTP responses, for every endpoint and page.

Contract: a view never converts exceptions itself. Whatever it raises is looked up in
``ERRORS`` along the exception class's MRO (the most specific entry wins) and becomes a
``Problem``: a status, a user-ready message, details and headers. The API and the
LibreTranslate endpoints answer ``{"error": message, **details}``; the LibreTranslate
endpoints first consult ``LIBRETRANSLATE_ERRORS``, where LibreTranslate words an error its
own way (its file endpoints, for the language errors). Pages answer with the HTML error page that
``service.web`` registers. Every error a caller can cause is a 4xx; 503 means "retry later"
(no model, queue full); 500 is a bug and is logged with its traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from service.articles.errors import ArticleExists, ArticleNotFound, InvalidArticle
from service.auth.rate_limits import RateLimited
from service.built_once import ShuttingDown
from service.catalogs import (
    CatalogError,
    EntryKey,
    InvalidEdits,
    InvalidImport,
    LocaleExists,
    MissingTemplate,
    NotALocale,
    StaleRevision,
    UnknownEntry,
    UnknownLocale,
    UnsupportedFormat,
)
from service.catalogs.history import RevertConflict, UnknownHistoryEntry
from service.engine import CallerGone, ModelNotInstalled, Overloaded, SchedulerClosed
from service.jobs.model import InvalidJob, JobEnded, JobNotFound, JobState, JobsUnavailable
from service.known.errors import (
    GlossaryEntryNotFound,
    InvalidGlossaryEntry,
    InvalidGlossaryFile,
    InvalidMemoryFile,
    InvalidSuggestion,
    MemoryUnitNotFound,
    SuggestionNotFound,
    SuggestionReviewed,
)
from service.languages import UnknownLanguage, display_name, to_argos
from service.review import ReviewConflict, UnknownSentence
from service.review.catalog_suggestions import SuggestionsUnavailable
from service.translation.documents.errors import DocumentError, DocumentTooLarge
from service.translation.translator import UnreachableTarget

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """What one error becomes: ``status``, the ``{"error": message, **details}`` body, headers."""

    status: int
    message: str
    details: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        return {"error": self.message, **self.details}


class ApiError(Exception):
    """An error found while reading a request, already in HTTP terms."""

    def __init__(self, status: int, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details

    def body(self) -> dict[str, Any]:
        return {"error": self.message, **self.details}


def bad_request(message: str, **details: Any) -> ApiError:
    return ApiError(400, message, **details)


def etag(revision: str) -> str:
    """The quoted HTTP form of a revision."""
    return f'"{revision}"'


def key_dict(key: EntryKey) -> dict[str, str | None]:
    """A catalog entry key as JSON."""
    return {"msgid": key[0], "msgctxt": key[1]}


def _http(exc: HTTPException) -> Problem:
    headers = {}
    if exc.code == 405 and getattr(exc, "valid_methods", None):
        headers["Allow"] = ", ".join(exc.valid_methods)  # type: ignore[attr-defined]
    message = exc.description or exc.name
    if exc.code == 413:
        message = "Request too large: the body exceeds the configured limit"
    return Problem(exc.code or 500, message, headers=headers)


def _model_missing(exc: ModelNotInstalled) -> Problem:
    install = f"mixlate models install {exc.source} {exc.target}"
    return Problem(503, str(exc), {"source": exc.source, "target": exc.target, "install": install})


def _overloaded(exc: Overloaded) -> Problem:
    details = {"model": exc.model, "queue_depth": exc.queue_depth, "retry_after": exc.retry_after}
    return Problem(503, str(exc), details, {"Retry-After": str(exc.retry_after)})


def _stale(exc: StaleRevision) -> Problem:
    entries = [exc.current[key] for key in exc.changed if key in exc.current]
    return Problem(
        412,
        "The catalog changed since your ETag; review the entries and retry",
        {
            "etag": etag(exc.revision),
            "changed": [key_dict(key) for key in exc.changed],
            "entries": entries,
        },
        {"ETag": etag(exc.revision)},
    )


def _invalid_edits(exc: InvalidEdits) -> Problem:
    found = [
        {**key_dict(key), "problems": [problem.to_dict() for problem in problems]}
        for key, problems in exc.problems.items()
    ]
    return Problem(422, "Some translations are invalid; nothing was saved", {"entries": found})


Rule = Callable[[Any], Problem]

ERRORS: dict[type[BaseException], Rule] = {
    ApiError: lambda e: Problem(e.status, e.message, e.details),
    RateLimited: lambda e: Problem(
        429, f"Slowdown: {e.description}", headers={"Retry-After": str(e.retry_after)}
    ),
    HTTPException: _http,
    UnknownLanguage: lambda e: Problem(400, f"Unknown language '{e.tag}'", {"language": e.tag}),
    UnreachableTarget: lambda e: Problem(400, str(e), {"target": e.target}),
    ModelNotInstalled: _model_missing,
    Overloaded: _overloaded,
    # Nobody reads this answer; 499 (nginx's "client closed request") keeps it out of the 5xx.
    CallerGone: lambda e: Problem(499, str(e)),
    ArticleNotFound: lambda e: Problem(404, str(e), {"id": e.article_id}),
    ArticleExists: lambda e: Problem(409, str(e), {"id": e.article_id}),
    InvalidArticle: lambda e: Problem(422, "The article is invalid", {"fields": e.fields}),
    StaleRevision: _stale,
    UnknownLocale: lambda e: Problem(
        404, f"No catalog for locale '{e.locale}'", {"locale": e.locale}
    ),
    UnknownEntry: lambda e: Problem(
        404, "Some entries are not in the catalog", {"entries": [key_dict(k) for k in e.keys]}
    ),
    InvalidEdits: _invalid_edits,
    UnknownHistoryEntry: lambda e: Problem(404, str(e), {"id": e.entry_id}),
    RevertConflict: lambda e: Problem(409, str(e), {"id": e.entry_id, "entry": e.current}),
    LocaleExists: lambda e: Problem(409, str(e), {"locale": e.locale}),
    NotALocale: lambda e: Problem(422, str(e), {"locale": e.locale}),
    MissingTemplate: lambda e: Problem(409, f"The catalog template is missing: {e}"),
    UnsupportedFormat: lambda e: Problem(400, str(e)),
    InvalidImport: lambda e: Problem(422, f"The file cannot be imported: {e}"),
    SuggestionsUnavailable: lambda e: Problem(
        503, str(e), {"locale": e.locale, "install": e.install}
    ),
    CatalogError: lambda e: Problem(400, str(e)),
    DocumentTooLarge: lambda e: Problem(413, str(e), {"limit": e.limit}),
    DocumentError: lambda e: Problem(400, str(e)),
    InvalidGlossaryEntry: lambda e: Problem(422, str(e), {"entries": e.problems}),
    GlossaryEntryNotFound: lambda e: Problem(404, str(e), {"id": e.entry_id}),
    InvalidGlossaryFile: lambda e: Problem(422, f"The file cannot be imported: {e}"),
    InvalidMemoryFile: lambda e: Problem(422, f"The file cannot be imported: {e}"),
    MemoryUnitNotFound: lambda e: Problem(404, str(e), {"id": e.unit_id}),
    SuggestionNotFound: lambda e: Problem(404, str(e), {"id": e.suggestion_id}),
    SuggestionReviewed: lambda e: Problem(409, str(e), {"id": e.suggestion_id, "state": e.state}),
    InvalidSuggestion: lambda e: Problem(
        422, str(e), {"id": e.suggestion_id, "problems": e.problems}
    ),
    ReviewConflict: lambda e: Problem(
        412, str(e), {"etag": etag(e.current)}, {"ETag": etag(e.current)}
    ),
    UnknownSentence: lambda e: Problem(422, str(e), {"field": e.field, "index": e.index}),
    JobNotFound: lambda e: Problem(404, str(e), {"id": e.job_id}),
    InvalidJob: lambda e: Problem(422, str(e), {"fields": e.fields}),
    JobsUnavailable: lambda e: Problem(503, str(e), {"retry_after": 5}, {"Retry-After": "5"}),
    JobEnded: lambda e: _job_ended(e),
    # A request that arrives while the process stops: another worker or node can answer it.
    ShuttingDown: lambda _e: _shutting_down(),
    SchedulerClosed: lambda _e: _shutting_down(),
}


def _shutting_down() -> Problem:
    return Problem(503, ShuttingDown.MESSAGE, {"retry_after": 1}, {"Retry-After": "1"})


def _job_ended(exc: JobEnded) -> Problem:
    """A cancelled job is a conflict; a failed one may succeed when tried again."""
    details = {"id": exc.job_id, "state": exc.state.value}
    if exc.state == JobState.CANCELLED:
        return Problem(409, str(exc), details)
    return Problem(503, str(exc), details | {"retry_after": 5}, {"Retry-After": "5"})


def _not_available(exc: ModelNotInstalled) -> Problem:
    target = f"{display_name(exc.target, 'en')} ({to_argos(exc.target)})"
    source = f"{display_name(exc.source, 'en')} ({to_argos(exc.source)})"
    return Problem(400, f"{target} is not available as a target language from {source}")


LIBRETRANSLATE_ERRORS: dict[type[BaseException], Rule] = {
    UnknownLanguage: lambda e: Problem(400, f"{e.tag.lower()} is not supported"),
    UnreachableTarget: lambda e: Problem(400, f"{to_argos(e.target)} is not supported"),
    ModelNotInstalled: _not_available,
}

_BUG = Problem(500, "Internal error (a bug in Mixlate; see the server log)")


def problem_for(exc: BaseException, table: Mapping[type[BaseException], Rule] = ERRORS) -> Problem:
    """The Problem ``exc`` becomes under ``table`` (then ``ERRORS``); a logged 500 if none."""
    for kind in type(exc).__mro__:
        rule = table.get(kind) or ERRORS.get(kind)
        if rule is not None:
            return rule(exc)
    log.error("unhandled error", exc_info=exc)
    return _BUG


def json_response(problem: Problem) -> Response:
    response = jsonify(problem.body())
    response.status_code = problem.status
    response.headers.update(dict(problem.headers))
    return response


PageRenderer = Callable[[Problem], Response]
# LibreTranslate's file endpoint words language errors as /translate does; a missing model it
# cannot report at all (a 500), so there Mixlate's 503 with the install command stands.
_TABLES: dict[str | None, Mapping[type[BaseException], Rule]] = {
    "libretranslate": LIBRETRANSLATE_ERRORS,
    "files": {kind: LIBRETRANSLATE_ERRORS[kind] for kind in (UnknownLanguage, UnreachableTarget)},
}
_PAGES = "mixlate.error_pages"


def register_error_pages(app: Flask, blueprints: set[str], render: PageRenderer) -> None:
    """Errors raised by the views of ``blueprints`` are rendered by ``render`` as HTML."""
    app.extensions[_PAGES] = (frozenset(blueprints), render)


def _wants_page(app: Flask) -> PageRenderer | None:
    blueprints, render = app.extensions.get(_PAGES, (frozenset(), None))
    if request.blueprint in blueprints:
        return render
    unrouted = request.url_rule is None and not request.path.startswith("/api/")
    accepts = request.accept_mimetypes
    if unrouted and accepts.best_match(("application/json", "text/html")) == "text/html":
        return render
    return None


def register_error_handlers(app: Flask) -> None:
    """Route every exception of every view through the table."""

    @app.errorhandler(Exception)
    def _handle(exc: Exception) -> Response:
        problem = problem_for(exc, _TABLES.get(request.blueprint, ERRORS))
        render = _wants_page(app)
        if render is not None:
            try:
                response = render(problem)
            except Exception:  # the error page itself failed: still answer, in JSON
                log.exception("error page failed to render")
            else:
                response.headers.update(dict(problem.headers))
                return response
        return json_response(problem)
