"""``kgqa export | sparql | path | neighbours``: thin shells over graph/."""
from __future__ import annotations

import sys
from pathlib import Path

from graph.store import DEFAULT_PAGE
from ingest.store import atomic_write
from web.cli import CommandError


def _reports_arg(p) -> None:
    p.add_argument("--report", action="append", default=[], metavar="PATH",
                   help="a report (.txt, .pdf, or JSON from 'kgqa ingest'); repeat for a corpus "
                        "(default: the bundled London Assembly report)")
    p.add_argument("--base-iri", metavar="IRI",
                   help="base of instance IRIs (default: the BASE_IRI setting, read from KGQA_BASE_IRI as "
                        "'kgqa serve' reads it, else https://kgqa.example.org/id/)")


def _count(text: str) -> int:
    """A whole number of 0 or more, for argparse."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def register(sub) -> None:
    """Add the graph subcommands."""
    from graph.exports import FORMATS

    formats = "; ".join(f"{f.name}: {f.opens_with}" for f in FORMATS.values())
    p = sub.add_parser("export", help="export the knowledge graph (RDF) or its entity network",
                       description="Build the knowledge graph of the reports and write it in one format. "
                                   f"Formats — {formats}.")
    p.add_argument("--format", "-f", required=True, choices=list(FORMATS), metavar="F",
                   help=f"one of: {', '.join(FORMATS)}")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of standard output")
    _reports_arg(p)
    p.set_defaults(handler=run_export)

    p = sub.add_parser("sparql", help="run a SPARQL query (text, @file, or a named query)",
                       description="Run a SPARQL SELECT/ASK/CONSTRUCT query over the graph (the union of the "
                                   "report graphs is the default graph; GRAPH <…/graph/REPORT-ID> picks one). "
                                   "QUERY is the query text, @FILE, or the name of a shipped query; "
                                   "'kgqa sparql --list' names them.")
    p.add_argument("query", nargs="?", metavar="QUERY")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter of a named query, e.g. --param topic=FGM")
    p.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    p.add_argument("--engine", choices=["oxigraph", "rdflib"], default="oxigraph",
                   help="query engine (default: oxigraph, much faster than rdflib's store)")
    p.add_argument("--format", choices=["table", "tsv", "json"], default="table", help="output format")
    p.add_argument("--limit", type=_count, metavar="N",
                   help=f"a named query prints a page of N rows (default {DEFAULT_PAGE})")
    p.add_argument("--offset", type=_count, default=0, metavar="N", help="a named query's page starts after N rows")
    p.add_argument("--all", action="store_true", help="a named query prints every row, not a page")
    _reports_arg(p)
    p.set_defaults(handler=run_sparql)

    p = sub.add_parser("path", help="the shortest explained path between two entities",
                       description="Print the shortest chain of relations the reports state between two "
                                   "entities, each hop with its relation, quote and passage. Name them in any "
                                   "form: acronym, full name, alias ('AC Rowley'). Co-mentions are used only when "
                                   "no stated chain exists, and are marked.")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--stated-only", action="store_true", help="never fall back to co-mentions")
    _reports_arg(p)
    p.set_defaults(handler=run_path)

    p = sub.add_parser("neighbours", help="an entity's relations, grouped",
                       description="List what the reports state about an entity, grouped by relation "
                                   "(← marks relations pointing at it), then the entities it appears with.")
    p.add_argument("x", metavar="X")
    p.add_argument("--no-comentions", action="store_true", help="leave out co-mentions")
    p.add_argument("--limit", type=_count, default=12, metavar="N", help="at most N entries per group (default 12)")
    _reports_arg(p)
    p.set_defaults(handler=run_neighbours)


def _corpus(args):
    from qa.corpus import load_corpus
    from web.settings import defaults, from_environment

    # the same setting, read from the same environment variable, as `kgqa serve` reads
    base = args.base_iri or from_environment()["BASE_IRI"]
    return load_corpus(args.report or None, base=None if base == defaults()["BASE_IRI"] else base)


def _lookup(fn, *a):
    from graph.network import EntityNotFound, NoPath
    try:
        return fn(*a)
    except (EntityNotFound, NoPath) as exc:
        raise CommandError(str(exc)) from exc


def run_export(args) -> int:
    """Write the graph in the chosen format."""
    from graph.exports import FORMATS, export
    corpus = _corpus(args)
    fmt = FORMATS[args.format]
    data = export(corpus.dataset if fmt.holds == "rdf" else corpus.network, args.format)
    if args.output:
        atomic_write(Path(args.output), data)
        print(f"wrote {args.output} ({len(data):,} bytes, {fmt.media_type}; opens in {fmt.opens_with})", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def _page_limit(args) -> int | None:
    """The page size for this query: a named query pages unless --all; other queries page themselves."""
    from graph.store import is_named
    if not is_named(args.query):
        if args.limit is not None or args.offset or args.all:
            raise CommandError("--limit, --offset and --all apply to named queries; "
                               "write LIMIT and OFFSET into your own query")
        return None
    if args.all:
        if args.limit is not None or args.offset:
            raise CommandError("--all prints every row; leave out --limit and --offset")
        return None
    if args.limit == 0:
        raise CommandError("--limit must be 1 or more")
    return DEFAULT_PAGE if args.limit is None else args.limit


def run_sparql(args) -> int:
    """Run a query and print its rows."""
    import json
    from graph.store import QueryFailed, UnknownQuery, named_queries, run_query
    if args.list:
        for q in named_queries().values():
            params = ", ".join(f"{k} ({p.description})" for k, p in q.params.items())
            print(f"{q.name}: {q.title}" + (f"\n    parameters: {params}" if params else ""))
        return 0
    if not args.query:
        raise CommandError("give a QUERY (text, @file or a name; --list shows the names)")
    params = {}
    for item in args.param:
        if "=" not in item:
            raise CommandError(f"--param takes NAME=VALUE, not {item!r}")
        k, v = item.split("=", 1)
        params[k] = v
    limit = _page_limit(args)
    corpus = _corpus(args)
    engine = corpus.engine if args.engine == "oxigraph" else None
    try:
        result = run_query(engine or corpus.dataset, args.query, params or None, engine=args.engine,
                           limit=limit, offset=args.offset if limit else 0)
    except (QueryFailed, UnknownQuery) as exc:
        raise CommandError(str(exc)) from exc
    following = args.offset + len(result.rows) if result.more else None
    if result.boolean is not None:
        print("true" if result.boolean else "false")
    elif args.format == "json":
        page = {"offset": args.offset, "limit": limit, "next_offset": following} if limit else {}
        print(json.dumps({"columns": result.columns, "rows": result.rows, **page}, ensure_ascii=False, indent=1))
    elif args.format == "tsv":
        print("\t".join(result.columns))
        for row in result.as_table():
            print("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row))
    else:
        _print_table(result.columns, result.as_table())
        print(f"({len(result.rows)} rows)", file=sys.stderr)
    if following is not None:
        print(f"more rows follow: --offset {following} for the next page, --all for every row", file=sys.stderr)
    return 0


def _print_table(columns: list[str], rows: list[list[str]], width: int = 60) -> None:
    cut = [[c if len(c) <= width else c[: width - 1] + "…" for c in (x.replace("\n", " ") for x in r)] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cut]) for i, h in enumerate(columns)]
    print("  ".join(h.ljust(w) for h, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for r in cut:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))


def run_path(args) -> int:
    """Print the explained shortest path."""
    from graph.network import shortest_path
    corpus = _corpus(args)
    net = corpus.network
    hops = _lookup(shortest_path, net, args.a, args.b, not args.stated_only, corpus.registry)
    if not hops:
        print(f"{args.a} and {args.b} are the same entity")
        return 0
    names = [net.nodes[hops[0].source]["label"]] + [net.nodes[h.target]["label"] for h in hops]
    print(" → ".join(names))
    for i, h in enumerate(hops, 1):
        flag = "  (co-mention, not a stated relation)" if h.kind == "co-mention" else ""
        print(f"{i}. {h.explain(net)}{flag}")
    return 0


def run_neighbours(args) -> int:
    """Print an entity's relations, grouped."""
    from graph.network import neighbours, resolve_node
    corpus = _corpus(args)
    net = corpus.network
    node = _lookup(resolve_node, net, args.x, corpus.registry)
    d = net.nodes[node]
    print(f"{d['label']} ({d['kind']}){' — ' + d['name'] if d['name'] and d['name'] != d['label'] else ''}")
    groups = _lookup(neighbours, net, node, not args.no_comentions)
    for relation, items in groups.items():
        print(f"  {relation}:")
        for item in items[: args.limit]:
            where = (item["evidence"] or [""])[0]
            print(f"    {item['label']} ({item['kind']}, weight {item['weight']}) [{where}]")
        if len(items) > args.limit:
            print(f"    … {len(items) - args.limit} more")
    return 0
