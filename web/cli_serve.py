"""``kgqa serve``: build what is missing, then serve the pages, API and SPARQL endpoint with waitress."""
from __future__ import annotations

import logging
import os
import signal
import sys
import time

from .cli import CommandError


def register(sub) -> None:
    """Add the serve subcommand."""
    p = sub.add_parser(
        "serve", help="serve the web pages, JSON API and SPARQL endpoint",
        description="Ingest, index and build the graph for the reports (reusing an earlier build whose inputs "
                    "and model are unchanged), then serve them with waitress, logging one line per request. "
                    "With no PATH, serves the bundled report.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="reports (.txt, .pdf or ingest .json)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000, help="port (default 5000)")
    p.add_argument("--threads", type=int, default=8, help="waitress worker threads (default 8)")
    p.add_argument("--build-dir", default=None, metavar="DIR", help="where builds are kept (default: out)")
    p.add_argument("--store", default=None, metavar="URL",
                   help="answer every graph query from this SPARQL server's query endpoint, loaded by 'kgqa load' "
                        "(the STORE setting; default: the embedded store)")
    p.set_defaults(handler=run)


def run(args) -> int:
    """Build, then serve until interrupted (Ctrl-C or SIGTERM); the process then exits with status 0."""
    from .app import create_app
    from .waitress_json import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    overrides = {"REPORTS": args.paths} if args.paths else {}
    if args.build_dir:
        overrides["BUILD_DIR"] = args.build_dir
    if args.store:
        overrides["STORE"] = args.store
    app = create_app(overrides, progress=lambda msg: print(f"  {msg}", file=sys.stderr))
    started = time.perf_counter()
    print("building (reused where inputs are unchanged)…", file=sys.stderr)
    from qa.errors import QAError

    from .sparql_worker import SparqlError

    try:
        app.extensions["kgqa"].warm()
    except SparqlError as exc:
        raise CommandError(f"could not start the SPARQL worker: {exc.message}") from None
    except (OSError, QAError, ValueError) as exc:
        raise CommandError(f"could not build: {exc}") from None
    print(f"ready in {time.perf_counter() - started:.1f} s: http://{args.host}:{args.port}/", file=sys.stderr)
    previous = signal.signal(signal.SIGTERM, _stop)  # `kill` stops the server as Ctrl-C does: cleanly
    try:
        # Room above the app's own limits, so that it answers an overlong URL or header (414/431) in its error
        # shape; waitress answers what is larger still, or malformed, itself (waitress_json: also JSON).
        header_room = int(app.config["MAX_URL_BYTES"]) + int(app.config["MAX_HEADER_BYTES"]) + 16384
        serve(app, host=args.host, port=args.port, threads=args.threads, ident="kgqa",
              max_request_header_size=header_room)
    finally:
        signal.signal(signal.SIGTERM, previous)
        app.extensions["kgqa"].close()
    print("stopped", file=sys.stderr)
    # Everything is closed and written: skip the interpreter's teardown of the model, indexes and graph,
    # which takes seconds and would make a stopped server linger.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _stop(signum, frame) -> None:
    """SIGTERM: raise KeyboardInterrupt in the main thread; waitress then shuts down its threads."""
    raise KeyboardInterrupt
