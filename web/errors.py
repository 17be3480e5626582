"""One error shape for every JSON error: {"ok": false, "error": "...", "status": N}."""
from __future__ import annotations

from flask import jsonify


class ApiError(Exception):
    """A request the service refuses, with the HTTP status to refuse it with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


class NotFound(ApiError):
    """No such id, format or page."""

    def __init__(self, message: str):
        super().__init__(message, 404)


def error_response(message: str, status: int, headers=None):
    """The JSON error response, built in one place (headers: such as the Allow of a 405)."""
    response = jsonify({"ok": False, "error": message, "status": status})
    response.status_code = status
    response.headers.extend(headers or [])
    return response
