"""Entities are resolved across the names the report itself uses."""
import pytest

from conftest import HC_TXT, corpus_file
from qa.corpus import cached_corpus


@pytest.fixture(scope="module")
def corpus():
    return cached_corpus()


@pytest.mark.parametrize("forms", [
    ["AC Rowley", "AC Mark Rowley", "Assistant Commissioner Mark Rowley", "Mark Rowley"],
    ["Met", "MPS", "Metropolitan Police Service", "the Met"],
    ["SOECA", "Sexual Offences, Exploitation and Child Abuse", "Sexual Offences, Exploitation and Child Abuse Command"],
    ["MOPAC", "Mayor’s Office for Policing and Crime", "Mayor's Office for Policing and Crime"],
    ["MASH", "Multi-Agency Safeguarding Hub", "Multi-Agency Safeguarding Hubs", "Multi Agency Safeguarding Hub"],
    ["CAIT", "CAITs", "Child Abuse Investigation Team", "child abuse investigation teams"],
    ["Malcolm Ward", "Malcom Ward"],
    ["Sue Berelowitz", "Sue Berelowitiz"],
    ["DCS Keith Niven", "Keith Niven"],
    ["SCO5", "SC05", "Child Abuse Investigation Command", "child abuse command"],
    ["London Safeguarding Children Board", "London Board"],
    ["MPA", "Metropolitan Police Authority"],
    ["London CSE Protocol", "London Child Sexual Exploitation Protocol", "CSE Protocol"],
])
def test_every_form_resolves_to_one_entity(corpus, forms):
    keys = {corpus.resolve(f).key if corpus.resolve(f) else None for f in forms}
    assert len(keys) == 1 and None not in keys, forms


@pytest.mark.parametrize("name, kind", [
    ("Project Azure", "unit"),  # "Project Azure, a dedicated team within SOECA"
    ("SOECA", "unit"), ("SCO2", "unit"), ("Specialist Crime Directorate", "unit"), ("homicide command", "unit"),
    ("Met", "organisation"), ("MOPAC", "organisation"), ("Crown Prosecution Service", "organisation"),
    ("UK Border Force", "organisation"), ("National Crime Agency", "organisation"), ("Ofsted", None),
    ("Office of the Children’s Commissioner", "organisation"),
    ("Operation Limelight", "operation"), ("Operation Yewtree", "operation"),
    ("Mark Rowley", "person"), ("Helen Bailey", "person"),
    ("Heathrow", "place"), ("Harrow", "place"),
    ("Munro Review", "publication"), ("Joint Area Review", "publication"),
    ("Working Together to Safeguard Children", "publication"), ("Victoria Climbié Inquiry", "publication"),
    ("CSE", "topic"), ("FGM", "topic"), ("information sharing", "topic"), ("multi-agency training", "topic"),
])
def test_entity_kinds(corpus, name, kind):
    ent = corpus.resolve(name)
    if kind is None:
        return  # named only in a note; not required
    assert ent is not None, name
    assert ent.kind == kind, (name, ent.kind)


def test_people_list_noise_is_not_a_person(corpus):
    # ingest lists "Independent Social Work" and "Operation Limelight" among people
    assert corpus.resolve("Independent Social Work") is None or corpus.resolve("Independent Social Work").kind != "person"
    assert corpus.resolve("Operation Limelight").kind == "operation"


def test_recommendations_listed_as_site_visits_are_not_organisations(corpus):
    assert not any("should" in e.pref for e in corpus.registry)


def test_alt_labels_in_rdf(corpus):
    from rdflib.namespace import SKOS
    from graph.build import Iris
    rowley = Iris().entity(corpus.resolve("AC Rowley").key)
    alts = {str(a) for a in corpus.dataset.objects(rowley, SKOS.altLabel)}
    assert {"AC Rowley", "Assistant Commissioner Mark Rowley"} <= alts


def test_mentions_link_passages_to_entities(corpus):
    res = corpus.engine.query("""
        SELECT ?text WHERE { ?p kg:mentions ?e ; kg:text ?text . ?e skos:notation "SOECA" }""")
    assert res.rows and all("SOECA" in r["text"] or "Sexual Offences" in r["text"] for r in res.rows)


def test_definite_head_noun(corpus):
    assert corpus.resolve("the hub").key == corpus.resolve("MASH").key


