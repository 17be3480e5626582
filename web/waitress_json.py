"""waitress with its own error replies (a malformed request, a header block over its limit) in the service's
JSON error shape, instead of waitress's plain text."""
from __future__ import annotations

import json

from waitress import create_server
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.task import ErrorTask


class JsonErrorTask(ErrorTask):
    """The reply waitress makes when a request never reaches the app, as {"ok": false, "error", "status"}."""

    def execute(self):
        """Write the error as JSON and close the connection, as waitress does for its plain-text reply."""
        error = self.request.error
        body = json.dumps({"ok": False, "error": f"{error.reason}: {error.body}", "status": error.code}).encode()
        self.status = f"{error.code} {error.reason}"
        self.response_headers.extend([("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff")])
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class JsonErrorChannel(HTTPChannel):
    """A waitress connection whose error replies are JSON."""

    error_task_class = JsonErrorTask


def serve(app, **options) -> None:
    """waitress.serve(app, **options), with JSON error replies on every listening socket."""
    server = create_server(app, **options)
    listeners = [server] if isinstance(server, BaseWSGIServer) else \
        [d for d in server.map.values() if isinstance(d, BaseWSGIServer)]
    for listener in listeners:
        listener.channel_class = JsonErrorChannel
    server.print_listen("Serving on http://{}:{}")
    server.run()
