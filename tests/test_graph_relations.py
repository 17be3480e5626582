"""Stated relations, asserted from the report's own words, each with its evidence passage."""
import pytest

from qa.corpus import cached_corpus


@pytest.fixture(scope="module")
def engine():
    return cached_corpus().engine


def claim_quotes(engine, s, p, o):
    """Exact sentences of the claims that s p o (named by notation or label)."""
    res = engine.query(f"""
        SELECT ?exact ?ev WHERE {{
          ?s rdfs:label|skos:altLabel ?sl . FILTER(STR(?sl) = "{s}")
          ?o rdfs:label|skos:altLabel ?ol . FILTER(STR(?ol) = "{o}")
          ?s {p} ?o .
          ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate {p} ; rdf:object ?o ; prov:wasDerivedFrom ?ev ;
             oa:hasSelector ?q . ?q oa:exact ?exact .
        }}""")
    return [r["exact"] for r in res.rows]


@pytest.mark.parametrize("s, p, o, words", [
    ("SOECA", "org:subOrganizationOf", "Met", "When the Met created SOECA"),
    ("CAIT", "org:subOrganizationOf", "SOECA", "It has 16 child abuse investigation teams (CAITs)"),
    ("Project Azure", "org:subOrganizationOf", "SOECA", "Project Azure, a dedicated team within SOECA"),
    ("SCO5", "org:subOrganizationOf", "Specialist Crime Directorate", "was created within the Specialist Crime Directorate"),
    ("SOECA", "kg:formedByMergerOf", "SCO2", "merged with the child abuse command (SCO5)"),
    ("SOECA", "kg:formedByMergerOf", "SCO5", "SOECA was established in June 2013 when the Met’s rape command (SCO2)"),
    ("MOPAC", "kg:oversees", "Met", "MOPAC has responsibility for overseeing the Met’s approach"),
    ("MOPAC", "kg:holdsToAccount", "Met", "It must effectively hold the Met to account"),
    ("MOPAC", "dcterms:replaces", "MPA", "The Metropolitan Police Authority was disbanded and replaced by MOPAC"),
    ("London Safeguarding Children Board", "kg:supports", "local Safeguarding Children Boards",
     "which provides strategic advice and support to London’s 32 local Safeguarding Children Boards"),
    ("MOPAC", "org:memberOf", "London Safeguarding Children Board", "MOPAC is an active member of the London Safeguarding"),
    ("Met", "org:memberOf", "local Safeguarding Children Boards", "well represented on London’s 32 local"),
    ("BOCU", "kg:partnerIn", "MASH", "BOCUs, for example, are an important partner in the MASH"),
])
def test_stated_relation_with_evidence(engine, s, p, o, words):
    quotes = claim_quotes(engine, s, p, o)
    assert any(words in q for q in quotes), quotes


@pytest.mark.parametrize("member", ["police", "children’s social care", "education", "probation", "health"])
def test_who_sits_in_the_mash(engine, member):
    assert any("brought together a range of child-safeguarding professionals" in q
               for q in claim_quotes(engine, member, "org:memberOf", "MASH"))


@pytest.mark.parametrize("agency", ["Met", "UK Border Force", "National Crime Agency", "UK Border Agency"])
def test_operation_limelight_agencies(engine, agency):
    assert claim_quotes(engine, agency, "kg:participatedIn", "Operation Limelight")


def test_relation_from_a_note_points_at_the_note(engine):
    res = engine.query("""SELECT ?n WHERE { ?c rdf:predicate dcterms:replaces ; prov:wasDerivedFrom ?ev .
                          ?ev a kg:Note ; kg:number ?n }""")
    assert [r["n"] for r in res.rows] == [112]


def test_recommendation_sentences_state_no_fact(engine):
    # "MOPAC should monitor and hold the Met to account" recommends; it is not evidence of oversight
    res = engine.query("""SELECT ?exact WHERE { ?c a kg:Claim ; oa:hasSelector ?q ; kg:rule ?rule .
                          ?q oa:exact ?exact . FILTER(?rule NOT IN ("addressee", "concerns", "statement")) }""")
    assert res.rows and not any("should" in r["exact"] for r in res.rows)


def recommendations_for(engine, name):
    res = engine.query(f"""SELECT ?n WHERE {{ ?r a kg:Recommendation ; kg:number ?n ; kg:addressedTo ?a .
                           ?a rdfs:label|skos:altLabel ?l . FILTER(STR(?l) = "{name}") }} ORDER BY ?n""")
    return sorted({r["n"] for r in res.rows})


