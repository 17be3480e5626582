"""What a hostile client can send: forged log lines, methods a route lacks, numbers in odd forms, oversized
requests; through the test client, and through the real `kgqa serve` (waitress) on a loopback port."""
from __future__ import annotations

import json
import logging
import select
import socket
import time

import pytest

from web.accesslog import escape
from web.app import create_app
from conftest import assert_error

RID = "london-assembly-safeguarding-children-met-2014"


@pytest.fixture(scope="module")
def app(hashing_build_dir):
    """The app over the bundled report, with the small deterministic encoder (fast, no torch)."""
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": hashing_build_dir})
    yield app
    app.extensions["kgqa"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


# -- the request log -------------------------------------------------------------------------
@pytest.mark.parametrize("raw, logged", [
    ("/api/x\nGET /admin 200", "/api/x\\x0aGET\\x20/admin\\x20200"),
    ("a\rb", "a\\x0db"),
    ("\x1b[31mred", "\\x1b[31mred"),
    ("tab\there", "tab\\x09here"),
    ("back\\slash", "back\\x5cslash"),
    ('quote"', "quote\\x22"),
    ("line\u2028sep", "line\\u2028sep"),
    ("bidi\u202eevil", "bidi\\u202eevil"),
    ("nul\x00", "nul\\x00"),
    ("café/Überblick", "café/Überblick"),
])
def test_escape_keeps_a_field_on_one_line(raw, logged):
    assert escape(raw) == logged


def test_a_forged_line_in_the_path_stays_in_one_escaped_record(client, caplog):
    caplog.set_level(logging.INFO, logger="kgqa.web")
    client.get("/api/nothing%0a127.0.0.1%20GET%20/forged%20200%0d%1b[2K?x=%0a%0d",
               headers={"User-Agent": "agent\x1b[2Kx"})
    [record] = [r for r in caplog.records if r.name == "kgqa.web"]
    line = record.getMessage()
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert "/api/nothing\\x0a127.0.0.1\\x20GET\\x20/forged\\x20200\\x0d\\x1b[2K?x=%0a%0d 404 " in line
    assert line.endswith('"agent\\x1b[2Kx"')


def test_an_overlong_target_is_logged_cut(client, caplog):
    caplog.set_level(logging.INFO, logger="kgqa.web")
    client.get("/api/entities", query_string={"q": "x" * 10000})
    [record] = [r for r in caplog.records if r.name == "kgqa.web"]
    assert "x" * 1900 in record.getMessage() and "...[10016] 200 " in record.getMessage()


# -- 405 and Allow ---------------------------------------------------------------------------
@pytest.mark.parametrize("method, url, allowed", [
    ("POST", "/api/ask", {"GET", "HEAD", "OPTIONS"}),
    ("DELETE", "/api/health", {"GET", "HEAD", "OPTIONS"}),
    ("PUT", f"/api/notes/{RID}/15", {"GET", "HEAD", "OPTIONS"}),
    ("PATCH", "/api/export/ttl", {"GET", "HEAD", "OPTIONS"}),
    ("POST", "/api/no-such-endpoint", {"GET", "HEAD", "OPTIONS"}),
    ("DELETE", "/sparql", {"GET", "HEAD", "OPTIONS", "POST"}),
])
def test_405_carries_allow_and_the_error_shape(client, method, url, allowed):
    r = client.open(url, method=method)
    assert_error(r, 405)
    assert set(r.headers["Allow"].split(", ")) == allowed


def test_405_on_a_page_is_a_page_with_allow(client):
    r = client.post("/entities/soeca", headers={"Accept": "text/html"})
    assert r.status_code == 405 and r.mimetype == "text/html"
    assert set(r.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


# -- whole numbers ---------------------------------------------------------------------------
GOOD = ["1", "7", "007", "20", "020"]
BAD = ["0", "21", "1_0", "+3", "-3", " 3", "3 ", "3.0", "3e0", "0x3", "٣", "３", "²", "", "three", "9" * 5000]


@pytest.mark.parametrize("value", GOOD + BAD)
def test_k_takes_ascii_digits_within_bounds(client, value):
    r = client.get("/api/ask", query_string={"q": "MASH", "k": value})
    if value in GOOD:
        assert r.status_code == 200 and len(r.get_json()["passages"]) <= int(value)
    else:
        assert_error(r, 400, "k must be a whole number from 1 to 20")


@pytest.mark.parametrize("name, value, ok", [
    ("limit", "2", True), ("limit", "0002", True), ("limit", "1000", True), ("limit", "1001", False),
    ("limit", "1_0", False), ("limit", "+2", False), ("limit", "٢", False), ("limit", "", False),
    ("offset", "0", True), ("offset", "000", True), ("offset", "1_0", False), ("offset", "-0", False),
    ("offset", "+1", False), ("offset", "١", False), ("offset", "1000000001", False),
])
def test_paging_numbers_take_ascii_digits_within_bounds(client, name, value, ok):
    r = client.get("/api/queries/units-of-command", query_string={name: value})
    if ok:
        assert r.status_code == 200 and r.get_json()[name] == int(value)
    else:
        assert_error(r, 400, f"{name} must be a whole number")


def test_pages_take_a_blank_number_field_as_none(client):
    assert client.get("/?q=MASH&k=", headers={"Accept": "text/html"}).status_code == 200
    assert client.get("/queries/units-of-command?limit=&offset=", headers={"Accept": "text/html"}).status_code == 200


@pytest.mark.parametrize("number, status", [("15", 200), ("015", 200), ("١٥", 404), ("+15", 404), ("1_5", 404),
                                            ("1" * 10, 404)])
def test_note_numbers_in_paths_are_ascii_digits(client, number, status):
    r = client.get(f"/api/notes/{RID}/{number}")
    assert r.status_code == status and r.is_json
    if status == 200:
        assert r.get_json()["number"] == 15


def test_a_question_without_a_letter_or_digit_is_refused(client):
    assert_error(client.get("/api/ask", query_string={"q": ",;?"}), 400, "no letter or digit")
    assert_error(client.get("/api/ask", query_string={"q": " " * 501}), 400, "limit is 500")


def test_a_filter_matching_nothing_is_a_404(client):
    assert_error(client.get("/api/ask", query_string={"q": "MASH", "report": "no-such-report"}), 404, "no passage")


# -- oversized requests, in the app -----------------------------------------------------------
def test_an_overlong_url_is_a_414(client, app):
    r = client.get("/api/entities", query_string={"q": "x" * int(app.config["MAX_URL_BYTES"])})
    assert_error(r, 414, "the URL is", "the limit is 65536")
    assert_error(client.get("/sparql", query_string={"query": "x" * 70000}), 414, "by POST")


def test_oversized_header_fields_are_a_431(client):
    assert_error(client.get("/api/health", headers={"X-Filler": "x" * 33000}), 431, "header fields")


# -- the real server ----------------------------------------------------------------------------


def _raw(port: int, request: bytes) -> tuple[int, dict, bytes]:
    """Send bytes as they are (no client library tidies them) and read the whole reply. An oversized request is
    sent a piece at a time and no more once the reply comes: the server answers before it has read it all, and
    closes (a reset, once the reply is read)."""
    chunks = []
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        sent = 0
        while sent < len(request) and not select.select([s], [], [], 0)[0]:
            try:
                sent += s.send(request[sent:sent + 8192])
            except (BrokenPipeError, ConnectionResetError):
                break
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:
            assert chunks, "the connection was reset before any reply"
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def _get(port: int, target: str, extra: str = "") -> tuple[int, dict, bytes]:
    return _raw(port, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}Connection: close\r\n\r\n".encode())


def _assert_json_error(reply, status: int, *words: str):
    code, headers, body = reply
    assert code == status, body[:300]
    assert headers["content-type"].startswith("application/json")
    data = json.loads(body)
    assert data == {"ok": False, "error": data["error"], "status": status}
    for w in words:
        assert w in data["error"], data["error"]


def test_served_overlong_url_and_header_get_the_apps_json(served):
    port, _ = served
    _assert_json_error(_get(port, "/api/entities?q=" + "x" * 70000), 414, "the URL is")
    _assert_json_error(_get(port, "/api/health", "X-Filler: " + "x" * 40000 + "\r\n"), 431, "header fields")


def test_what_waitress_answers_itself_is_json_too(served):
    port, _ = served
    # past the room waitress is given (MAX_URL_BYTES + MAX_HEADER_BYTES + 16 KiB), it refuses before the app
    _assert_json_error(_get(port, "/api/health", "X-Filler: " + "x" * 200_000 + "\r\n"), 431,
                       "Request Header Fields Too Large")
    _assert_json_error(_raw(port, b"GET /api/health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"), 400, "Bad Request")
    _assert_json_error(_raw(port, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"), 400)


def test_served_405_has_allow_and_the_log_is_one_line_per_request(served):
    port, log_path = served
    code, headers, body = _raw(port, b"DELETE /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert code == 405 and "GET" in headers["allow"] and json.loads(body)["status"] == 405
    code, _, _ = _get(port, "/api/x%0a1.2.3.4%20GET%20/forged%20200%0d%1b[2K")
    assert code == 404
    time.sleep(0.5)  # the log line is written after the reply
    lines = log_path.read_text(encoding="utf-8").splitlines()
    assert not any("GET /forged" in line for line in lines)
    [line] = [line for line in lines if "/api/x" in line]
    assert "/api/x\\x0a1.2.3.4\\x20GET\\x20/forged\\x20200\\x0d\\x1b[2K 404 " in line
