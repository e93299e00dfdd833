"""Pages for people: the article reader (templates, static files, Flask-Babel set-up)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the reader page and set up Flask-Babel on the catalogs."""
    from service.web.i18n import init_babel
    from service.web.reader import bp
    from service.web.translate_page import bp as translate_page_bp

    init_babel(app)
    app.register_blueprint(bp)
    app.register_blueprint(translate_page_bp)
