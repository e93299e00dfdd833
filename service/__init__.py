"""Mixlate: translation and localization of mixed-language content.

``create_app`` is the app factory; everything heavy is built lazily by service.runtime,
except the repair of catalog files a killed writer left, which happens before the first request.
"""

from __future__ import annotations

from flask import Flask

from service.config import Settings, load_settings


def create_app(settings: Settings | None = None) -> Flask:
    """Build the Flask application for ``settings`` (read from the environment by default)."""
    from service.api import (
        articles,
        catalogs,
        file_jobs,
        files,
        glossary,
        jobs,
        libretranslate,
        libretranslate_meta,
        memory,
        metrics,
        review,
        suggest,
        system,
        translate,
    )
    from service.api.access import install_limits
    from service.api.cors import install_cors
    from service.http.disconnect import install_disconnect_watch
    from service.http.errors import register_error_handlers
    from service.http.requests import AnyPathConverter, Int64Converter
    from service.runtime import Runtime
    from service.web import init_app as init_web

    settings = settings or load_settings()
    app = Flask(__name__)
    app.url_map.converters["int"] = Int64Converter
    app.url_map.converters["path"] = AnyPathConverter
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    runtime = Runtime(settings)
    runtime.open_catalogs()
    app.extensions["mixlate"] = runtime
    register_error_handlers(app)
    install_disconnect_watch(app)
    modules = (system, metrics, translate, libretranslate, libretranslate_meta, files, file_jobs)
    modules += (articles,)
    modules += (catalogs, jobs, glossary, memory, suggest, review)
    for blueprint in dict.fromkeys(module.bp for module in modules):  # some modules share one
        app.register_blueprint(blueprint)
    init_web(app)
    install_limits(app)
    metrics.observe_requests(app)
    install_cors(app, settings)
    return app
