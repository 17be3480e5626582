"""A two-report corpus: each report in its own named graph, meeting on the entities they share. The tests that query
the graph run on the embedded store and on an Oxigraph server the reports were loaded into (`kgqa load`)."""
import pytest

from conftest import HC_TXT, STORES, corpus_file

from graph.build import Iris
from qa.corpus import cached_corpus
from graph.network import shortest_path
from graph.store import QueryFailed, named_queries, run_query
from ingest.store import bundled_report_path

LA = "london-assembly-safeguarding-children-met-2014"
HC = "hc179-environmental-impact-of-microplastics-2016"


@pytest.fixture(scope="module")
def corpus():
    return cached_corpus([bundled_report_path(), corpus_file(HC_TXT)])


@pytest.fixture(scope="module", params=STORES)
def engine(request, corpus):
    """The two reports' query engine: the embedded store, then the Oxigraph server they were loaded into."""
    if request.param == "embedded":
        return corpus.engine
    from graph.remote import RemoteEngine

    return RemoteEngine(request.getfixturevalue("two_report_store")[1])


def test_one_named_graph_per_report(corpus):
    names = {str(g.identifier) for g in corpus.dataset.graphs() if len(g)}
    assert names == {str(Iris().graph(LA)), str(Iris().graph(HC)), str(Iris().entities_graph())}


def test_reports_kept_apart(corpus, engine):
    """No report's graph holds a structure node (passage, note, claim ...) of the other."""
    for rid, other in ((LA, HC), (HC, LA)):
        g = corpus.dataset.graph(Iris().graph(rid))
        prefix = str(Iris().report(other))
        assert not any(str(s).startswith(prefix) for s in g.subjects())
        assert not any(str(o).startswith(prefix) for o in g.objects())
    res = engine.query("SELECT ?g (COUNT(?p) AS ?n) WHERE { GRAPH ?g { ?p a kg:Passage } } GROUP BY ?g")
    assert len(res.rows) == 2 and all(r["n"] > 100 for r in res.rows)


