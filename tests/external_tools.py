"""The programs outside Python that the export tests run: node with the tools' JavaScript parsers (installed
from tests/js/package-lock.json with ``npm ci``) and Debian's ``rapper``.

A missing program skips its tests with the reason and the fix, except under CI (the ``CI`` environment
variable set, as ``.ci/run`` does): there it fails, so CI never passes by skipping them.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

JS = Path(__file__).parent / "js"
READER = JS / "read_exports.js"


def missing(what: str, fix: str) -> None:
    """Skip the calling test for a missing program, or fail it under CI."""
    message = f"{what}; {fix}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


def require(program: str, fix: str) -> str:
    """The path of a program on PATH, or skip (fail under CI) saying how to install it."""
    path = shutil.which(program)
    if path is None:
        missing(f"{program} is not installed", fix)
    return path


@pytest.fixture(scope="session")
def js_parsers() -> Path:
    """tests/js with its node_modules: runs ``npm ci`` there once when they are missing."""
    require("node", "install Debian's nodejs (apt-get install nodejs), as .ci/run does")
    if not (JS / "node_modules" / ".package-lock.json").exists():
        npm = require("npm", "install Debian's npm (apt-get install npm), as .ci/run does")
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=JS, capture_output=True, text=True,
                              timeout=600)
        if done.returncode != 0:
            missing("npm ci in tests/js failed: " + (done.stderr.strip().splitlines() or ["no output"])[-1],
                    "run it by hand with the npm registry reachable")
    return JS


def read_with_js(jobs: list[tuple[str, Path]]) -> list[dict]:
    """Each (parser, file) read by that JavaScript parser ("graphology-gexf", ...): what each saw, in order.
    One node process reads them all (starting jsdom takes seconds)."""
    args = [f"{reader}={path}" for reader, path in jobs]
    done = subprocess.run(["node", str(READER), *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