@pytest.mark.parametrize("name, kind", [
    ("Mayoral Strategy on Violence Against Women and Girls", "publication"),
    ("NHS", "organisation"),
    ("Harmful Practices Taskforce", "organisation"),
])
def test_more_entities_from_the_text(corpus, name, kind):
    ent = corpus.resolve(name)
    assert ent is not None and ent.kind == kind, name
    assert name in ent.forms()


@pytest.mark.parametrize("typo, name", [
    ("Marine Conversation Society", "Marine Conservation Society"),  # two letters swapped: 2 uses in HC 179, 13 spelt right
    ("Environment Investigation Agency", "Environmental Investigation Agency"),  # 1 of 11 uses
    ("The Cosmetic Toiletry & Perfumery Association", "Cosmetics, Toiletry and Perfumery Association"),  # & and s
])
def test_a_misspelt_name_is_an_alias_of_the_entity(typo, name):
    from graph.entities import build_registry
    from ingest.store import ingest_file
    registry = build_registry([ingest_file(corpus_file(HC_TXT))])
    assert registry.resolve(typo) is registry.resolve(name) and registry.resolve(name).pref == name


def test_different_names_are_not_misspellings():
    from graph.entities.extract import _misspelt_word
    assert not _misspelt_word("havering", "haringey") and not _misspelt_word("north", "south")
    assert not _misspelt_word("secure", "rescue")  # an anagram, not a slip
    assert _misspelt_word("conversation", "conservation") and _misspelt_word("environment", "environmental")


@pytest.mark.parametrize("name", ["First Report", "Draft Report", "Committee’s Twelfth Report",
                                  "Fourth Report of Session 2016", "US Act"])
def test_generic_report_titles_are_not_publications(name):
    """HC 179's list of the committee's reports and its formal minutes name no particular publication."""
    from graph.entities import build_registry
    from ingest.store import ingest_file
    registry = build_registry([ingest_file(corpus_file(HC_TXT))])
    assert registry.resolve(name) is None
    assert registry.resolve("Microbead-Free Waters Act 2015").kind == "publication"


def test_a_merged_name_keeps_the_people_who_work_there():
    """A witness whose organisation is the misspelt form belongs to the merged entity (no dangling key)."""
    import dataclasses
    from graph.build import build_graph
    from graph.entities import build_registry
    from ingest.store import ingest_file
    report = ingest_file(corpus_file(HC_TXT))
    person = next(p for p in report.people if p.organisation and "Marine Conservation Society" in p.organisation)
    typo = dataclasses.replace(person, organisation=person.organisation.replace("Conservation", "Conversation"))
    report = dataclasses.replace(report, people=[typo if p is person else p for p in report.people])
    registry = build_registry([report])
    ent = registry.resolve(person.name)
    assert ent.affiliation == registry.resolve("Marine Conservation Society").key
    assert len(build_graph([report], registry)) > 1000


@pytest.mark.parametrize("title, name", [
    ("The Protection of Children in England: A progress Report", "Protection of Children in England"),
    ("Annual Report", None),  # Ofsted's and CQC's annual reports are different works
    ("Absent: An exploration of common police procedures", None),  # one word would match prose
])
def test_cited_title_names(title, name):
    from graph.entities import cited_title
    assert cited_title(title) == name


def test_question_matcher_finds_names_in_any_case_but_not_ordinary_words():
    from graph.entities import Matcher, Registry

    registry = Registry()
    registry.add("organisation", "World Health Organization", acronym="WHO", report="r")
    registry.add("unit", "Multi-Agency Safeguarding Hub", acronym="MASH", report="r")
    plain, loose = Matcher(registry), Matcher(registry, any_case=True, lower_words={"who", "is"})
    assert [m.form for m in plain.find("who said MASHes help?")] == ["MASHes"]
    assert not plain.find("the multi-agency safeguarding hubs")
    assert [e.label for e in loose.entities("who runs the multi-agency safeguarding hubs and mash?")] == ["MASH"]
    assert [e.label for e in loose.entities("What did WHO say?")] == ["WHO"]  # as written, always
    assert registry.resolve("MASH").head == "hub" and registry.resolve("WHO").head == "organization"
    assert registry.resolve("MASH").expansion() == "MASH Multi-Agency Safeguarding Hub"