def test_recommendations_for_mopac(engine):
    assert recommendations_for(engine, "MOPAC") == [1, 2, 7, 8]


def test_recommendations_for_the_met(engine):
    # 1 ("the Met should publish"), 3, 4, 5 ("We recommend that the Met"), 6, 7 ("MOPAC and the Met should")
    assert recommendations_for(engine, "Met") == [1, 3, 4, 5, 6, 7]


def test_recommendation_has_bullets_deadline_and_concerns(engine):
    res = engine.query("""SELECT ?d (COUNT(DISTINCT ?b) AS ?bullets) (GROUP_CONCAT(DISTINCT ?cl) AS ?concerns) WHERE {
        ?r a kg:Recommendation ; kg:number 3 ; kg:bullet ?b . OPTIONAL { ?r kg:deadline ?d }
        OPTIONAL { ?r kg:concerns ?c . ?c rdfs:label ?cl } } GROUP BY ?d""")
    assert res.rows[0]["d"] == "By January 2015" and res.rows[0]["bullets"] >= 1


def test_witness_roles(engine):
    res = engine.query("""SELECT ?org ?role WHERE { ?m a org:Membership ; org:member ?p ; org:organization ?o .
        ?p rdfs:label "Helen Bailey" . ?o rdfs:label ?org . OPTIONAL { ?m org:role ?r . ?r rdfs:label ?role } }""")
    assert {"MOPAC"} <= {r["org"] for r in res.rows}
    assert "Chief Operating Officer" in {r["role"] for r in res.rows}


def test_statements_have_speakers(engine):
    res = engine.query("""SELECT ?content WHERE { ?s a kg:Statement ; prov:wasAttributedTo ?p ; kg:content ?content .
                          ?p rdfs:label "Mark Rowley" }""")
    assert any("SOECA was brought into being" in r["content"] for r in res.rows)
    res = engine.query("""SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement ; prov:wasAttributedTo ?u .
                          ?u a kg:UnnamedSpeaker ; rdfs:label "non-police partners" }""")
    assert res.rows[0]["n"] >= 1


def test_comentions_are_not_claims(engine):
    res = engine.query("""SELECT ?w WHERE { ?c a kg:CoMention ; kg:entity ?a, ?b ; kg:weight ?w .
        ?a rdfs:label "MASH" . ?b rdfs:label "CAIT" }""")
    assert res.rows and res.rows[0]["w"] >= 2
    assert not engine.query("ASK { ?c a kg:CoMention, kg:Claim }").boolean


def test_board_membership_from_a_role(engine):
    # "Cheryl Coppell, Chair of the London Safeguarding Children Board and Chief Executive, London Borough of Havering"
    res = engine.query("""SELECT ?org WHERE { ?p rdfs:label "Cheryl Coppell" ; org:memberOf ?o . ?o rdfs:label ?org }""")
    assert {"London Safeguarding Children Board", "London Borough of Havering"} <= {r["org"] for r in res.rows}


@pytest.mark.parametrize("work, author, words", [
    ("Victoria Climbié Inquiry", "Lord Laming", "Lord Laming (2003) The Victoria Climbié Inquiry"),
    ("Protection of Children in England", "Lord Laming", "Lord Laming (2009) The Protection of Children in England"),
    ("Joint Area Review", "Ofsted", "Ofsted (2008) Joint Area Review"),
    ("Munro Review of Child Protection", "Department for Education", "Department of Education (2011) The Munro Review"),
])
def test_who_wrote_the_publications_the_notes_cite(engine, work, author, words):
    assert any(q.startswith(words) for q in claim_quotes(engine, work, "dcterms:creator", author))


def test_the_laming_reports(engine):
    """Lord Laming is one person (also "Laming" in the text), the author of both reports note 1 cites."""
    res = engine.query("""SELECT ?n ?work WHERE { ?note kg:number ?n ; dcterms:source ?src .
        ?src kg:cites ?w . ?w rdfs:label ?work ; dcterms:creator ?a . ?a rdfs:label "Lord Laming" ; skos:altLabel "Laming" }""")
    assert sorted((r["n"], r["work"]) for r in res.rows) == [(1, "Protection of Children in England"),
                                                             (1, "Victoria Climbié Inquiry")]
