"""The localizer's editor: ``GET /localize``, a server-rendered shell for a small script.

The page has the site's layout and stylesheet (header navigation, favicon, skip link, themes,
fonts, focus) with the editor's own rules in ``editor.css``. It is rendered in the localizer's
language (``?ui=``, else ``Accept-Language``) through the very catalogs it edits
(Flask-Babel, see ``service.web.i18n``); the script gets its own strings, translated the same
way, as JSON. The script keeps the token in ``sessionStorage`` and talks only to the catalog
JSON API; it never inserts catalog text as HTML, and marks each msgid with the source
language and each msgstr with the locale's.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, g, render_template, request, send_from_directory, url_for
from flask_babel import refresh

from service.articles.negotiation import choose_locale
from service.articles.ui_strings import N_
from service.http.openapi import documented
from service.languages import display_name
from service.runtime import current_runtime
from service.web.i18n import READER_LOCALE, view_gettext
from service.web.navigation import latest_article_url
from service.web.responses import ASSET_TYPES, html_page

STATIC_DIR = Path(__file__).with_name("static") / "localize"

bp = Blueprint("localize", __name__, template_folder="templates")


# The script's strings (key → msgid); ``%(name)s`` placeholders are filled in by the script.
SCRIPT_MESSAGES: dict[str, str] = {
    "signed_in_as": N_("Signed in as %(name)s"),
    "bad_token": N_("This token cannot be used to edit translations."),
    "unknown_token": N_(
        "This token is not known. Check that you pasted all of it, or ask for a new one."
    ),
    "signed_out": N_("You are signed out."),
    "loading": N_("Loading…"),
    "loaded": N_("Entries shown: %(count)s"),  # one wording for any count
    "no_entries": N_("No entries match."),
    "saving": N_("Saving…"),
    "saved": N_("Saved"),
    "unchanged": N_("Nothing changed"),
    "conflict": N_(
        "Someone else changed this entry meanwhile. Your text is kept; their version is "
        "shown below. Save again to replace it."
    ),
    "their_version": N_("Current saved version: %(text)s"),
    "invalid": N_("The translation was not saved:"),
    "network": N_("The server cannot be reached. Try again."),
    "translation": N_("Translation"),
    "plural_form": N_("Plural form %(number)s"),
    "context": N_("Context: %(context)s"),
    "plural_source": N_("Plural: %(text)s"),
    "needs_review": N_("Needs review"),
    "state_translated": N_("Translated"),
    "state_fuzzy": N_("Fuzzy"),
    "state_untranslated": N_("Untranslated"),
    "save": N_("Save"),
    "accept": N_("Accept suggestion"),
    "reject": N_("Reject suggestion"),
    "suggesting": N_("Asking the translation engine…"),
    "suggested": N_("Machine suggestions added: %(count)s"),
    "suggest_progress": N_("Suggesting translations: %(done)s of %(total)s entries"),
    "suggest_stopped": N_("The suggestions stopped before the end."),
    "entry_of": N_("Entry %(number)s"),
    "focus_entry": N_("Move the focus into an entry to save it."),
    "glossary_translation": N_("Translation of %(term)s"),
    "memory": N_("From the memory"),
    "use_memory": N_("Use"),
    "only_text": N_("Only in this text:"),
    "only_memory": N_("Only in the memory:"),
    "history": N_("History"),
    "history_empty": N_("No changes recorded for this entry."),
    # TRANSLATORS: how an entry of the catalog editor's history was changed.
    "action_edit": N_("Edited"),
    "action_import": N_("Imported"),
    "action_suggest": N_("Machine suggestion"),
    "action_revert": N_("Reverted"),
}


@bp.get("/localize")
@documented(
    "The localizer's editor (sign in with a localizer token)",
    tags=("pages",),
    parameters=[{"name": "ui", "in": "query", "required": False, "schema": {"type": "string"}}],
    response={"type": "string"},
    response_type="text/html",
)
def editor() -> Response:
    locales = current_runtime().catalogs.locales()
    ui = choose_locale([request.args.get("ui")], request.headers.get("Accept-Language"), locales)
    setattr(g, READER_LOCALE, ui)
    refresh()
    preview = latest_article_url()  # the editor's preview link adds ``?lang=``
    body = render_template(
        "localize/editor.html",
        lang=ui,
        locales=[(tag, display_name(tag)) for tag in locales],
        messages={key: view_gettext(msgid) for key, msgid in SCRIPT_MESSAGES.items()},
        config={"preview": preview, "matches": url_for("memory.matches")},
        latest_article_url=preview,
    )
    return html_page(body, ui, private=True)


@bp.get("/static/localize/<path:filename>")
@documented(
    "Static files of the localizer's editor (script, style sheet)",
    tags=("pages",),
    response={"type": "string"},
    response_type=ASSET_TYPES,
    errors=(404,),
)
def asset(filename: str) -> Response:
    return send_from_directory(STATIC_DIR, filename, max_age=300)
