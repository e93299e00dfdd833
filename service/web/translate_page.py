"""``GET /``: paste mixed text, pick a target, see the segments by language and the result.

The page is a shell: the script posts to ``/api/v1/translate`` and draws input and output
segments (``start/end`` and ``output_start/output_end``) so hovering one highlights the other.
Its chrome is localized through the catalogs like the reader page, in any locale with a
catalog: the interface language never depends on the installed models. With no model
installed the page says so and shows both ways to install one.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, render_template, request, url_for
from flask_babel import refresh

from service.articles.negotiation import choose_locale
from service.http.openapi import documented
from service.languages import CHINESE_TAGS, display_name
from service.runtime import current_runtime
from service.web.i18n import READER_LOCALE
from service.web.reader import LANG_COOKIE
from service.web.responses import html_page

bp = Blueprint("translate_page", __name__, template_folder="templates")
# The two ways to install a model: from the package index, or from a file (air-gapped).
INSTALL_COMMANDS = (
    "mixlate models install zh en",
    "mixlate models install-file PATH.argosmodel",
)


def _targets(chrome_locale: str) -> list[tuple[str, str]]:
    """Every reachable target language with its name in the chrome's language."""
    graph = current_runtime().translator.language_graph()
    targets = set(CHINESE_TAGS).union(*graph.values()) if graph else set(CHINESE_TAGS)
    return sorted(((tag, display_name(tag, chrome_locale)) for tag in targets), key=lambda t: t[1])


def _latest_article_url() -> str | None:
    """The reader page of the newest article (the header links it), if there is one."""
    newest, _total = current_runtime().articles.page(1, 1)
    return url_for("web.article", article_id=newest[0].id) if newest else None


@bp.get("/")
@documented(
    "A page to try translation: segments coloured by language beside the translation",
    tags=("pages",),
    parameters=[{"name": "lang", "in": "query", "required": False, "schema": {"type": "string"}}],
    response={"type": "string"},
    response_type="text/html",
)
def translate_page() -> Response:
    runtime = current_runtime()
    available = runtime.catalogs.locales()
    locale = choose_locale(
        [request.args.get("lang"), request.cookies.get(LANG_COOKIE)],
        request.headers.get("Accept-Language"),
        available,
    )
    setattr(g, READER_LOCALE, locale)
    refresh()
    body = render_template(
        "translate.html",
        lang=locale,
        targets=_targets(locale),
        no_models=not runtime.installed_models(),
        latest_article_url=_latest_article_url(),
        install_commands=INSTALL_COMMANDS,
    )
    return html_page(body, locale)
