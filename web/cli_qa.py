"""``kgqa ask`` and ``kgqa eval``: thin shells over qa.service and qa.evaluate."""
from __future__ import annotations

import json
import os
import platform
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

from qa.errors import QAError
from web.cli import CommandError


def register(sub) -> None:
    """Add the ask and eval subcommands."""
    p = sub.add_parser(
        "ask", help="answer a question from the reports, with cited passages",
        description="Answer a question from the reports: one to three sentences quoted exactly (key span in "
                    "**bold**), then the passages behind them with report, section, page, notes and their sources, "
                    "speakers and score. Says so when the reports do not cover the question. With no --report, "
                    "searches the bundled London Assembly report.")
    from web.settings import from_environment

    limits = from_environment()
    p.add_argument("question", metavar="QUESTION", help="the question, in quotes")
    p.add_argument("-k", type=int, default=int(limits["DEFAULT_K"]), metavar="N",
                   help=f"how many passages to return, 1 to {limits['MAX_K']} (default: %(default)s; the DEFAULT_K "
                        "and MAX_K settings, as /api/ask applies them)")
    p.add_argument("--json", action="store_true", help="print the /api/ask JSON instead of text")
    _corpus_args(p)
    g = p.add_argument_group("filters (each must hold; values are ids or parts of names)")
    g.add_argument("--in-report", dest="filter_report", metavar="ID", help="only passages of this report")
    g.add_argument("--section", metavar="S", help="only passages of this section (id or title)")
    g.add_argument("--speaker", metavar="S", help="only passages with statements by, or notes citing, this speaker")
    g.add_argument("--entity", metavar="E", help="only passages naming this entity (acronym, person, organisation)")
    g.add_argument("--source-kind", metavar="K", help="only passages whose notes cite this kind of source "
                                                      "(transcript, written evidence, letter, publication, …)")
    p.set_defaults(handler=run_ask)

    e = sub.add_parser(
        "eval", help="measure retrieval on a question set, beside baselines",
        description="Run every question of a JSON-lines set ({\"id\", \"question\", \"gold\": [snippets]}) and "
                    "print Hit@1, Hit@3, Hit@5, MRR@10 and the share answered 'not found', for this service and, "
                    "on the same passages, for BM25 alone, dense alone and naive 1,000-character chunks. A passage "
                    "answers when, after folding case, quotes, dashes and white space, it holds a gold snippet; a "
                    "question with gold [] is unanswerable and should be answered 'not found'. Questions with a gold "
                    "\"speaker\" add 'speakers named: n/m': the first returned passage that holds the gold words "
                    "must list that speaker among its speakers (names matched by the entity registry's folding "
                    "and aliases).")
    e.add_argument("questions", nargs="+", metavar="QUESTIONS.jsonl", help="question set(s)")
    e.add_argument("--json", action="store_true", help="print the figures as JSON")
    e.add_argument("--misses", action="store_true", help="list the questions each method misses at rank 1, and the unanswerable ones it answers")
    _corpus_args(e)
    e.set_defaults(handler=run_eval)


def _corpus_args(p) -> None:
    p.add_argument("--report", action="append", metavar="PATH", default=None,
                   help="a report to search (.txt, .pdf, or ingest .json); repeat for several (default: bundled)")
    from web.settings import from_environment

    configured = from_environment()  # the KGQA_* variables, as `kgqa serve` reads them
    p.add_argument("--model", metavar="PATH", default=configured["MODEL_PATH"],
                   help="a local sentence-transformers model (default: the MODEL_PATH setting, else all-MiniLM-L6-v2)")
    p.add_argument("--cache", metavar="DIR", default=configured["CACHE"],
                   help="embedding cache folder (default: the CACHE setting, $KGQA_CACHE, else ~/.cache/kgqa)")
    p.add_argument("--encoder", choices=["onnx-int8", "onnx-int8-query", "onnx", "torch", "hashing"], default=configured["ENCODER"],
                   help="how the model runs (default: %(default)s; the ENCODER setting); ONNX kinds export the "
                        "model once into the cache folder's models/")


def _service(args):
    """The QA service for the command's corpus (in memory); QA errors become one-line command errors."""
    from qa.corpus import Corpus
    from qa.model_files import default_cache_dir
    from qa.encoder import make_encoder
    from qa.service import load_reports
    from web.settings import from_environment

    def progress(msg: str) -> None:
        print(f"  {msg}", file=sys.stderr)

    try:
        cache = Path(args.cache) if args.cache else default_cache_dir()
        encoder = make_encoder(args.encoder, args.model, onnx_dir=cache / "models", progress=progress)
        corpus = Corpus.in_memory(load_reports(args.report), encoder=encoder, cache_dir=cache, progress=progress)
        corpus.ann_from = int(from_environment()["ANN_FROM_SENTENCES"])
        return corpus.qa
    except QAError as exc:
        raise CommandError(str(exc)) from exc


def run_ask(args) -> int:
    """Answer one question and print it as text or JSON."""
    from web.settings import from_environment

    if not args.question.strip():
        raise CommandError("the question is empty")
    max_k = int(from_environment()["MAX_K"])  # the bound /api/ask applies, from the same setting
    if not 1 <= args.k <= max_k:
        raise CommandError(f"k must be a whole number from 1 to {max_k}")  # checked before the model loads
    qa = _service(args)
    filters = {"report": args.filter_report, "section": args.section, "speaker": args.speaker,
               "entity": args.entity, "source_kind": args.source_kind}
    try:
        result = qa.ask(args.question, k=args.k, **{k: v for k, v in filters.items() if v})
    except QAError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_answer(result))
    return 0


