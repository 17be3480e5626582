"""Recommendations, glossary, people and statements of the bundled report, from its own words."""
import pytest

ADDRESSEES = {1: {"Met", "MOPAC"}, 2: {"MOPAC"}, 3: {"Met"}, 4: {"Met"}, 5: {"Met"}, 6: {"Met"}, 7: {"Met", "MOPAC"},
              8: {"MOPAC"}}


def test_eight_recommendations_with_addressees(la_report):
    recs = la_report.recommendations
    assert [r.number for r in recs] == list(range(1, 9))
    assert {r.number: set(r.addressee_names) for r in recs} == ADDRESSEES
    assert [r.number for r in recs if "MOPAC" in r.addressee_names] == [1, 2, 7, 8]


def test_recommendation_bullets_as_stated(la_report):
    rec5 = la_report.recommendations[4]
    assert len(rec5.bullets) == 2
    assert rec5.bullets[1].startswith("The importance of the MASH for the police should be reflected by the appointment of a more senior police officer")
    assert len(la_report.recommendations[0].bullets) == 2 and len(la_report.recommendations[1].bullets) == 1


@pytest.mark.parametrize("number, deadline", [(3, "By January 2015"), (6, "within 12 months"), (8, "within the next 12 months"), (1, None)])
def test_deadlines(la_report, number, deadline):
    assert la_report.recommendations[number - 1].deadline == deadline


def test_summary_appendix_is_linked_not_duplicated(la_report):
    sections = {s.id: s for s in la_report.sections}
    for rec in la_report.recommendations:
        assert not sections[rec.section].title.startswith("Appendix")
        assert sections[rec.summary["section"]].title.startswith("Appendix 1")
        assert rec.summary["start"] > rec.end


def test_evidence_passages_stand_before_the_recommendation(la_report):
    rec5 = la_report.recommendations[4]
    texts = [la_report.passage(pid).text for pid in rec5.evidence]
    assert rec5.evidence and all(la_report.passage(pid).start < rec5.start for pid in rec5.evidence)
    assert any("not senior enough to direct resources" in t for t in texts)


def test_concerns(la_report):
    assert "MASH" in la_report.recommendations[4].concerns and "CSE" in la_report.recommendations[5].concerns


def test_sixteen_glossary_entries(la_report):
    g = {e.acronym: e.expansion for e in la_report.glossary}
    assert len(g) == 16
    assert g["MASH"] == "Multi-Agency Safeguarding Hub"
    assert g["SOECA"] == "Sexual Offences, Exploitation and Child Abuse"
    assert g["MOPAC"] == "Mayor’s Office for Policing and Crime" and g["Met"] == "Metropolitan Police Service"


WITNESSES = {
    "Sue Berelowitz": "2014-02-13", "Kathy Evans": "2014-02-13", "Malcolm Ward": "2014-02-13", "Libby Fry": "2014-02-13",
    "Lee Hopkins": "2014-02-13", "Dominic Clout": "2014-02-13", "Jeanne King": "2014-02-13", "Keith Niven": "2014-02-13",
    "Cheryl Coppell": "2014-03-13", "Mark Rowley": "2014-03-13", "Yvette Stanley": "2014-03-13", "Helen Bailey": "2014-03-13",
}


def test_twelve_witnesses_with_their_dates(la_report):
    witnesses = {p.name: [a.date for a in p.appearances] for p in la_report.people if "witness" in p.groups}
    assert witnesses == {name: [date] for name, date in WITNESSES.items()}


@pytest.mark.parametrize("name, title, role, organisation", [
    ("Mark Rowley", "Assistant Commissioner", None, "Metropolitan Police Service"),
    ("Keith Niven", "Detective Chief Superintendent", "SOECA", "Metropolitan Police Service"),
    ("Sue Berelowitz", None, "Deputy Children’s Commissioner", "Office of the Children’s Commissioner"),
    ("Helen Bailey", None, "Chief Operating Officer", "MOPAC"),
    ("Yvette Stanley", None, "Director of Children, Schools and Families", "London Borough of Merton"),
])
def test_witness_roles(la_report, name, title, role, organisation):
    p = next(p for p in la_report.people if p.name == name)
    assert (p.title, p.role, p.organisation) == (title, role, organisation)


def test_working_group_members(la_report):
    """p.34: "Membership of the Safeguarding Working Group was:": the lead-in names the body of the list."""
    members = {p.name: (p.party, p.chair) for p in la_report.people if "member" in p.groups}
    assert members == {"Caroline Pidgeon": ("Liberal Democrat", True), "Joanne McCartney": ("Labour", False),
                       "Jennette Arnold": ("Labour", False), "Roger Evans": ("Conservative", False)}
    bodies = {p.name: {a.organisation for a in p.appearances} for p in la_report.people if "member" in p.groups}
    assert set(map(frozenset, bodies.values())) == {frozenset({"Safeguarding Working Group"})}


