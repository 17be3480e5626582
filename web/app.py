"""The Flask app factory: defaults, then instance config, then KGQA_* environment, then the test dict."""
from __future__ import annotations

import logging
import time

from flask import Flask, g, request
from werkzeug.exceptions import HTTPException, RequestHeaderFieldsTooLarge, RequestURITooLarge

from . import services as services_mod
from .accesslog import request_line
from .errors import ApiError, error_response
from .negotiation import wants_json
from .params import AsciiIntConverter
from .settings import defaults

# A strict policy: every script and style is served from here, nothing inline, nothing framed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
log = logging.getLogger("kgqa.web")
SECURITY_HEADERS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                    ("Referrer-Policy", "no-referrer"), ("Cross-Origin-Opener-Policy", "same-origin"),
                    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))


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
    app.url_map.converters["int"] = AsciiIntConverter

    services_mod.init_app(app, progress)
    from .api import bp as api_bp
    from .pages import bp as pages_bp
    from .sparql import bp as sparql_bp

    app.register_blueprint(api_bp)
    app.register_blueprint(sparql_bp)
    app.register_blueprint(pages_bp)
    _register_handlers(app)
    return app


def request_sizes(environ: dict) -> tuple[int, int]:
    """(bytes of the request target as sent, bytes of its header fields as name: value lines)."""
    # WSGI strings hold one character per byte. The raw target is there under waitress; a test client's may lack
    # the query, so the decoded path and the query count too.
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI") or ""
    query = environ.get("QUERY_STRING", "")
    target = max(len(raw), len(environ.get("PATH_INFO", "")) + (len(query) + 1 if query else 0))
    fields = [(k[5:], v) for k, v in environ.items() if k.startswith("HTTP_")]
    fields += [(k, v) for k in ("CONTENT_TYPE", "CONTENT_LENGTH") if (v := environ.get(k))]
    return target, sum(len(k) + len(str(v)) + 4 for k, v in fields)


def _extra_headers(exc: HTTPException) -> list[tuple[str, str]]:
    """What Werkzeug says must go with an HTTP error (Allow on a 405, Retry-After), less its own Content-Type."""
    return [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]


def _register_handlers(app: Flask) -> None:
    @app.before_request
    def _start_timer_and_check_sizes():
        g.started = time.perf_counter()
        # waitress is given room above these limits (cli_serve), so that the answer is ours, in our error shape
        target, fields = request_sizes(request.environ)
        if target > int(app.config["MAX_URL_BYTES"]):
            hint = " (send a long SPARQL query by POST)" if request.path == "/sparql" else ""
            raise RequestURITooLarge(f"the URL is {target} bytes; the limit is {app.config['MAX_URL_BYTES']}{hint}")
        if fields > int(app.config["MAX_HEADER_BYTES"]):
            raise RequestHeaderFieldsTooLarge(f"the header fields are {fields} bytes; the limit is "
                                              f"{app.config['MAX_HEADER_BYTES']}")

    @app.after_request
    def _headers(response):
        # Each one unless the view set it. One pass over the header names: Headers.setdefault raises and catches a
        # KeyError (a Werkzeug exception object) for every header it adds.
        present = {name.lower() for name in response.headers.keys()}
        for name, value in SECURITY_HEADERS:
            if name.lower() not in present:
                response.headers.add(name, value)
        took = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info("%s", request_line(request, response.status_code, took))
        return response

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        if wants_json():
            return error_response(exc.message, exc.status)
        from flask import render_template

        return render_template("error.html", message=exc.message, status=exc.status), exc.status

    from graph.remote import StoreUnavailable

    @app.errorhandler(StoreUnavailable)
    def _store_unavailable(exc: StoreUnavailable):
        # the STORE server is down, slow or failing: say so (503, 504 or 502), never a traceback
        if wants_json():
            return error_response(str(exc), exc.status)
        from flask import render_template

        return render_template("error.html", message=str(exc), status=exc.status), exc.status

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        message = exc.description or exc.name
        if wants_json():
            return error_response(message, exc.code or 500, _extra_headers(exc))
        from flask import render_template

        return render_template("error.html", message=message, status=exc.code), exc.code, _extra_headers(exc)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        if wants_json():
            return error_response("internal error: the server could not answer this request", 500)
        from flask import render_template

        return render_template("error.html", message="The server could not answer this request.", status=500), 500
