"""``kgqa serve``: reuse the build, then serve the pages, API and SPARQL endpoint: with waitress in one process,
or with gunicorn in N worker processes (``--workers N``). A missing or stale build is made first under gunicorn;
in one process, the lexical build answers first while the whole build is made in the background."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time

from .cli import CommandError


def register(sub) -> None:
    """Add the serve subcommand."""
    p = sub.add_parser(
        "serve", help="serve the web pages, JSON API and SPARQL endpoint",
        description="Open the build of the reports, then serve them, logging one line per request: with waitress, "
                    "or with N gunicorn worker processes sharing the build (--workers N). When the build is missing "
                    "or its inputs, code, base IRI or encoder changed, one process starts progressively: it makes "
                    "the lexical parts first (ingest, graph, BM25), answers with them (each answer says so), and "
                    "makes the whole build, as 'kgqa build' does, in the background, then answers with hybrid "
                    "retrieval; --workers N makes the whole build before it forks. With no PATH, serves the "
                    "bundled report.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="reports (.txt, .pdf or ingest .json)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000, help="port (default 5000)")
    p.add_argument("--threads", type=int, default=8, help="threads per worker process (default 8)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes; 1 (default) serves with waitress in this process, more with gunicorn")
    p.add_argument("--build-dir", default=None, metavar="DIR", help="where builds are kept (default: out)")
    p.add_argument("--store", default=None, metavar="URL",
                   help="answer every graph query from this SPARQL server's query endpoint, loaded by 'kgqa load' "
                        "(the STORE setting; default: the embedded store)")
    p.set_defaults(handler=run)


def _one_blas_thread() -> None:
    """Let numpy's BLAS (OpenBLAS) run on one thread in the server, unless the environment already says how many."""
    # Below the ANN index's threshold each question multiplies its vector with every sentence vector in numpy, whose
    # OpenBLAS starts a thread per core for it; the server already answers requests side by side (waitress's threads,
    # gunicorn's workers), and on a busy machine those BLAS threads spin waiting for each other: with every corpus
    # report loaded a warm question cost 31-33 ms of server CPU on two BLAS threads against 10.5-11.9 ms on one
    # (README, "Scale"). OpenBLAS reads this when numpy loads, so it is set before anything imports numpy; gunicorn's
    # workers inherit it.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def run(args) -> int:
    """Build or reuse, then serve until interrupted (Ctrl-C or SIGTERM); the process then exits with status 0."""
    _one_blas_thread()
    from qa.errors import QAError

    from .cli_build import build_args, settings
    from .sparql_worker import SparqlError

    if args.workers < 1:
        raise CommandError(f"--workers must be 1 or more, not {args.workers}")
    fmt = "%(asctime)s %(message)s" if args.workers == 1 else "%(asctime)s [%(process)d] %(message)s"
    logging.basicConfig(level=logging.INFO, format=fmt, stream=sys.stderr)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    app = settings(args)
    svc = app.extensions["kgqa"]
    started = time.perf_counter()
    progressive = False
    try:
        if args.workers > 1:
            print("opening the build (made first when missing or stale)…", file=sys.stderr)
            _build_apart(args, svc, build_args)
            svc.warm_shared()  # what the forked workers share; each opens its own store, encoder and SPARQL workers
        else:
            # A progressive start: with no whole build yet, the lexical build (no encoder, no embedding) answers
            # first, and the whole build is made in the background (build_in_background, below).
            print("opening the build (its lexical parts made first when missing or stale)…", file=sys.stderr)
            progressive = svc.open_progressive()
            svc.warm(pages=False)  # what an answer needs; the pages' parts load below once the server listens
            svc.sparql.launch()  # not waited for: the first /sparql query waits for its worker if it must
    except SparqlError as exc:
        raise CommandError(f"could not start the SPARQL worker: {exc.message}") from None
    except (OSError, QAError, ValueError) as exc:
        raise CommandError(f"could not build: {exc}") from None
    print(f"ready in {time.perf_counter() - started:.1f} s: http://{args.host}:{args.port}/"
          + (f" ({args.workers} gunicorn workers)" if args.workers > 1 else "")
          + (" with lexical retrieval; the dense index is being built in the background" if progressive else ""),
          file=sys.stderr)
    if progressive:
        svc.build_in_background()
    # Room above the app's own limits, so that it answers an overlong URL or header (414/431) in its error
    # shape; the server answers what is larger still, or malformed, itself (also in JSON).
    header_room = int(app.config["MAX_URL_BYTES"]) + int(app.config["MAX_HEADER_BYTES"]) + 16384
    status = 0
    if args.workers > 1:
        from .gunicorn_serve import serve as gunicorn_serve

        master = os.getpid()
        try:
            gunicorn_serve(app, args.host, args.port, args.workers, args.threads, field_limit=header_room)
        except SystemExit as exc:  # gunicorn ends its master, and each worker, with sys.exit: 0 when stopped
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if os.getpid() != master:
                os._exit(status)  # a worker: gunicorn has closed it; the master says "stopped"
    else:
        from .waitress_json import serve

        previous = signal.signal(signal.SIGTERM, _stop)  # `kill` stops the server as Ctrl-C does: cleanly
        threading.Thread(target=_warm_pages, args=(svc,), name="kgqa-warm-pages", daemon=True).start()
        try:
            serve(app, host=args.host, port=args.port, threads=args.threads, ident="kgqa",
                  max_request_header_size=header_room)
        finally:
            signal.signal(signal.SIGTERM, previous)
            svc.close()
    print("stopped", file=sys.stderr)
    # Everything is closed and written: skip the interpreter's teardown of the model, indexes and graph,
    # which takes seconds and would make a stopped server linger.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _build_apart(args, svc, build_args) -> None:
    """Make a missing or stale build in a child `kgqa build`, so the master that forks the workers never
    loads the encoder (torch's threads and a model session must not cross a fork)."""
    from qa.build import current_build

    if current_build(*build_args(svc)) is not None:
        return
    command = [sys.executable, "-m", "web.cli", "build", *map(str, args.paths)]
    if args.build_dir:
        command += ["--build-dir", args.build_dir]
    if subprocess.run(command).returncode != 0:
        raise CommandError("the build failed (see above)")


def _warm_pages(svc) -> None:
    """Load what only the pages use (the network, the items graph queries name) while the server already answers
    questions; a page that needs a part first loads it itself, so a failure here is only logged."""
    try:
        svc.warm_pages()
    except Exception as exc:  # noqa: BLE001  (a page asks again, and reports the error to its client)
        logging.getLogger("kgqa").warning("loading the pages' parts failed: %s", exc)


def _stop(signum, frame) -> None:
    """SIGTERM: raise KeyboardInterrupt in the main thread; waitress then shuts down its threads."""
    raise KeyboardInterrupt
