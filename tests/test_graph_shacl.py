"""SHACL shapes hold for the built graph, and they do catch a broken one; the ontology describes every term."""
from importlib import resources

import pyshacl
import pytest

from conftest import HC_TXT, corpus_file
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from qa.corpus import cached_corpus
from graph.exports import union_graph
from graph.namespaces import KG



@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(str(resources.files("graph") / "shapes.ttl"), format="turtle")


@pytest.fixture(scope="module")
def data():
    from ingest.store import bundled_report_path
    return union_graph(cached_corpus([bundled_report_path(), corpus_file(HC_TXT)]).dataset)


def test_graph_conforms(data, shapes):
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text[:2000]


def test_shapes_catch_a_broken_graph(data, shapes):
    broken = Graph()
    for t in data:
        broken.add(t)
    passage = next(broken.subjects(RDF.type, KG.Passage))
    broken.remove((passage, KG.page, None))
    rec = next(broken.subjects(RDF.type, KG.Recommendation))
    broken.remove((rec, KG.text, None))  # a recommendation with no text (its addressees are optional: a
    # conclusion may ask no one to act)
    stmt = next(broken.subjects(RDF.type, KG.Statement))
    broken.remove((stmt, URIRef("http://www.w3.org/ns/prov#wasAttributedTo"), None))
    conforms, report, _ = pyshacl.validate(broken, shacl_graph=shapes, inference="none")
    assert not conforms
    focus = set(report.objects(None, URIRef("http://www.w3.org/ns/shacl#focusNode")))
    assert {passage, rec, stmt} <= focus


def test_every_ontology_term_has_label_and_comment():
    onto = Graph().parse(str(resources.files("graph") / "ontology.ttl"), format="turtle")
    # dir() of a closed DefinedNamespace lists its terms as IRIs
    terms = [t for t in dir(KG) if isinstance(t, URIRef)]
    assert len(terms) > 60
    for term in terms:
        assert onto.value(term, RDFS.label), term
        assert onto.value(term, RDFS.comment), term