def test_reports_meet_on_shared_entities(corpus, engine):
    """The UK Government is named in both: one node, described and mentioned in both graphs."""
    gov = Iris().entity(corpus.resolve("the Government").key)
    res = engine.query(f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?p kg:mentions <{gov}> }} }}""")
    assert {r["g"] for r in res.rows} == {str(Iris().graph(LA)), str(Iris().graph(HC))}
    described = engine.query(f"""SELECT ?g WHERE {{ GRAPH ?g {{ <{gov}> rdfs:label ?l }} }}""")
    assert [r["g"] for r in described.rows] == [str(Iris().entities_graph())]  # described once, shared
    assert corpus.resolve("London").reports == {LA, HC}


def test_each_report_keeps_its_own_facts(corpus, engine):
    hc = run_query(engine, "recommendations-by-addressee", {"addressee": "Government"})
    # HC 179's 14 paragraphs, less the conclusions that ask no one to act (2, 6, 7, 9, 13; test_ingest_hc179)
    assert {r["report"] for r in hc.rows} == {HC} and len({r["number"] for r in hc.rows}) == 9
    la = run_query(engine, "recommendations-by-addressee", {"addressee": "MOPAC"})
    assert {r["report"] for r in la.rows} == {LA}
    assert shortest_path(corpus.network, "Project Azure", "MOPAC")[0].evidence[0].startswith(LA)


def test_a_path_across_reports_goes_through_a_shared_entity(corpus):
    hops = shortest_path(corpus.network, "Met", "Environment Agency")
    labels = [corpus.network.nodes[h.target]["label"] for h in hops]
    assert any(label in ("UK Government", "London") for label in labels)


@pytest.mark.parametrize("name", ["relation-evidence", "statements-on-topic", "sources-by-kind", "recommendations-by-addressee"])
def test_report_parameter_limits_a_query_to_one_report(engine, name):
    both = run_query(engine, name)
    one = run_query(engine, name, {"report": LA})
    assert one.rows and {r["report"] for r in one.rows} == {LA}
    assert len(one.rows) == sum(1 for r in both.rows if r["report"] == LA)


def _rows(result):
    """Rows as tuples of strings; a GROUP_CONCAT list compared as a set (engines order it differently)."""
    return [tuple("; ".join(sorted(str(v).split("; "))) for v in row.values()) for row in result.rows]


# Every page runs the whole query again (about 30 ms for entity-mentions' 1,604 rows), so pages of one row walk
# a long result's first and last rows only; the larger pages walk all of it.
ONE_ROW_WINDOW = 60


@pytest.mark.parametrize("name", sorted(named_queries()))
@pytest.mark.parametrize("size", [1, 37, 100])
def test_pages_add_up_to_the_whole_result(engine, name, size):
    """Paging through a named query gives every row once, in the order of the whole result, and says whether
    more rows follow (no more after the last row, even when it ends a full page)."""
    whole = run_query(engine, name)
    n = len(whole.rows)
    if size == 1 and n > 2 * ONE_ROW_WINDOW:
        windows = [(0, ONE_ROW_WINDOW), (n - ONE_ROW_WINDOW, n)]
    else:
        windows = [(0, n)]
    for start, stop in windows:
        pages, offset = [], start
        while True:
            page = run_query(engine, name, limit=size, offset=offset)
            assert len(page.rows) <= size and page.columns == whole.columns
            pages += _rows(page)
            offset += size
            assert page.more == (offset < n), (offset, n)
            if not page.more or offset >= stop:
                break
        assert pages == _rows(whole)[start:stop]
    assert len(set(_rows(whole))) == n, "a row repeats: a join is not one value per row"


@pytest.mark.parametrize("name", ["relation-evidence", "statements-on-topic", "sources-by-kind", "relation-facts"])
def test_large_results_choose_their_page_before_joining(name):
    """These queries cut the page in the subquery that picks rows, not after every row is joined."""
    text = named_queries()[name].bind({}, limit=10, offset=20)
    inner, outer = text.split("LIMIT 10 OFFSET 20")
    assert "{\n    SELECT" in inner and "rdfs:label" not in inner and "rdfs:label" in outer


def test_a_parameterised_page(engine):
    whole = run_query(engine, "sources-by-kind", {"kind": "publication"})
    page = run_query(engine, "sources-by-kind", {"kind": "publication"}, limit=5, offset=5)
    assert len(whole.rows) > 10 and page.more and _rows(page) == _rows(whole)[5:10]
    assert {r["kind"] for r in page.rows} == {"publication"}


@pytest.mark.parametrize("limit, offset", [(0, 0), (-1, 0), (5, -1), ("5", 0)])
def test_a_bad_page_is_refused(engine, limit, offset):
    with pytest.raises(QueryFailed, match="limit|offset"):
        run_query(engine, "sources-by-kind", limit=limit, offset=offset)


def test_only_named_queries_page(engine):
    with pytest.raises(QueryFailed, match="paging applies to named queries"):
        run_query(engine, "SELECT ?s WHERE { ?s a kg:Report }", limit=5)


EXAMPLES = [("recommendations-by-addressee", {"addressee": "the Met"}), ("witnesses-and-topics", {"witness": "AC Rowley"}),
            ("units-of-command", {"command": "the Met"}), ("statements-on-topic", {"topic": "FGM"}),
            ("sources-by-kind", {"kind": "transcript"}), ("relation-evidence", {"entity": "SOECA"}),
            ("recommendations-mentioning", {"phrase": "the Met"})] + \
    [(n, {"report": LA}) for n in sorted(named_queries()) if "report" in named_queries()[n].params]


@pytest.mark.parametrize("name, params", [(n, None) for n in sorted(named_queries())] + EXAMPLES)
@pytest.mark.parametrize("limit, offset", [(None, 0), (4, 2)])
def test_both_engines_give_the_same_rows(name, params, limit, offset):
    """rdflib gets FILTER ... IN and a page cut at the end, Oxigraph VALUES and a page cut in its
    subquery: the rows are the same."""
    from qa.corpus import cached_corpus
    from graph.store import QueryEngine
    corpus = cached_corpus()
    ox = run_query(corpus.engine, name, params, limit=limit, offset=offset)
    rd = run_query(QueryEngine(corpus.dataset, "rdflib"), name, params, limit=limit, offset=offset)
    assert ox.rows and (_rows(ox), ox.more) == (_rows(rd), rd.more)



# relation-facts and sources-by-kind as they read before they chose their page in a subquery sorted on one key:
# every row joined to its labels, evidence and words, then sorted on the keys; entity-mentions, statements-on-topic
# and relation-evidence as they read before they sorted on one key. The shipped queries must give these
# rows, in this order, as a whole result and a page at a time.
JOINED = {
    "relation-facts": """
