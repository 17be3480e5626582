"""``kgqa serve --workers N``: N gunicorn worker processes forked from one master that preloaded the corpus.

gunicorn's custom-application pattern (``BaseApplication``) with ``preload_app``: the master opens the
build and loads its read-only parts (reports, index state, memory-mapped vectors, network, entity patterns),
which the forked workers share. What must not cross a fork opens in each worker after it: the Oxigraph
store (RocksDB), the encoder, the SPARQL worker processes.

The size limits, against waitress's (web/waitress_json.py):
- ``limit_request_line`` is 0, no limit of gunicorn's own (its largest finite one, 8190 bytes, is below
  ``MAX_URL_BYTES``; its C parser still stops at 1 MiB), so the app answers an overlong target with its 414.
- ``limit_request_field_size`` is ``MAX_URL_BYTES + MAX_HEADER_BYTES + 16 KiB`` per field and
  ``limit_request_fields`` 100 fields: gunicorn limits each field and their number, not the whole block as
  waitress's ``max_request_header_size`` does, so the block is bounded at 100 such fields; below that the
  app answers header fields over ``MAX_HEADER_BYTES`` in all with its 431.
- What gunicorn still answers itself (a field or a count over those limits: 431; a malformed request
  line or header: 400) it writes through ``gunicorn.util.write_error``, which our worker class replaces
  with a writer of the service's JSON error shape. The connection is closed after it, as waitress does.
"""
from __future__ import annotations

import json
import logging
import os
import time

from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

log = logging.getLogger("kgqa.web")


def write_json_error(sock, status_int, reason, mesg) -> None:
    """gunicorn's own error reply, in the service's JSON error shape: {"ok": false, "error", "status"}."""
    body = json.dumps({"ok": False, "error": f"{reason}: {mesg}", "status": int(status_int)}).encode()
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
            f"X-Content-Type-Options: nosniff\r\nContent-Length: {len(body)}\r\n\r\n").encode("latin-1")
    util.write_nonblock(sock, head + body)


class JsonErrorThreadWorker(ThreadWorker):
    """gunicorn's threaded worker, writing its own error replies as JSON."""

    def init_process(self):
        """Swap in the JSON error writer (in this worker process only), then run as gunicorn does."""
        util.write_error = write_json_error
        super().init_process()


class KgqaApplication(BaseApplication):
    """The Flask app, already built and warmed in the master, served by gunicorn with these options."""

    def __init__(self, app, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self):
        """Hand the options to gunicorn's own settings."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        """The WSGI app (built before the fork: preload)."""
        return self.application


def _post_worker_init(worker) -> None:
    """In each worker, after the fork: open the store, load the encoder and start the SPARQL workers."""
    started = time.perf_counter()
    worker.wsgi.extensions["kgqa"].warm_process()
    log.info("worker %d ready in %.1f s", os.getpid(), time.perf_counter() - started)


def _worker_exit(server, worker) -> None:
    """In each worker, as it exits: stop its SPARQL workers."""
    worker.wsgi.extensions["kgqa"].close()


def serve(app, host: str, port: int, workers: int, threads: int, field_limit: int) -> None:
    """Serve app with gunicorn until stopped (Ctrl-C or SIGTERM: gunicorn stops its workers and returns)."""
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "web.gunicorn_serve.JsonErrorThreadWorker",
        "threads": threads,
        "preload_app": True,
        "limit_request_line": 0,
        "limit_request_field_size": field_limit,
        "limit_request_fields": 100,
        "post_worker_init": _post_worker_init,
        "worker_exit": _worker_exit,
        "graceful_timeout": 5,
        "timeout": 120,  # a worker's first start loads the encoder; the heartbeat must allow for it
        "accesslog": None,  # the app logs one line per request itself
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "kgqa",
    }
    KgqaApplication(app, options).run()