def test_a_surname_or_office_held_by_one_person_names_them(corpus):
    rowley = corpus.resolve("Mark Rowley")
    assert corpus.resolve("Rowley") is rowley and corpus.resolve("the Assistant Commissioner") is rowley
    assert corpus.resolve("Assistant Commissioner Rowley") is rowley
    assert corpus.resolve("Evans") is None  # Roger Evans and Kathy Evans share it


@pytest.mark.parametrize("name", ["Erik van Sebille", "Peter Heaton-Jones", "Kerry McCarthy", "Baroness O’Neill",
                                  "Dr Erik van Sebille", "Maria de la Cruz"])
def test_particles_hyphens_and_inner_capitals_are_person_names(name):
    from graph.entities import looks_like_person
    assert looks_like_person(name)


@pytest.mark.parametrize("name", ["Independent Social Work", "NHS England", "Transport Studies Unit", "DfT Team"])
def test_bodies_are_no_person_names(name):
    from graph.entities import looks_like_person
    assert not looks_like_person(name)


def test_two_people_with_different_first_names_never_merge():
    """Frank Kelly (one report) and Mike Kelly (another) both go by "Professor Kelly": two people, and the
    short form they share names neither; a short form of one first name ("Chris") is still the same person."""
    from graph.entities import Registry, same_person, surname
    reg = Registry()
    frank = reg.add("person", "Frank Kelly", ["Professor Frank Kelly", "Professor Kelly"], report="a")
    mike = reg.add("person", "Mike Kelly", ["Professor Mike Kelly", "Professor Kelly"], report="b")
    assert frank is not mike and {frank.pref, mike.pref} == {"Frank Kelly", "Mike Kelly"}
    assert reg.resolve("Professor Frank Kelly") is frank and reg.resolve("Professor Mike Kelly") is mike
    assert reg.resolve("Professor Kelly") is None and "Professor Kelly" not in frank.aliases | mike.aliases
    assert reg.add("person", "Professor Kelly", report="c").key not in (frank.key, mike.key)  # a third entity
    reg.alias(frank, "Professor Kelly")
    assert reg.resolve("Professor Kelly") is not frank  # the shared form stays out
    assert reg.add("person", "Frank Kelly", ["Prof Frank Kelly"], report="b") is frank  # one person in two reports
    assert same_person("Chris Flower", "Christopher Flower") and same_person("F. Kelly", "Frank Kelly")
    assert not same_person("Frank Kelly", "Mike Kelly") and same_person("Professor Kelly", "Mike Kelly")
    assert surname("Erik van Sebille") == "van Sebille" and surname("Peter Heaton-Jones") == "Heaton-Jones"


@pytest.mark.parametrize("text, defined", [
    ("“Department” means the Department of Business and Trade and any predecessor department.",
     [("Department of Business and Trade", "Department")]),
    ("In this report “the Act” refers to the Data Protection Act 2018.", [("Data Protection Act 2018", "Act")]),
    ('"HSS" means the Horizon Shortfall Scheme.', [("Horizon Shortfall Scheme", "HSS")]),
    # a role or a plain word is no body's name
    ("The phrase “the Minister”, depending upon its context, means any Minister of the Department.", []),
    ("In these recommendations “shall” means must.", []),
    ("The term “Subpostmaster” refers to the Post Office’s agents who run branches.", []),  # no body's name
])
def test_a_defined_term_names_the_body_it_means(text, defined):
    """Inquiries define their short names ("“X” means the Y"); the short name becomes the body's alias."""
    from graph.entities import definitions
    assert definitions(text) == defined


_REGISTRY_DIGEST = """
import hashlib, sys
from graph.entities import build_registry
from ingest.store import ingest_file
registry = build_registry([ingest_file(p) for p in sys.argv[1:]])
print(hashlib.sha256(repr(sorted((e.key, e.kind, sorted(e.forms())) for e in registry)).encode()).hexdigest())
"""


def test_the_registry_is_the_same_whatever_the_hash_seed(corpus_reports):
    """Two processes build the same entities from the same reports: names of one length were taken in a set's
    order, which moves with PYTHONHASHSEED ("GLO Independent Panel" was an entity in one build and not another)."""
    import os
    import subprocess
    import sys

    digests = {subprocess.run([sys.executable, "-c", _REGISTRY_DIGEST, *corpus_reports], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("4", "5")}
    assert len(digests) == 1