SELECT DISTINCT ?subject ?subjectLabel ?relationName ?object ?objectLabel ?evidence ?note ?page ?exact ?report ?claim
WHERE {
  # PARAMS
  ?claim kg:involves ?e .  # if entity
  ?claim rdf:predicate ?predicate ; rdf:subject ?subject ; rdf:object ?object ; prov:wasDerivedFrom ?ev ;
         kg:inReport ?r .
  ?r dcterms:identifier ?report .
  ?subject rdfs:label ?subjectLabel .
  ?object rdfs:label ?objectLabel .
  BIND(REPLACE(STR(?predicate), "^.*[/#]", "") AS ?relationName)
  FILTER(?relationName = ?relation)  # if relation
  OPTIONAL { ?ev dcterms:identifier ?evidence }
  OPTIONAL { ?ev kg:number ?note }
  OPTIONAL { ?ev kg:page ?page }
  OPTIONAL { ?claim oa:hasSelector ?q . ?q oa:exact ?exact }
}
ORDER BY ?report ?subject ?object ?claim
""",
    "sources-by-kind": """
SELECT ?kind ?report ?note ?label ?who ?date ?url ?publication ?source
WHERE {
  # PARAMS
  ?source kg:sourceKind ?kind ; kg:inReport ?r ; rdfs:label ?label .
  ?n dcterms:source ?source ; kg:number ?note .
  ?r dcterms:identifier ?report .
  OPTIONAL { ?source kg:person ?p . ?p rdfs:label ?personLabel }
  OPTIONAL { ?source kg:organisation ?o . ?o rdfs:label ?orgLabel }
  BIND(COALESCE(?personLabel, ?orgLabel) AS ?who)
  OPTIONAL { ?source dcterms:date ?date }
  OPTIONAL { ?source kg:url ?url }
  OPTIONAL { ?source kg:cites ?w . ?w rdfs:label ?publication }
}
ORDER BY ?kind ?r STRLEN(STRBEFORE(STR(?source), "/source/")) STRLEN(STR(?source)) ?source
""",
    # as they read before they sorted on one key
    "statements-on-topic": """
SELECT ?topicLabel ?speaker ?speakerLabel ?verb ?content ?quote ?passage ?page ?report ?statement
WHERE {
  # The page is chosen from one index first; only its rows are joined to labels and passages.
  {
    SELECT ?statement ?t WHERE {
      # PARAMS
      ?statement kg:about ?t .
    }
    ORDER BY STRBEFORE(STR(?statement), "-s") STRLEN(STR(?statement)) ?statement ?t
    # PAGE
  }
  # Each of these has one value per statement (graph/shapes.ttl), so a page keeps one row per pair.
  ?statement kg:verb ?verb ;
      kg:content ?content ;
      kg:inPassage ?p ;
      prov:wasAttributedTo ?speaker ;
      kg:inReport ?r .
  ?t rdfs:label ?topicLabel .
  ?speaker rdfs:label ?speakerLabel .
  ?p dcterms:identifier ?passage ; kg:page ?page .
  ?r dcterms:identifier ?report .
  OPTIONAL { ?statement kg:quote ?quote }
}
ORDER BY STRBEFORE(STR(?statement), "-s") STRLEN(STR(?statement)) ?statement ?t
""",
    "relation-evidence": """
SELECT ?subjectLabel ?predicate ?objectLabel ?rule ?evidence ?page ?start ?end ?exact ?report ?claim
WHERE {
  # The page is chosen from the claims alone; only its rows are joined to labels and selectors.
  {
    SELECT ?claim ?s ?predicate WHERE {
      # PARAMS
      ?claim kg:involves ?e .  # if entity
      ?claim rdf:predicate ?predicate ; rdf:subject ?s .
      # Statements, addressees and concerns have their own queries.
      FILTER(?predicate NOT IN (kg:spokeAbout, kg:addressedTo, kg:concerns))
    }
    ORDER BY ?s ?predicate ?claim
    # PAGE
  }
  ?claim rdf:object ?o ;
         kg:rule ?rule ;
         prov:wasDerivedFrom ?ev ;
         kg:inReport ?r .
  # Every claim has both selectors (graph/shapes.ttl says so), so they are required, and placed
  # next to the claim: an OPTIONAL would make Oxigraph join with every selector in the store.
  ?claim oa:hasSelector ?q . ?q oa:exact ?exact .
  ?claim oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
  ?r dcterms:identifier ?report .
  ?s rdfs:label ?subjectLabel .
  ?o rdfs:label ?objectLabel .
  OPTIONAL { ?ev dcterms:identifier ?passageId }
  OPTIONAL { ?ev kg:number ?noteNumber }
  BIND(COALESCE(?passageId, CONCAT("note ", STR(?noteNumber))) AS ?evidence)
  OPTIONAL { ?ev kg:page ?page }
}
ORDER BY ?s ?predicate ?claim
""",
    "entity-mentions": """
