"""Settings are read at the edge (web/settings.py's table, for the app and the command line alike); the
libraries take every value as an argument and read no environment."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = ("graph", "ingest", "qa")
# Process plumbing, not settings: qa/onnx_export.py hands its child process the parent's import path.
PLUMBING = {"os.environ.get('PYTHONPATH')"}


def _environment_reads(path: Path) -> list[str]:
    """Where a module reads the environment: os.environ.get / os.getenv / os.environ[...] / a KGQA_ name."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        text = ast.unparse(node) if isinstance(node, (ast.Call, ast.Subscript)) else ""
        if text in PLUMBING:
            continue
        if isinstance(node, ast.Call) and text.startswith(("os.environ.get(", "os.getenv(", "environ.get(")):
            found.append(f"{path.name}:{node.lineno}: {text}")
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and text.startswith("os.environ["):
            found.append(f"{path.name}:{node.lineno}: {text}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("KGQA_"):
            found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    return sorted(found, key=lambda r: int(r.split(":")[1]))


def test_libraries_read_no_environment():
    reads = [r for pkg in LIBRARIES for f in sorted((ROOT / pkg).rglob("*.py")) for r in _environment_reads(f)]
    assert reads == []


def test_the_check_sees_a_read(tmp_path):
    f = tmp_path / "m.py"
    f.write_text('import os\nA = os.environ.get("KGQA_X")\nB = os.environ["HOME"]\nos.environ["Y"] = "1"\n')
    assert [r.split(":")[1] for r in _environment_reads(f)] == ["2", "2", "3"]


def test_the_command_line_reads_the_settings_as_the_app_does():
    from web.settings import defaults, from_environment

    got = from_environment({"KGQA_MAX_K": "7", "KGQA_BASE_IRI": "http://example.com/kg/", "KGQA_CACHE": "/tmp/c",
                            "OTHER": "x"})
    assert got["MAX_K"] == 7 and got["BASE_IRI"] == "http://example.com/kg/" and got["CACHE"] == "/tmp/c"
    assert from_environment({}) == defaults()


def test_the_library_ignores_the_environment(monkeypatch):
    from qa.model_files import default_cache_dir, default_model_path

    before = default_model_path(), default_cache_dir()
    monkeypatch.setenv("KGQA_MODEL_PATH", "/no/such/model")
    monkeypatch.setenv("KGQA_CACHE", "/no/such/cache")
    assert (default_model_path(), default_cache_dir()) == before
