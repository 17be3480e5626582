"""Namespaces: the standard vocabularies the graph uses and the project's own ontology (``kg:``).

``KG`` is a closed ``DefinedNamespace``: a typo such as ``KG.adressedTo`` raises at import
time instead of minting a term that no query or shape knows about.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")

ONTOLOGY_IRI = "https://kgqa.example.org/ontology#"
# Instance data lives under one configurable base (the web app's BASE_IRI setting, passed in by the
# caller): the same IRIs in every export, on the live endpoint and in the CLI.
DEFAULT_BASE = "https://kgqa.example.org/id/"


def data_base(base: str | None = None) -> str:
    """The base IRI of instance data (the given one, or the default), ending in '/'."""
    base = base or DEFAULT_BASE
    return base if base.endswith("/") else base + "/"


class KG(DefinedNamespace):
    """The project ontology; every term is described in graph/ontology.ttl."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # classes: structure
    Report: URIRef
    Section: URIRef
    Passage: URIRef
    Note: URIRef
    Source: URIRef
    TranscriptPlace: URIRef
    Recommendation: URIRef
    Bullet: URIRef
    GlossaryEntry: URIRef
    SelfReference: URIRef
    Appearance: URIRef
    Statement: URIRef
    UnnamedSpeaker: URIRef
    Claim: URIRef
    CoMention: URIRef
    # classes: entities
    Entity: URIRef
    Operation: URIRef
    Project: URIRef
    Place: URIRef
    Publication: URIRef
    Topic: URIRef
    Sector: URIRef

    # structure properties
    inReport: URIRef
    text: URIRef
    page: URIRef
    pageEnd: URIRef
    start: URIRef
    end: URIRef
    ordinal: URIRef
    level: URIRef
    sectionKind: URIRef
    passageKind: URIRef
    number: URIRef
    status: URIRef
    citesNote: URIRef
    sourceKind: URIRef
    code: URIRef
    meeting: URIRef
    listedIn: URIRef
    witness: URIRef
    evidenceKind: URIRef
    url: URIRef
    person: URIRef
    panelWitness: URIRef
    question: URIRef
    transcriptPlace: URIRef
    hearingDay: URIRef
    transcriptPage: URIRef
    transcriptLine: URIRef
    transcriptPageEnd: URIRef
    transcriptLineEnd: URIRef
    organisation: URIRef
    cites: URIRef
    style: URIRef
    sha256: URIRef
    # recommendations
    bullet: URIRef
    addressedTo: URIRef
    concerns: URIRef
    deadline: URIRef
    heldIn: URIRef
    evidence: URIRef
    # statements
    verb: URIRef
    content: URIRef
    quote: URIRef
    speakerName: URIRef
    speakerKind: URIRef
    about: URIRef
    inPassage: URIRef
    note: URIRef
    noteSpeaker: URIRef
    # entities and mentions
    kind: URIRef
    mentions: URIRef
    entity: URIRef
    weight: URIRef
    denotes: URIRef
    # stated relations (the rest use ORG and DCTERMS terms)
    oversees: URIRef
    holdsToAccount: URIRef
    formedByMergerOf: URIRef
    supports: URIRef
    partnerIn: URIRef
    participatedIn: URIRef
    establishedBy: URIRef
    spokeAbout: URIRef
    rule: URIRef
    count: URIRef
    involves: URIRef


__all__ = ["KG", "OA", "SH", "RDF", "RDFS", "SKOS", "FOAF", "ORG", "PROV", "DCTERMS", "XSD",
           "ONTOLOGY_IRI", "DEFAULT_BASE", "data_base"]
