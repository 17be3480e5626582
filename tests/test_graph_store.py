"""SPARQL: named queries on both engines, parameters, errors, save and load."""
import pytest
from rdflib.compare import isomorphic

from qa.corpus import cached_corpus
from graph.exports import union_graph
from graph.store import QueryEngine, QueryFailed, UnknownQuery, load, named_queries, run_query, save


@pytest.fixture(scope="module")
def corpus():
    return cached_corpus()


def test_named_queries_shipped():
    assert {"recommendations-by-addressee", "witnesses-and-topics", "units-of-command", "statements-on-topic",
            "sources-by-kind", "relation-evidence"} <= set(named_queries())


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_engines_agree(corpus, graph_engine, name):
    ox = run_query(graph_engine, name)
    rd = run_query(QueryEngine(corpus.dataset, "rdflib"), name)
    assert ox.rows, name
    assert _norm(ox) == _norm(rd)


def _norm(res):
    """Rows as sorted tuples; GROUP_CONCAT lists compared as sets (engines may order them differently)."""
    return sorted(tuple("; ".join(sorted(v.split("; "))) for v in row) for row in res.as_table())


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_values_repeated_at_every_mark(corpus, graph_engine, engine):
    """A query that marks PARAMS inside an OPTIONAL gets the values there too (Oxigraph plans the group on its own
    and scanned every passage without them), and its rows are those of the values given once."""
    query_engine = graph_engine if engine == "oxigraph" else QueryEngine(corpus.dataset, "rdflib")
    query = named_queries()["acronym"]
    text = query.bind({"entity": "IDVA"}, query_engine.entity_iris, engine=engine)
    block = next(line.strip() for line in text.splitlines() if "/entity/idva>" in line)
    assert text.count(block) == 2
    head, _, tail = text.rpartition(block)
    once = head + tail
    rows = query_engine.query(text).rows
    assert rows and rows == query_engine.query(once).rows
    assert {r["full"] for r in rows} == {"Independent Domestic Violence Advocate"}
    assert any(r["evidence"] for r in rows)


def test_relation_facts_read_each_claims_quote_selector(graph_engine):
    """relation-facts finds a claim's quote by the selector's IRI (<claim>#quote); it must be the selector the
    claim links with oa:hasSelector, for every claim."""
    linked = {r["claim"]: r["exact"] for r in graph_engine.query(
        "SELECT ?claim ?exact WHERE { ?claim a kg:Claim ; oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; "
        "oa:exact ?exact }").rows}
    rows = run_query(graph_engine, "relation-facts", limit=None).rows
    assert rows and linked
    assert {r["claim"]: r["exact"] for r in rows} == linked


def test_units_of_a_command(graph_engine):
    res = run_query(graph_engine, "units-of-command", {"command": "the Met"})
    assert {"SOECA", "CAIT", "Project Azure", "SCO2"} <= {r["unitLabel"] for r in res.rows}


def test_statements_on_a_topic(graph_engine):
    res = run_query(graph_engine, "statements-on-topic", {"topic": "Female Genital Mutilation"})
    assert res.rows and {r["topicLabel"] for r in res.rows} == {"FGM"}
    assert "Mark Rowley" in {r["speakerLabel"] for r in res.rows}


def test_sources_by_kind(graph_engine):
    res = run_query(graph_engine, "sources-by-kind", {"kind": "transcript"})
    assert res.rows and {r["kind"] for r in res.rows} == {"transcript"}
    assert any(r["note"] == 15 and r["who"] == "Mark Rowley" and r["date"] == "2014-03-13" for r in res.rows)


def test_witnesses_and_topics(graph_engine):
    res = run_query(graph_engine, "witnesses-and-topics", {"witness": "AC Rowley"})
    assert {r["speakerLabel"] for r in res.rows} == {"Mark Rowley"}
    assert {"SOECA", "FGM"} <= {r["aboutLabel"] for r in res.rows}


def test_provenance_query_gives_passage_offsets_and_words(corpus, graph_engine):
    res = run_query(graph_engine, "relation-evidence", {"entity": "Project Azure"})
    row = next(r for r in res.rows if r["objectLabel"] == "SOECA")
    passage = corpus.reports[0].passage(row["evidence"])
    assert passage.text[row["start"]:row["end"]] == row["exact"]
    assert "dedicated team within SOECA" in row["exact"] and row["page"] == passage.page


def test_query_errors(graph_engine):
    with pytest.raises(UnknownQuery):
        run_query(graph_engine, "nope")
    with pytest.raises(QueryFailed):
        run_query(graph_engine, "SELECT ?x WHERE { ?x ")
    assert run_query(graph_engine, "ASK { ?s a kg:Report }").boolean is True


def test_save_and_load(tmp_path, corpus):
    path = tmp_path / "graph.trig"
    save(corpus.dataset, path)
    back = load(path)
    assert isomorphic(union_graph(back), union_graph(corpus.dataset))


def test_every_selector_points_at_its_own_words(graph_engine):
    """The position selector of every claim cuts exactly its quote out of the evidence's text."""
    res = graph_engine.query("""SELECT ?text ?start ?end ?exact WHERE {
        ?c a kg:Claim ; prov:wasDerivedFrom ?ev ; oa:hasSelector ?q, ?pos .
        ?q oa:exact ?exact . ?pos oa:start ?start ; oa:end ?end . ?ev kg:text ?text }""")
    assert len(res.rows) > 100
    for r in res.rows:
        assert r["text"][r["start"]:r["end"]] == r["exact"]


def test_report_scope_under_another_base(monkeypatch):
    """A deployment's own base IRI still finds a report's named graph."""
    from graph.build import build_graph
    corpus = cached_corpus()
    ds = build_graph(corpus.reports, base="https://example.net/kg/")
    res = run_query(QueryEngine(ds), "recommendations-by-addressee", {"report": corpus.reports[0].id})
    assert len(res.rows) >= 10 and all(r["addressee"].startswith("https://example.net/kg/entity/") for r in res.rows)
