"""Start `kgqa serve` on a free loopback port for a benchmark, and stop it: the one server start the benchmarks share."""
from __future__ import annotations

import http.client
import json
import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(build_dir: str | os.PathLike = "out", *, encoder: str = "onnx", serve_args: str | list[str] = "",
                 timeout_s: float = 600) -> tuple[subprocess.Popen, int]:
    """`kgqa serve --port P --build-dir DIR [serve_args]` with this checkout's code, returned once /api/health
    answers 200 with the index ready (or failed). encoder 'hashing' serves with the test encoder (KGQA_ENCODER); serve_args go to `kgqa serve`
    as given (a string is split as a shell would: "--workers 2", "--threads 4 report.pdf")."""
    port = free_port()
    extra = shlex.split(serve_args) if isinstance(serve_args, str) else list(serve_args)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "KGQA_ENCODER": encoder, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "web.cli", "serve", "--port", str(port), "--build-dir",
                             str(build_dir), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT, env=env)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"kgqa serve exited with status {proc.returncode} while starting")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/health")
            response = conn.getresponse()
            # A fresh build folder is served lexically first (the progressive start): what is measured here is the
            # whole service, so wait for the dense index too.
            if response.status == 200 and json.loads(response.read() or b"{}").get("index", {}).get("state") not in (
                    "building", "unopened"):
                return proc, port
            time.sleep(0.2)
        except OSError:
            time.sleep(0.5)
    stop_server(proc)
    raise SystemExit("kgqa serve did not answer in time")


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM (the server shuts down cleanly on it), then SIGKILL if it lingers."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
