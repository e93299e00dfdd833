"""The reader page: ``GET /articles/<id>`` with chrome in the reader's language.

The locale comes from ``?lang=`` (then remembered in the ``lang`` cookie), else that cookie,
else ``Accept-Language``. ``?original=1`` shows the article as published, chrome still in the
reader's language. A translated page says how far editors reviewed its locale (machine-
translated, partly reviewed, reviewed, or needing review again after an article change).

The page is cacheable like the article API (strong ETag from the article service's
validator, ``304`` without rendering, the rendered page kept per process); the view part of
its validator holds what the page adds: original or not, whether the cookie banner shows.
A response that sets the ``lang`` cookie is private, so no shared cache hands it on.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, g, render_template, request, send_from_directory
from flask_babel import refresh

from service.articles.localize import original_texts
from service.articles.model import Article
from service.articles.negotiation import choose_locale, match_locale
from service.articles.service import ArticleService
from service.http.conditional import PRIVATE, Policy, cached_response, document_conditional
from service.http.errors import Problem
from service.http.openapi import documented
from service.runtime import current_runtime
from service.web.i18n import READER_LOCALE
from service.web.page import language_marker, plain, reader_page
from service.web.responses import ASSET_TYPES, html_page, origin

STATIC_DIR = Path(__file__).with_name("static")
LANG_COOKIE = "lang"
CONSENT_COOKIE = "cookie_consent"
LANG_COOKIE_SECONDS = 365 * 24 * 3600
_POLICY = Policy(vary=("Accept-Language", "Cookie"))

bp = Blueprint("web", __name__, template_folder="templates")


def _service() -> ArticleService:
    return current_runtime().articles


def _use_locale(locale: str) -> None:
    setattr(g, READER_LOCALE, locale)
    refresh()


def error_page(problem: Problem) -> Response:
    """The HTML error page for ``problem``, in the reader's language where it is known."""
    locale = g.get(READER_LOCALE) or "en"
    _use_locale(locale)
    body = render_template("error.html", lang=locale, status=problem.status)
    return html_page(body, locale, problem.status)


@bp.get("/articles/<article_id>")
@documented(
    "The reader page of an article in the reader's language",
    tags=("pages",),
    parameters=[
        {"name": "lang", "in": "query", "required": False, "schema": {"type": "string"}},
        {"name": "original", "in": "query", "required": False, "schema": {"type": "string"}},
    ],
    response={"type": "string"},
    response_type="text/html",
    errors=(404, 503),
)
def article(article_id: str) -> Response:
    service = _service()
    available = service.serving_locales()
    asked = request.args.get("lang")
    locale = choose_locale(
        [asked, request.cookies.get(LANG_COOKIE)], request.headers.get("Accept-Language"), available
    )
    _use_locale(locale)
    found = service.current(article_id)
    original = request.args.get("original") == "1"
    show_banner = current_runtime().settings.cookie_banner and request.cookies.get(
        CONSENT_COOKIE
    ) not in ("accepted", "declined")
    sets_cookie = bool(asked) and match_locale(asked, available) == locale
    view = ("page", current_runtime().version, original, show_banner)
    policy = Policy(PRIVATE if sets_cookie else _POLICY.cache_control, _POLICY.vary)
    response = cached_response(
        service.validator(found, locale, available, view),
        policy,
        lambda: _render(found, locale, available, original=original, show_banner=show_banner),
    )
    if sets_cookie:
        response.set_cookie(
            LANG_COOKIE, locale, max_age=LANG_COOKIE_SECONDS, samesite="Lax", httponly=True
        )
    return response


document_conditional(article)


def _render(
    found: Article, locale: str, available: list[str], *, original: bool, show_banner: bool
) -> Response:
    service = _service()
    mark = language_marker(locale, current_runtime().settings.detect_languages)
    if original:
        texts = original_texts(found.content)
        page = reader_page(found, texts, None, locale, available, mark)
    else:
        localized = service.localized(found, locale)
        texts, fields = localized["texts"], localized["fields"]
        page = reader_page(found, texts, fields, locale, available, plain, left=mark)
    # Said only of a translation; the memory revision it depends on is in the validator.
    translated = page.anything_translated
    review_state = current_runtime().review.state(found, locale) if translated else None
    body = render_template(
        "article.html",
        page=page,
        review_state=review_state,
        lang=locale,
        direction=page.direction,
        show_banner=show_banner,
        privacy_url=current_runtime().settings.privacy_url,
    )
    return html_page(body, locale, image_origins=[origin(i.url) for i in found.content.images])


@bp.get("/static/web/<path:filename>")
@documented(
    "Static files of the pages (style sheet, script)",
    tags=("pages",),
    response={"type": "string"},
    response_type=ASSET_TYPES,
    errors=(404,),
)
def asset(filename: str) -> Response:
    return send_from_directory(STATIC_DIR, filename, max_age=3600)