@pytest.mark.parametrize("lead_in, body", [
    ("The Members of the Science and Technology Committee are:", "Science and Technology Committee"),
    ("Membership of the Safeguarding Working Group was:", "Safeguarding Working Group"),
    ("The membership of the Housing Panel is:", "Housing Panel"),
    ("The Members of the Sub-Committee which carried out this inquiry (Science and Technology Sub-\nCommittee I) are:",
     "Science and Technology Sub-Committee I"),
    ("The following Members were appointed:", None),
])
def test_the_body_a_member_list_names(lead_in, body):
    from ingest.people import member_body

    assert member_body(lead_in) == body


@pytest.mark.parametrize("name, aliases", [
    ("Mark Rowley", {"AC Rowley", "AC Mark Rowley", "Assistant Commissioner Mark Rowley"}),
    ("Keith Niven", {"DCS Keith Niven"}),
    ("Malcolm Ward", {"Malcom Ward"}),
    ("Sue Berelowitz", {"Sue Berelowitiz"}),
])
def test_aliases_resolve_to_one_person(la_report, name, aliases):
    people = [p for p in la_report.people if p.name == name]
    assert len(people) == 1 and aliases <= set(people[0].aliases)
    assert not any(p.name in aliases for p in la_report.people)


def test_written_evidence_and_site_visits(la_report):
    roles = {o.name: o.roles for o in la_report.organisations}
    assert roles["The Children’s Society"] == ["written evidence"] and roles["NSPCC"] == ["written evidence"]
    assert roles["Operation Limelight, Heathrow"] == ["site visit"]
    assert "Harrow’s Multi Agency Safeguarding Hub" in roles


def _statements_by(report, name):
    return [s for s in report.statements if s.speaker_name == name]


def test_statements_attributed_to_ac_rowley(la_report):
    said = _statements_by(la_report, "Mark Rowley")
    contents = " ".join(s.content for s in said)
    for phrase in ["massively pressurised area", "some of the mistakes the Met made in the past were about supervisory strength",
                   "SOECA will probably need more officers", "the Met has found MASH to be a much better way of sharing information",
                   "the Met wants 60 officers dedicated to tackling CSE", "this increase reflects greater confidence"]:
        assert phrase in contents, phrase
    assert all(s.speaker == next(p.id for p in la_report.people if p.name == "Mark Rowley") for s in said)
    pressurised = next(s for s in said if "massively pressurised" in s.content)
    assert pressurised.quote == "massively pressurised area" and pressurised.note == 27
    supervisory = next(s for s in said if "supervisory strength" in s.content)
    assert supervisory.note == 31 and supervisory.note_speaker == "Mark Rowley" and supervisory.date == "2014-03-13"


def test_statements_by_others_and_unnamed_groups(la_report):
    ward = _statements_by(la_report, "Malcolm Ward")
    assert any(s.quote and s.quote.startswith("there is a difference between the strategic") for s in ward)
    assert any("depend on who answers the phone" in s.content for s in _statements_by(la_report, "The Children’s Society"))
    vcf = _statements_by(la_report, "The Victoria Climbié Foundation")
    assert vcf and vcf[0].speaker_kind == "organisation" and vcf[0].note == 104
    group = next(s for s in la_report.statements if s.speaker_name == "non-police partners")
    assert group.speaker_kind == "group" and group.speaker is None
    assert "relationship between the CAITs, MASH and local policing could be improved" in group.content


def test_statement_offsets_point_at_the_source(la_report, la_text):
    def squeeze(text):
        return "".join(ch for ch in text if ch.isalpha())  # markers are digits the content drops

    for s in la_report.statements:
        # the content, without line breaks and hyphenation, is the end of the cited source span
        assert squeeze(s.content) in squeeze(la_text[s.start:s.end]), s.id


def test_addressees_are_organisations_of_the_report(la_report):
    orgs = {o.id: o for o in la_report.organisations}
    for rec in la_report.recommendations:
        for oid in rec.addressees:
            assert oid in orgs and "recommendation addressee" in orgs[oid].roles
    met = orgs[la_report.recommendations[2].addressees[0]]
    assert met.name == "Metropolitan Police Service" and met.aliases == ["Met"]


def test_a_document_cited_with_according_to_is_not_a_speaker(la_report):
    strategy = next(s for s in la_report.statements if "Mayoral Strategy" in s.speaker_name)
    assert strategy.speaker_kind == "publication" and strategy.speaker is None