SELECT DISTINCT ?entity ?kind ?role ?item ?report
WHERE {
  # PARAMS
  { ?item kg:mentions ?entity . BIND("passage" AS ?kind) BIND("mentions" AS ?role) }
  UNION { ?item kg:addressedTo ?entity ; a kg:Recommendation . BIND("recommendation" AS ?kind) BIND("addressed to" AS ?role) }
  UNION { ?item kg:concerns ?entity ; a kg:Recommendation . BIND("recommendation" AS ?kind) BIND("concerns" AS ?role) }
  UNION { ?item prov:wasAttributedTo ?entity ; a kg:Statement . BIND("statement" AS ?kind) BIND("by" AS ?role) }
  UNION { ?item kg:about ?entity ; a kg:Statement . BIND("statement" AS ?kind) BIND("about" AS ?role) }
  UNION { ?claim kg:involves ?entity ; a kg:Claim ; prov:wasDerivedFrom ?item . ?item a kg:Passage .
          BIND("passage" AS ?kind) BIND("states a relation" AS ?role) }
  UNION { ?entity a kg:Recommendation ; kg:heldIn ?item . BIND("passage" AS ?kind) BIND("holds" AS ?role) }
  UNION { ?entity a kg:Recommendation . BIND(?entity AS ?item) BIND("recommendation" AS ?kind) BIND("itself" AS ?role) }
  ?item kg:inReport ?r .
  ?r dcterms:identifier ?report .
}
ORDER BY ?report ?kind ?item ?role ?entity
""",
}
JOINED_CASES = [("relation-facts", p) for p in (
    None, {"entity": "MOPAC"}, {"entity": "MOPAC", "relation": "addressedTo"}, {"relation": "concerns"},
    {"entity": "the Met", "relation": "subOrganizationOf"}, {"report": LA}, {"report": HC, "relation": "addressedTo"},
    {"entity": "the Government"})] + [("sources-by-kind", p) for p in (
    None, {"kind": "transcript"}, {"kind": "publication"}, {"report": LA}, {"report": HC, "kind": "publication"})] + \
    [("entity-mentions", p) for p in (None, {"entity": "MOPAC"}, {"report": LA}, {"entity": "London"})] + \
    [("statements-on-topic", p) for p in (None, {"topic": "FGM"}, {"report": HC})] + \
    [("relation-evidence", p) for p in (None, {"entity": "SOECA"}, {"report": HC})]


def _case_id(value) -> str:
    """A test id: the query's name, or its parameters."""
    return value if isinstance(value, str) else ",".join(f"{k}={v}" for k, v in (value or {}).items()) or "-"


def _joined(engine, name, params):
    """The rows of JOINED[name], bound and scoped as run_query binds and scopes the shipped query."""
    from graph.store import NamedQuery

    shipped = named_queries()[name]
    reference = NamedQuery(f"{name}-joined", shipped.title, shipped.params, JOINED[name])
    report = reference.report(params)
    return engine.query(reference.bind(params, engine.entity_iris), engine.report_graphs(report) if report else None)


@pytest.mark.parametrize("name, params", [c for c in JOINED_CASES if (c[1] or {}).get("report") != HC], ids=_case_id)
def test_paged_subqueries_give_the_joined_rows_on_the_bundled_report(graph_engine, name, params):
    """relation-facts and sources-by-kind choose their page from one index, sorted on one key, before joining
    labels (entity-mentions sorts on one key): whole, and page by page, they give the rows of the query that joined
    every row first and sorted on several keys, in its order."""
    # every case has rows to compare but one (the bundled report states nothing of the Government)
    _compare_with_joined(graph_engine, name, params, empty_ok=params == {"entity": "the Government"})


@pytest.mark.parametrize("name, params", JOINED_CASES, ids=_case_id)
def test_paged_subqueries_give_the_joined_rows_on_two_reports(engine, name, params):
    """The same on two reports, which share entities."""
    _compare_with_joined(engine, name, params)


def _compare_with_joined(engine, name, params, empty_ok=False):
    """The shipped query's rows, whole and page by page, are JOINED[name]'s in their order."""
    joined = _joined(engine, name, params)
    assert joined.rows or empty_ok
    whole = run_query(engine, name, params)
    assert whole.columns == joined.columns and _rows(whole) == _rows(joined)
    # every page runs the query again: pages of 7 for the shorter results only (entity-mentions has thousands of rows)
    for size in (7, 100) if len(joined.rows) <= 400 else (100,):
        pages, offset = [], 0
        while True:
            page = run_query(engine, name, params, limit=size, offset=offset)
            pages += _rows(page)
            offset += size
            if not page.more:
                break
        assert pages == _rows(joined)
