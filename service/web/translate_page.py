"""``GET /``: paste mixed text, pick a target, see the segments by language and the result;
or upload a document and download it translated.

The page is a shell: the script posts to ``/api/v1/translate`` and draws input and output
segments (``start/end`` and ``output_start/output_end``) so hovering one highlights the other.
Its file tab posts the document to ``/api/v1/files`` and follows the job's progress until the
translated file can be downloaded.
Its chrome is localized through the catalogs like the reader page, in any locale with a
catalog: the interface language never depends on the installed models. With no model
installed the page says so and shows both ways to install one.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, render_template, request
from flask_babel import refresh

from service.articles.negotiation import choose_locale
from service.articles.ui_strings import N_
from service.http.openapi import documented
from service.languages import CHINESE_TAGS, display_name
from service.runtime import current_runtime
from service.translation.documents import EXTENSIONS
from service.web.i18n import READER_LOCALE, view_gettext
from service.web.navigation import latest_article_url
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


# The legend's languages (each has its colour); every other language shares one colour.
LEGEND = ("en", "zh-Hans", "ja", "ko")
# The script's strings (key → msgid): the status line and each segment action's tooltip.
SCRIPT_MESSAGES = {
    "working": N_("Translating…"),
    "failed": N_("Translation failed"),
    "done": N_("Translated: %(translated)s · kept: %(kept)s · %(seconds)s s"),
    "kept": N_("Kept as it was"),
    "translated": N_("Machine-translated"),
    "converted": N_("Converted between Simplified and Traditional Chinese"),
    "glossary": N_("From the glossary"),
    "memory": N_("From the translation memory"),
    "catalog": N_("From the interface catalog"),
    "untranslated": N_("Left untranslated: no model installed"),
    "uploading": N_("Uploading…"),
    "queued": N_("Waiting for a free translator…"),
    "progress": N_("Translating the file: %(done)s of %(total)s parts"),
    "file_done": N_("The file is translated."),
    "file_failed": N_("The file could not be translated"),
    "file_cancelled": N_("The translation of the file was cancelled."),
    "download": N_("Download %(name)s"),
}


def _names(chrome_locale: str, tags: set[str]) -> dict[str, str]:
    """Language names in the chrome's language, for the tooltips."""
    return {tag: display_name(tag, chrome_locale) for tag in sorted(tags)}


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
    targets = _targets(locale)
    known = {tag for tag, _ in targets} | set(runtime.settings.detect_languages) | set(LEGEND)
    body = render_template(
        "translate.html",
        lang=locale,
        targets=targets,
        legend=[(tag, display_name(tag, locale)) for tag in LEGEND],
        script={
            "messages": {key: view_gettext(msgid) for key, msgid in SCRIPT_MESSAGES.items()},
            "names": _names(locale, known),
        },
        no_models=not runtime.installed_models(),
        latest_article_url=latest_article_url(),
        install_commands=INSTALL_COMMANDS,
        file_formats=EXTENSIONS,
    )
    return html_page(body, locale)
