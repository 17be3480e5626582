"""The one-line request log: every field a client controls is escaped, so no request can forge a line."""
from __future__ import annotations

import re

from flask import Request

MAX_LOGGED_TARGET = 2000
# \s is str.isspace's set (both use the Unicode white-space property), so this finds what the loop below escapes
# among printable characters.
_SPACE_OR_QUOTE = re.compile(r'[\s\\"]')


def escape(text: str, keep_spaces: bool = False) -> str:
    r"""text with control, non-printable and white-space characters, the backslash and the double quote written as
    \xNN, \uNNNN or \UNNNNNNNN, so a logged field stays on its line and (unless keep_spaces) holds no space."""
    if text.isprintable() and not _SPACE_OR_QUOTE.search(text):
        return text  # nothing to write out: the usual case, without a Python loop over every character
    out = []
    for ch in text:
        if (ch.isprintable() and not ch.isspace() and ch not in '\\"') or (keep_spaces and ch == " "):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


def request_line(request: Request, status: int, took_ms: float) -> str:
    """`ADDRESS METHOD PATH[?QUERY] STATUS TIMEms "USER-AGENT"`, each field the client gave escaped (and a
    target longer than MAX_LOGGED_TARGET cut, with its length)."""
    target = escape(request.path)
    if request.query_string:
        target += "?" + escape(request.query_string.decode("utf-8", "replace"))
    if len(target) > MAX_LOGGED_TARGET:  # a 414's 64 KiB URL would bury the log
        target = f"{target[:MAX_LOGGED_TARGET]}...[{len(target)}]"
    agent = escape(request.headers.get("User-Agent", "-"), keep_spaces=True)
    return f"{escape(request.remote_addr or '-')} {escape(request.method)} {target} {status} {took_ms:.1f}ms \"{agent}\""
