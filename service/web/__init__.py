"""Pages for people: the article reader (templates, static files, Flask-Babel set-up)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the pages, their HTML error page, and set up Flask-Babel on the catalogs."""
    from service.http.errors import register_error_pages
    from service.web.i18n import init_babel
    from service.web.localize import bp as localize_bp
    from service.web.reader import bp, error_page
    from service.web.review import bp as review_bp
    from service.web.translate_page import bp as translate_page_bp

    init_babel(app)
    pages = (bp, translate_page_bp, localize_bp, review_bp)
    for page in pages:
        app.register_blueprint(page)
    register_error_pages(app, {page.name for page in pages}, error_page)
