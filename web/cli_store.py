"""``kgqa load --store URL``: put the graph of the reports into a SPARQL 1.1 server (a thin shell over graph/remote.py)."""
from __future__ import annotations

import sys

from web.cli import CommandError


def register(sub) -> None:
    """Add the load subcommand."""
    from web.cli_graph import _reports_arg

    p = sub.add_parser(
        "load", help="load the knowledge graph into a SPARQL server (Graph Store HTTP Protocol)",
        description="Build the knowledge graph of the reports and put it into a SPARQL 1.1 server: one named graph "
                    "per report and the shared entities graph (each PUT, so a reload replaces it), and their union as "
                    "the default graph, which the named queries read. Graphs of reports no longer in the corpus are "
                    "removed. Then 'kgqa serve --store URL' answers from that server.")
    p.add_argument("--store", required=True, metavar="URL",
                   help="the server's SPARQL query endpoint: Oxigraph http://HOST:7878/query, Fuseki "
                        "http://HOST:3030/DS/query (or /DS/sparql), GraphDB http://HOST:7200/repositories/REPO")
    p.add_argument("--store-data", metavar="URL",
                   help="its Graph Store HTTP Protocol endpoint, when it cannot be derived from --store (Oxigraph "
                        "…/store, Fuseki …/DS/data, GraphDB …/repositories/REPO/rdf-graphs/service)")
    p.add_argument("--timeout", type=float, default=300.0, metavar="S", help="seconds to wait for each request (default 300)")
    _reports_arg(p)
    p.set_defaults(handler=run_load)


def run_load(args) -> int:
    """Build the graph and load it; one line per graph on stderr, a summary at the end."""
    from graph.namespaces import data_base
    from graph.remote import StoreUnavailable, endpoints, load
    from web.cli_graph import _corpus

    try:
        eps = endpoints(args.store, args.store_data)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    corpus = _corpus(args)
    try:
        summary = load(corpus.dataset, eps, data_base(corpus.base), timeout_s=args.timeout)
    except StoreUnavailable as exc:
        raise CommandError(str(exc)) from None
    for name in summary.removed:
        print(f"removed {name} (not in this corpus)", file=sys.stderr)
    print(f"loaded {len(summary.graphs)} named graphs ({summary.triples:,} triples) and their union as the default "
          f"graph into {eps.data} in {summary.seconds:.1f} s", file=sys.stderr)
    return 0
