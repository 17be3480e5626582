"""`kgqa ask` and `kgqa eval`: help, one-line errors, text and JSON output."""
from __future__ import annotations

import json

import pytest

from conftest_qa import DATA
from web.cli import build_parser, main


def test_ask_and_eval_are_registered():
    text = build_parser().format_help()
    assert "ask" in text and "eval" in text


@pytest.mark.parametrize("cmd", ["ask", "eval"])
def test_help(cmd, capsys):
    with pytest.raises(SystemExit) as exc:
        main([cmd, "--help"])
    assert exc.value.code == 0
    assert "--report" in capsys.readouterr().out


def test_empty_question_is_one_line_error(capsys):
    assert main(["ask", "   "]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "kgqa ask: error: the question is empty"


def test_bad_k_is_refused_before_the_model_loads(capsys):
    assert main(["ask", "What?", "-k", "0"]) == 1
    assert capsys.readouterr().err.strip() == "kgqa ask: error: k must be a whole number from 1 to 20"


def test_the_cli_reads_max_k_and_the_model_from_the_settings(monkeypatch, capsys):
    monkeypatch.setenv("KGQA_MAX_K", "7")  # as `kgqa serve` would read it
    assert main(["ask", "What?", "-k", "8"]) == 1
    assert capsys.readouterr().err.strip() == "kgqa ask: error: k must be a whole number from 1 to 7"
    monkeypatch.setenv("KGQA_MODEL_PATH", "/no/such/model")  # the MODEL_PATH setting, read here, not in qa/
    assert main(["ask", "What?", "--encoder", "torch"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.splitlines()[-1] == "kgqa ask: error: no embedding model at /no/such/model"


def test_bad_question_set_is_one_line_error(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "none.jsonl")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("kgqa eval: error: no question set at") and "\n" not in err


@pytest.mark.model
def test_ask_json_and_text(capsys, cli_cache):
    question = "How many child abuse investigation teams does SOECA have?"  # passages, k of them
    assert main(["ask", question, "-k", "2", "--json", "--cache", cli_cache]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["found"] and len(r["passages"]) == 2
    assert "16 child abuse investigation teams" in r["answer"]["text"]
    assert main(["ask", question, "-k", "1", "--cache", cli_cache]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Q: {question}") and "p." in out and "took" in out
    # a graph answer prints its facts, each with its evidence
    assert main(["ask", "What does IDVA stand for?", "--cache", cli_cache]) == 0
    out = capsys.readouterr().out
    assert "IDVA stands for Independent Domestic Violence Advocate." in out and "from the named query acronym" in out


@pytest.mark.model
def test_ask_bad_filter_is_one_line_error(capsys, cli_cache):
    assert main(["ask", "What?", "--section", "No such section", "--cache", cli_cache]) == 1
    err = capsys.readouterr().err
    # progress lines (indexing, embedding) may come first; the error is one line, and the last
    assert err.strip().splitlines()[-1] == "kgqa ask: error: no passage matches section 'No such section'"
    assert err.count("error:") == 1 and "Traceback" not in err


@pytest.mark.model
def test_eval_prints_the_table_with_baselines(capsys, cli_cache):
    assert main(["eval", str(DATA / "dev_questions.jsonl"), "--cache", cli_cache]) == 0
    out = capsys.readouterr().out
    for row in ("kgqa hybrid", "BM25 alone", "dense alone", "naive 1000-char chunks", "Hit@1", "MRR@10"):
        assert row in out
