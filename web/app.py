"""The Flask app factory: defaults, then instance config, then KGQA_* environment, then the test dict."""
from __future__ import annotations

import logging
import time

from flask import Flask, g, request
from werkzeug.exceptions import HTTPException

from . import services as services_mod
from .errors import ApiError, error_response
from .settings import defaults

# A strict policy: every script and style is served from here, nothing inline, nothing framed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
log = logging.getLogger("kgqa.web")


def create_app(test_config: dict | None = None, progress=None) -> Flask:
    """Build the app: pages, JSON API and SPARQL endpoint over the configured reports."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(defaults())
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("KGQA")
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    services_mod.init_app(app, progress)
    from .api import bp as api_bp
    from .pages import bp as pages_bp
    from .sparql import bp as sparql_bp

    app.register_blueprint(api_bp)
    app.register_blueprint(sparql_bp)
    app.register_blueprint(pages_bp)
    _register_handlers(app)
    return app


def wants_json() -> bool:
    """Whether this request is for JSON: the API, a .json twin, or an Accept header asking for it."""
    if request.path.startswith(("/api/", "/sparql")) or request.path.endswith(".json"):
        return True
    if request.args.get("format") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _register_handlers(app: Flask) -> None:
    @app.before_request
    def _start_timer():
        g.started = time.perf_counter()

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        took = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info('%s %s %s %d %.1fms', request.remote_addr, request.method, request.full_path.rstrip("?"),
                 response.status_code, took)
        return response

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        if wants_json():
            return error_response(exc.message, exc.status)
        from flask import render_template

        return render_template("error.html", message=exc.message, status=exc.status), exc.status

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        message = exc.description or exc.name
        if wants_json():
            return error_response(message, exc.code or 500)
        from flask import render_template

        return render_template("error.html", message=message, status=exc.code), exc.code

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        if wants_json():
            return error_response("internal error: the server could not answer this request", 500)
        from flask import render_template

        return render_template("error.html", message="The server could not answer this request.", status=500), 500
