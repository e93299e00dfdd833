"""The review page: ``GET /review/<article_id>/<locale>``, a server-rendered shell for a script.

Source and translation side by side, sentence by sentence (each element in its language),
under each field's localized heading (``service.web.field_names``),
with the glossary terms and the memory's suggestions of each sentence (their difference
marked), keyboard navigation (Alt+↓/↑ between sentences,
Ctrl+Enter saves one) and progress. The page is rendered in the reviewer's language (``?ui=``,
else ``Accept-Language``) through the catalogs, like the other pages; the script gets its
strings as JSON, keeps the editor token in ``sessionStorage``, talks only to the review API
and never inserts article text as HTML. It has the site's layout and stylesheet (header
navigation, themes, fonts) with a few rules of its own.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, g, render_template, request, send_from_directory, url_for
from flask_babel import refresh

from service.articles.localize import article_texts
from service.articles.negotiation import choose_locale
from service.articles.ui_strings import N_
from service.http.openapi import documented
from service.languages import canonical, display_name
from service.review.sentences import field_name, sentence_language
from service.runtime import current_runtime
from service.web.field_names import field_headings
from service.web.i18n import READER_LOCALE, view_gettext
from service.web.navigation import latest_article_url
from service.web.responses import ASSET_TYPES, html_page

STATIC_DIR = Path(__file__).with_name("static") / "review"

bp = Blueprint("review_page", __name__, template_folder="templates")

SCRIPT_MESSAGES: dict[str, str] = {
    "loading": N_("Loading…"),
    "signed_in_as": N_("Signed in as %(name)s"),
    "bad_token": N_("This token cannot be used to review translations."),
    "progress": N_("%(done)s of %(total)s sentences reviewed"),
    "machine": N_("Machine translation"),
    "reviewed": N_("Reviewed"),
    "kept": N_("Already in this language"),
    "machine_output": N_("Machine output: %(text)s"),
    "terms": N_("Glossary"),
    "suggestions": N_("From the memory"),
    "use": N_("Use"),
    "save": N_("Save"),
    "saving": N_("Saving…"),
    "saved": N_("Saved"),
    "conflict": N_("The translation changed meanwhile; it was reloaded. Your text is kept."),
    "network": N_("The server cannot be reached. Try again."),
    "translation": N_("Translation of sentence %(number)s"),
    "state_machine": N_("Machine-translated"),
    "state_partly-reviewed": N_("Partly reviewed"),
    "state_reviewed": N_("Reviewed"),
    "state_needs-review": N_("Needs review"),
    "only_text": N_("Only in this text:"),
    "only_memory": N_("Only in the memory:"),
}


@bp.get("/review/<article_id>/<locale>")
@documented(
    "The review page of an article's translation (sign in with an editor token)",
    tags=("pages",),
    parameters=[{"name": "ui", "in": "query", "required": False, "schema": {"type": "string"}}],
    response={"type": "string"},
    response_type="text/html",
    errors=(400, 404),
)
def review_page(article_id: str, locale: str) -> Response:
    runtime = current_runtime()
    article = runtime.articles.get(article_id)
    target = canonical(locale)
    locales = runtime.catalogs.locales()
    ui = choose_locale([request.args.get("ui")], request.headers.get("Accept-Language"), locales)
    setattr(g, READER_LOCALE, ui)
    refresh()
    body = render_template(
        "review/page.html",
        lang=ui,
        target=target,
        target_name=display_name(target, ui),
        title=article.content.title,
        title_lang=sentence_language(article.content.title, runtime.settings.detect_languages),
        article_url=url_for("web.article", article_id=article.id, lang=target),
        latest_article_url=latest_article_url(),
        messages={key: view_gettext(msgid) for key, msgid in SCRIPT_MESSAGES.items()},
        config={
            "api": url_for("review.get_review", article_id=article.id, locale=target),
            "target": target,
            # The reviewed fields' headings in the reviewer's language ("Related article 1 —
            # title"); the author is a name, not reviewed (see article_sentences).
            "headings": field_headings(
                (
                    field_name(path)
                    for path, _text, fmt in article_texts(article.content)
                    if fmt != "name"
                ),
                view_gettext,
            ),
        },
    )
    return html_page(body, ui, private=True)


@bp.get("/static/review/<path:filename>")
@documented(
    "Static files of the review page (script, style sheet)",
    tags=("pages",),
    response={"type": "string"},
    response_type=ASSET_TYPES,
    errors=(404,),
)
def review_asset(filename: str) -> Response:
    return send_from_directory(STATIC_DIR, filename, max_age=300)
