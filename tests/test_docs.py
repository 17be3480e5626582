"""The README documents every command and every setting (a test fails when one is added silently)."""
from pathlib import Path

import pytest

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    from web.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command):
    assert f"kgqa {command}" in README


def test_the_design_commands_exist():
    assert {"ingest", "ask", "export", "sparql", "serve", "eval"} <= set(_commands())


def test_every_setting_is_in_the_readme():
    from web.settings import SETTINGS

    for s in SETTINGS:
        assert f"`{s.name}`" in README, s.name


def test_readme_starts_with_the_two_commands():
    blocks = README.split("```")
    assert "pip install -e . && kgqa serve" in blocks[1]
    assert "pytest" in blocks[3]
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    # CI runs exactly the README's test command
    ci_tests = next(line.strip() for line in ci.splitlines() if "python -m pytest" in line)
    assert ci_tests.startswith("HF_HUB_OFFLINE=1 python -m pytest -q") and blocks[3].strip().endswith(" && " + ci_tests)