def format_answer(result: dict) -> str:
    """The ask result as readable text."""
    out = [f"Q: {result['question']}", ""]
    if result["answer"].get("facts"):
        # answered from the graph: the sentence, then every fact with its evidence, then the query to rerun
        out += [textwrap.fill(result["answer"]["text"], width=100, initial_indent="  ", subsequent_indent="  "), ""]
        for f in result["answer"]["facts"]:
            ev = f["evidence"]
            where = f"note {ev['note']}" if ev["note"] else f"{ev['passage']} p.{ev['page']}"
            # as the ask page reads it ("is part of"), the quoted text of a recommendation in quotes
            obj = f"“{f['object']}”" if f["relation"] == "text" else f["object"]
            out.append(f"  - {f['subject']} {f.get('relation_label') or f['relation']} {obj}  [{where}]")
        out += ["", f"  from the named query {result['answer']['query']['name']}: {result['answer']['query']['url']}", ""]
    elif result["found"]:
        for s in result["answer"]["sentences"]:
            out.append(textwrap.fill(f"“{s['marked']}”", width=100, initial_indent="  ", subsequent_indent="   "))
        out.append("")
    else:
        out += [f"  Not found: {result['answer']['text']}",
                f"  ({result['answer'].get('reason', '')}; the nearest passages follow)", ""]
    if result.get("recommendations"):
        out.append("Recommendations:")
        for rec in result["recommendations"]:
            to = ", ".join(rec["addressees"]) or "?"
            due = f"; {rec['deadline']}" if rec["deadline"] else ""
            out.append(textwrap.fill(f"{rec['label']}. (to {to}{due}) {_short(rec['text'], 240)}", width=100,
                                     initial_indent="  ", subsequent_indent="     "))
        out.append("")
    for n, p in enumerate(result["passages"], 1):
        out.append(f"{n}. [{p['score']:.3f}] {p['section']} · p.{p['page']} · {p['report']}  {p['url']}")
        out.append(textwrap.fill(_short(p["text"], 400), width=100, initial_indent="   ", subsequent_indent="   "))
        if p["speakers"]:
            out.append("   speakers: " + "; ".join(
                s["name"] + (f" ({s['role']})" if s.get("role") else "") for s in p["speakers"]))
        for c in p["citations"]:
            src = c["source"]
            if src:
                first = (c.get("sources") or [{}])[0]
                place = "; ".join(p["label"] for p in first.get("transcripts") or [])  # "Day 12, p. 34, l. 5"
                detail = ", ".join(x for x in (src.get("person"), src.get("organisation"), src.get("kind"),
                                               src.get("date"), place, src.get("url")) if x)
                out.append(f"   note {c['note']}: {detail}")
            else:
                out.append(f"   note {c['note']}: {_short(c['text'], 120) if c['text'] else '(text lost in extraction)'}")
    out.append(f"\ntook {result['took_ms']:.1f} ms")
    return "\n".join(out)


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _named_items(answer: dict) -> list:
    """The set a graph answer names, each item as (report, label); a passage answer names none."""
    by_report = answer.get("items_by_report") or {}
    return [(rid, item) for rid, items in by_report.items() for item in items] or answer.get("items", [])


def run_eval(args) -> int:
    """Evaluate the service and the baselines on each question set and print the table."""
    from qa.evaluate import (HEADER, evaluate, load_questions, score_sets, score_speakers,
                             speaker_matcher)

    try:
        sets = [(path, load_questions(path)) for path in args.questions]
    except QAError as exc:
        raise CommandError(str(exc)) from exc
    qa = _service(args)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results = {}
    for path, all_questions in sets:
        lists = [q for q in all_questions if "gold_set" in q.extra]
        questions = [q for q in all_questions if "gold_set" not in q.extra]
        if lists:
            named = [_named_items(qa.ask(q.question, k=10)["answer"]) for q in lists]
            sets_score = score_sets(lists, named, set(qa.index.reports))
            results[f"{path} (lists)"] = [sets_score]
            if not args.json:
                print(f"{path}: {sets_score.row()}")
                if args.misses and sets_score.misses:
                    print(f"{'':<4}incomplete: {' '.join(sets_score.misses)}")
        if not questions:
            continue

        returned = []  # each question's passages as /api/ask gives them, for the speakers

        def system(question: str) -> tuple[list[str], bool]:
            """The texts of the top ten passages and whether the service found an answer."""
            r = qa.ask(question, k=10)
            returned.append(r["passages"])
            return [p["text"] for p in r["passages"]], r["found"]

        started = time.perf_counter()
        scores = evaluate(questions, system, qa.index)
        results[path] = scores
        spoken = score_speakers(questions, returned, speaker_matcher(qa.index.registry))
        if spoken.questions:
            results[f"{path} (speakers)"] = [spoken]
        if not args.json:
            print(f"{path}: {len(questions)} questions ({scores[0].answerable} answerable), "
                  f"{len(qa.index.passages)} passages, model {qa.model_name}")
            print(HEADER)
            for s in scores:
                print(s.row())
                if args.misses and s.misses:
                    print(f"{'':<4}missed at 1: {' '.join(s.misses)}")
                if args.misses and s.uncaught and s is scores[0]:  # the baselines never say "not found"
                    print(f"{'':<4}answered, not caught: {' '.join(s.uncaught)}")
            if spoken.questions:
                print(spoken.row())
                if args.misses and spoken.misses:
                    print("\n".join(f"{'':<4}speaker not named: {m}" for m in spoken.misses))
            print(f"({time.perf_counter() - started:.1f} s; {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; "
                  f"{machine})\n")
    if args.json:
        print(json.dumps({path: [vars(s) for s in scores] for path, scores in results.items()}, indent=2))
    if not args.json:
        print("caught = unanswerable questions answered 'not found'; refused = answerable ones answered "
              "'not found' (counted as misses).", file=sys.stderr)
    return 0
