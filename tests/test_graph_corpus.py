"""A two-report corpus: each report in its own named graph, meeting on the entities they share."""
import pytest

from graph.build import Iris
from graph.corpus import cached_corpus
from graph.network import shortest_path
from graph.store import run_query
from ingest.store import bundled_report_path

HC179 = "tests/data/hc179-environmental-impact-of-microplastics-2016.txt"
LA = "london-assembly-safeguarding-children-met-2014"
HC = "hc179-environmental-impact-of-microplastics-2016"


@pytest.fixture(scope="module")
def corpus():
    return cached_corpus([bundled_report_path(), HC179])


def test_one_named_graph_per_report(corpus):
    names = {str(g.identifier) for g in corpus.dataset.graphs() if len(g)}
    assert names == {str(Iris().graph(LA)), str(Iris().graph(HC)), str(Iris().entities_graph())}


def test_reports_kept_apart(corpus):
    """No report's graph holds a structure node (passage, note, claim ...) of the other."""
    for rid, other in ((LA, HC), (HC, LA)):
        g = corpus.dataset.graph(Iris().graph(rid))
        prefix = str(Iris().report(other))
        assert not any(str(s).startswith(prefix) for s in g.subjects())
        assert not any(str(o).startswith(prefix) for o in g.objects())
    res = corpus.engine.query(f"""SELECT ?g (COUNT(?p) AS ?n) WHERE {{ GRAPH ?g {{ ?p a kg:Passage }} }} GROUP BY ?g""")
    assert len(res.rows) == 2 and all(r["n"] > 100 for r in res.rows)


def test_reports_meet_on_shared_entities(corpus):
    """The UK Government is named in both: one node, described and mentioned in both graphs."""
    gov = Iris().entity(corpus.resolve("the Government").key)
    res = corpus.engine.query(f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?p kg:mentions <{gov}> }} }}""")
    assert {r["g"] for r in res.rows} == {str(Iris().graph(LA)), str(Iris().graph(HC))}
    described = corpus.engine.query(f"""SELECT ?g WHERE {{ GRAPH ?g {{ <{gov}> rdfs:label ?l }} }}""")
    assert [r["g"] for r in described.rows] == [str(Iris().entities_graph())]  # described once, shared
    assert corpus.resolve("London").reports == {LA, HC}


def test_each_report_keeps_its_own_facts(corpus):
    hc = run_query(corpus.engine, "recommendations-by-addressee", {"addressee": "Government"})
    assert {r["report"] for r in hc.rows} == {HC} and len({r["number"] for r in hc.rows}) == 14
    la = run_query(corpus.engine, "recommendations-by-addressee", {"addressee": "MOPAC"})
    assert {r["report"] for r in la.rows} == {LA}
    assert shortest_path(corpus.network, "Project Azure", "MOPAC")[0].evidence.startswith(LA)


def test_a_path_across_reports_goes_through_a_shared_entity(corpus):
    hops = shortest_path(corpus.network, "Met", "Environment Agency")
    labels = [corpus.network.nodes[h.target]["label"] for h in hops]
    assert any(label in ("UK Government", "London") for label in labels)


@pytest.mark.parametrize("name", ["relation-evidence", "statements-on-topic", "sources-by-kind", "recommendations-by-addressee"])
def test_report_parameter_limits_a_query_to_one_report(corpus, name):
    both = run_query(corpus.engine, name)
    one = run_query(corpus.engine, name, {"report": LA})
    assert one.rows and {r["report"] for r in one.rows} == {LA}
    assert len(one.rows) == sum(1 for r in both.rows if r["report"] == LA)
