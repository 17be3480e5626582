"""Who a report names and how: witness lists split into name, role and body (a body's name may hold commas), the
people of a written-evidence list, and the speakers of paragraphs an extraction broke inside their first word.
Each rule on a made-up example, and what a user then reads from the API."""
from __future__ import annotations

import textwrap

from ingest.parse import parse_report
from test_ingest_styles import FILLER, _served


def _wrapped(first: str, *paragraphs: str) -> str:
    """A title line, then paragraphs wrapped at 88 characters as pdftotext sets them, no blank line between."""
    return first + "\n\n" + "\n".join(textwrap.fill(p, 88) for p in paragraphs) + "\n"


# pdftotext, where the PDF sets a paragraph's number and first letter in one run: the letter stays on the number's
# line, the rest of its word opens the next ("3.117. A" / " ccording to Mrs Kamran", Post Office inquiry, p 31)
SPLIT_INITIALS = _wrapped("The Lakeside Inquiry Report", "1. Introduction", "1.1. " + FILLER) \
    + "1.2. A\n ccording to Mrs Baker, both Mr Ashraf and she have suffered from serious\nproblems since the audit.\n" \
    + "1.3. M\n s Connolly said she paid the money to the company under threat to her family.\n" \
    + textwrap.fill("1.4. " + FILLER, 88) + "\n"


def test_a_first_letter_left_on_the_number_s_line_opens_its_word():
    """"1.2. A" / " ccording to Mrs Baker": the paragraph reads "According to Mrs Baker", so she is its speaker, as
    "Ms Connolly said" names hers; the graph holds both statements with their speakers."""
    report = parse_report(SPLIT_INITIALS, "inquiry.txt")
    assert [(s.speaker_name, s.content[:24]) for s in report.statements] == [
        ("Mrs Baker", "both Mr Ashraf and she h"), ("Ms Connolly", "she paid the money to th")]
    assert [p.text[:21] for p in report.passages if p.text.startswith("1.2")] == ["1.2. According to Mrs"]
    # the graph a user queries holds each statement with its speaker's name
    from graph.build import build_graph
    from graph.namespaces import KG

    ds = build_graph([report])
    said = {(str(ds.value(st, KG.speakerName)), str(ds.value(st, KG.content))[:24])
            for st in ds.subjects(KG.speakerName, None)}
    assert said == {("Mrs Baker", "both Mr Ashraf and she h"), ("Ms Connolly", "she paid the money to th")}


def _text(*lines: str, body: str = "1. " + FILLER, notes: str = "") -> str:
    """A report of one paragraph and its notes, then a page of these list lines."""
    return "1. Introduction\n\n" + textwrap.fill(body, 80) + "\n\n" + notes + "\n\f" + "\n".join(lines) + "\n"


def _report(*lines: str, body: str = "1. " + FILLER, notes: str = ""):
    """The report _text makes, parsed."""
    return parse_report(_text(*lines, body=body, notes=notes), "list.txt")


def _people_page(tmp_path, text: str) -> dict:
    """What /api/people lists for a report of this text: name -> (role, organisation, groups)."""
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    with _served(tmp_path, path) as client:
        people = client.get("/api/people").get_json()["people"]
    return {p["name"]: (p["role"], p["organisation"], p["groups"]) for p in people}


# A Commons session's panel whose body's name holds commas, as HC 179 prints "The Cosmetics, Toiletry and Perfumery
# Association" and HL 179 "Department for Environment, Food and Rural Affairs"
COMMONS_COMMAS = ["Witnesses", "", "The following witnesses gave evidence.", "", "Wednesday 8 June 2016", "",
                  "Dr Chris Bloom, Director General, The Paints, Coatings and Inks Association, and Ann Lee,",
                  "Chief Scientist, Department for Culture, Media and Sport, and Tom Kay, Head of Policy,",
                  "Great Yarmouth Community Trust                                     Q165–262"]
# A Lords list: a panel of bodies, one with commas in its name, and a panel of people, one of whom holds a second post
LORDS_COMMAS = ["Appendix 2: List of Witnesses", "", "Witnesses marked with * gave both oral and written evidence.", "",
                "Oral evidence in chronological order",
                "** (QQ 1–40) Department of Energy and Climate Change, Department for Environment, Food and Rural",
                "  Affairs, and Growing Against Gangs Foundation",
                "* (QQ 41–85) Dr Gail Moss, Chief Social Scientist, Department for Environment, Food and",
                "  Rural Affairs and Central Office of Information, and Ms Ruth Pike, Head of Nutrition, MRC,",
                "  and Chair, Expert Group on Obesity"]


def test_a_body_s_name_with_commas_in_it_is_whole():
    """A comma followed by words that end a name "… and X" ("Food and Rural Affairs", "Coatings and Inks
    Association") goes on with the name before it when that name has not ended ("Department for Culture", "The
    Paints": no head noun of a body, no post, no person); "Head of Policy" ends at its comma, a post."""
    commons = _report(*COMMONS_COMMAS)
    assert [(p.name, p.role, p.organisation) for p in commons.people if "witness" in p.groups] == [
        ("Chris Bloom", "Director General", "The Paints, Coatings and Inks Association"),
        ("Ann Lee", "Chief Scientist", "Department for Culture, Media and Sport"),
        ("Tom Kay", "Head of Policy", "Great Yarmouth Community Trust")]
    lords = _report(*LORDS_COMMAS)
    assert [(p.name, p.role, p.organisation) for p in lords.people if "witness" in p.groups] == [
        ("Gail Moss", "Chief Social Scientist",
         "Department for Environment, Food and Rural Affairs and Central Office of Information"),
        ("Ruth Pike", "Head of Nutrition, Chair, Expert Group on Obesity", "MRC")]
    assert [(o.name, o.roles) for o in lords.organisations] == [
        ("Department of Energy and Climate Change", ["oral evidence"]),
        ("Department for Environment, Food and Rural Affairs", ["oral evidence"]),
        ("Growing Against Gangs Foundation", ["oral evidence"]), ("Expert Group on Obesity", ["witness organisation"])]


def test_a_body_with_commas_in_its_name_on_the_people_page_and_in_the_graph(tmp_path):
    """What a user reads: at /api/people, Dr Gail Moss's body whole; in the graph, she is a member of the two bodies
    her entry joins with "and", each whole ("Department for Environment, Food and Rural Affairs" is the body the
    panel of bodies names too, not "Department for Environment" and "Food and Rural Affairs")."""
    from rdflib import RDFS
    from rdflib.namespace import ORG

    from graph.build import build_graph

    text = "1. Introduction\n\n" + textwrap.fill(
        "1. The Central Office of Information ran the campaign. " + FILLER, 80) + "\n\f" + "\n".join(LORDS_COMMAS) + "\n"
    got = _people_page(tmp_path, text)
    assert got["Gail Moss"][:2] == (
        "Chief Social Scientist", "Department for Environment, Food and Rural Affairs and Central Office of Information")
    ds = build_graph([parse_report(text, "list.txt")])
    member_of = {(str(ds.value(p, RDFS.label)), str(ds.value(o, RDFS.label))) for p, _, o in ds.triples((None, ORG.memberOf, None))}
    assert {body for name, body in member_of if name == "Gail Moss"} == {
        "Department for Environment, Food and Rural Affairs", "Central Office of Information"}
    assert {body for name, body in member_of if name == "Ruth Pike"} == {"MRC", "Expert Group on Obesity"}


# A Lords panel as HL 179 prints its QQ 595–628: a witness's post and body, then a body giving evidence in its own
# name; a body's unit before the body; a post held at a body with no organisation noun; "Body and Director of …"
LORDS_SECOND_BODIES = [
    "Appendix 2: List of Witnesses", "", "Witnesses marked with * gave both oral and written evidence.", "",
    "Oral evidence in chronological order",
    "* (QQ 1–30) Professor Ann Hale, Professor of Transport Planning, University of Leeds, Sustainable",
    "  Development Commission, and Professor Tom Reed, Director, Transport Studies Unit, University of Oxford",
    "* (QQ 31–60) Dr Ian Cole, Principal Scientist, Shell Global Solutions, Dr Eva Lund, Centre for Transport",
    "  Research, University of Aberdeen, and Professor Jo Bright, University of Nottingham and Director of the",
    "  UK Centre for Tobacco Control Studies"]


def test_a_second_body_after_a_witness_s_own_is_the_panel_s():
    """"Professor of Transport Planning, University of Leeds, Sustainable Development Commission": the body after the
    post is the one it is held in; a whole body after it is another witness of the panel, in its own name (as the
    written list, which stars it, shows). A unit before a body is part of it ("Transport Studies Unit", "Centre for
    Transport Research"); with no body noun, the part after a post is the body it is held in; "University of
    Nottingham and Director of …" is a body, then a second post."""
    report = _report(*LORDS_SECOND_BODIES)
    assert [(p.name, p.role, p.organisation, p.appearances[0].questions) for p in report.people] == [
        ("Ann Hale", "Professor of Transport Planning", "University of Leeds", "Q1–30"),
        ("Tom Reed", "Director, Transport Studies Unit", "University of Oxford", "Q1–30"),
        ("Ian Cole", "Principal Scientist", "Shell Global Solutions", "Q31–60"),
        ("Eva Lund", "Centre for Transport Research", "University of Aberdeen", "Q31–60"),
        ("Jo Bright", "Director of the UK Centre for Tobacco Control Studies", "University of Nottingham", "Q31–60")]
    assert [(o.name, o.roles, o.detail) for o in report.organisations if "oral evidence" in o.roles] == [
        ("Sustainable Development Commission", ["oral evidence"], "Q1–30")]


def test_a_second_body_reaches_the_people_page_and_the_graph(tmp_path):
    """What a user reads: at /api/people, Professor Ann Hale of the University of Leeds (not of the Commission); in the
    graph she is a member of the university alone, and the Commission is a body of the report."""
    from rdflib import RDFS
    from rdflib.namespace import ORG

    from graph.build import build_graph

    text = "1. Introduction\n\n" + textwrap.fill("1. " + FILLER, 80) + "\n\f" + "\n".join(LORDS_SECOND_BODIES) + "\n"
    got = _people_page(tmp_path, text)
    assert got["Ann Hale"][:2] == ("Professor of Transport Planning", "University of Leeds")
    assert got["Ian Cole"][:2] == ("Principal Scientist", "Shell Global Solutions")
    ds = build_graph([parse_report(text, "list.txt")])
    hale = next(p for p in ds.subjects(RDFS.label, None) if str(ds.value(p, RDFS.label)) == "Ann Hale")
    assert {str(ds.value(o, RDFS.label)) for o in ds.objects(hale, ORG.memberOf)} == {"University of Leeds"}
    assert "Sustainable Development Commission" in {str(label) for label in ds.objects(None, RDFS.label)}


def test_a_hyphened_body_in_a_role_holds_no_office():
    """"The Government said …" is the Government's, not the one witness whose role names a "Cross-Government" group."""
    report = _report(*LORDS_COMMAS[:5], "* (QQ 1–40) Dr Sue Webb, Head of Nutrition, MRC, and Chair, Cross-Government",
                     "  Expert Group on Obesity", "* (QQ 41–60) Drinkaware, Groundwork, and Swanswell",
                     body="1. The Government told us that voluntary agreements would be less burdensome. " + FILLER)
    assert [p.role for p in report.people] == ["Head of Nutrition, Chair, Cross-Government Expert Group on Obesity"]
    assert [(s.speaker_name, s.speaker_kind) for s in report.statements] == [("The Government", "organisation")]


# A Commons written-evidence list: numbered, people among the bodies (titled, one with the body the list gives), a
# joint entry run over two lines, and a page of entries read as list items (as pdftotext -layout sets them)
WRITTEN = ["Published written evidence", "",
           "The following written evidence was received and can be viewed on the inquiry publications page.", "",
           "1    5 Gyres Institute (EIM0017)", "2    Brunel University, London (EIM0028)",
           "3    Dr Natalie Welden (EIM0003)", "4    Dr Jane Doe, University of Exeter (EIM0009)",
           "5    Greenpeace UK, the Environmental Investigation Agency, Fauna & Flora",
           "     International, and the Marine Conservation Society (EIM0020)",
           "6    Keep Britain Tidy (EIM0029)", "\f", "7    Richard Shirres (EIM0031)", "8    Wessex Water (EIM0044)"]


# the report's own notes, 1 to 9, the first citing a person's written evidence: the list's numbers after them (1 to
# 8) run on from none of them, so they are no notes
WRITTEN_BODY = "1. Fibres were found in every sample.1 " + " ".join(
    f"Sample {n} held more fibres than the sample before.{n}" for n in range(2, 10))
WRITTEN_NOTES = "1  Dr Natalie Welden (EIM0003)\n" + "\n".join(f"{n}  Keep Britain Tidy (EIM0029)" for n in range(2, 10))


def test_people_of_a_written_evidence_list():
    """A titled name in the written-evidence list is a person who wrote (with the body the list gives, if any), not a
    body; a note citing the entry's code names that person; a joint entry run over two lines is its bodies. An
    untitled name ("Richard Shirres") reads no differently from a body's ("Keep Britain Tidy") and stays one."""
    report = _report(*WRITTEN, body=WRITTEN_BODY, notes=WRITTEN_NOTES)
    assert [(p.name, p.title, p.organisation, p.groups) for p in report.people] == [
        ("Natalie Welden", "Dr", None, ["written evidence"]),
        ("Jane Doe", "Dr", "University of Exeter", ["written evidence"])]
    assert [o.name for o in report.organisations] == [
        "5 Gyres Institute", "Brunel University, London", "Greenpeace UK", "Environmental Investigation Agency",
        "Fauna & Flora International", "Marine Conservation Society", "Keep Britain Tidy", "Richard Shirres",
        "Wessex Water"]
    [source] = report.notes[0].sources
    assert (source.kind, source.code, source.person_name) == ("written evidence", "EIM0003", "Natalie Welden")


def test_people_of_a_written_evidence_list_on_the_people_page(tmp_path):
    """What a user reads at /api/people: Dr Jane Doe of the University of Exeter, who gave written evidence."""
    got = _people_page(tmp_path, _text(*WRITTEN, body=WRITTEN_BODY, notes=WRITTEN_NOTES))
    assert got["Jane Doe"] == (None, "University of Exeter", ["written evidence"])
    assert got["Natalie Welden"] == (None, None, ["written evidence"])


# A Lords list as pypdf writes kerned type (words split inside: "Hea d", "Med ical", "Execut ives") and as pdfminer.six
# sets the panels' marks in a column of their own, after the entry they do not belong to ("and Unilever" / "*" / "**")
LORDS_KERNED = [
    "Appendix 2: List of Witnesses", "", "Witnesses marked with * gave both oral and written evidence.", "",
    "Oral evidence in chronological order",
    "* (QQ 1–10) Dr Sam Gupta, Hea d of Public Health Strategy, Department of Health, and Ms Ann Lyle, Chief",
    "  Execut ive, British Med ical Association", "", "(QQ 11–20) Institute of Practitioners in Advertising, and Unilever",
    "", "*", "", "**", "", "(QQ 21–30) Drinkaware, Groundwork, and Swanswell"]
KERNED_BODY = ("1. The Head of Public Health Strategy told us that the British Medical Association and its Chief "
               "Executive agreed. " + FILLER)


def test_words_split_in_kerned_type_and_marks_set_apart(tmp_path):
    """Two pieces are one word when the report uses the joined word and the pieces are not both words ("Hea d" is
    Head, "of the" stays); a list's marks are no part of a body's name ("Unilever", not "Unilever * **"); and so
    /api/people shows each witness's post and body as printed."""
    report = _report(*LORDS_KERNED, body=KERNED_BODY)
    assert [(p.name, p.role, p.organisation) for p in report.people if "witness" in p.groups] == [
        ("Sam Gupta", "Head of Public Health Strategy", "Department of Health"),
        ("Ann Lyle", "Chief Executive", "British Medical Association")]
    assert [o.name for o in report.organisations] == ["Institute of Practitioners in Advertising", "Unilever",
                                                      "Drinkaware", "Groundwork", "Swanswell"]
    got = _people_page(tmp_path, _text(*LORDS_KERNED, body=KERNED_BODY))
    assert got["Ann Lyle"][:2] == ("Chief Executive", "British Medical Association")


# A Lords written-evidence list in order of receipt, each entry after its code (HL 179, Appendix 2), then the same list
# in alphabetical order with the codes after the names
LORDS_WRITTEN = LORDS_COMMAS[:5] + [
    "* (QQ 1–40) Dr Gail Moss, Chief Social Scientist, Department of Health", "",
    "* (QQ 41–60) Drinkaware, Groundwork, and Swanswell", "",
    "Written evidence in order of receipt",
    "* (BC 1) Sustrans  BEHAVIOUR CHANGE 77",
    "  (BC 2) Professor Gregory Maio, Professor Geoff Haddock, Cardiff University and Dr Katy Tapper, Swansea",
    "         University",
    "  (BC 3) Joan Costa-Font, London School of Economics",
    "  (BC 4) Dr Diane Dixon and Professor Marie Johnston, University of Bath",
    "  (BC 5) Weight Watchers UK (supplementary)",
    "  (BC 6) Steve Martin, Influence at Work",
    "* (BC 7) Dr Gail Moss, Department of Health", "",
    "Alphabetical Order",
    "  Sustrans (BC 1)", "  Professor Gregory Maio, Cardiff University (BC 2)"]


def test_people_of_a_written_evidence_list_by_code():
    """"(BC 2) Professor Gregory Maio, Professor Geoff Haddock, Cardiff University and Dr Katy Tapper, Swansea
    University": each person with the body the entry gives them (names before one body share it); an untitled name
    that opens an entry before a comma is a person; a body's entry gives the body, with its code, less a note on it
    ("(supplementary)") and a running header pypdf set into it; the list ends where the alphabetical list begins."""
    report = _report(*LORDS_WRITTEN)
    written = [(p.name, p.organisation, p.groups) for p in report.people]
    assert written == [
        ("Gail Moss", "Department of Health", ["witness", "written evidence"]),
        ("Gregory Maio", "Cardiff University", ["written evidence"]),
        ("Geoff Haddock", "Cardiff University", ["written evidence"]),
        ("Katy Tapper", "Swansea University", ["written evidence"]),
        ("Joan Costa-Font", "London School of Economics", ["written evidence"]),
        ("Diane Dixon", "University of Bath", ["written evidence"]),
        ("Marie Johnston", "University of Bath", ["written evidence"]),
        ("Steve Martin", "Influence at Work", ["written evidence"])]
    assert [(o.name, o.code) for o in report.organisations if "written evidence" in o.roles] == [
        ("Sustrans", "BC 1"), ("Weight Watchers UK", "BC 5")]


def test_people_of_a_written_evidence_list_by_code_on_the_people_page(tmp_path):
    """What a user reads at /api/people: Dr Katy Tapper of Swansea University, who gave written evidence."""
    got = _people_page(tmp_path, _text(*LORDS_WRITTEN))
    assert got["Katy Tapper"] == (None, "Swansea University", ["written evidence"])
    assert got["Gregory Maio"] == (None, "Cardiff University", ["written evidence"])


def test_a_pronoun_speaks_for_the_person_its_own_sentence_names():
    """"Ann Lee … appeared to confirm this observation when she suggested that …": "she" is Ann Lee, whom the
    sentence names, not the speaker of the sentence before (HL 179 gave Anne Milton's words to Dr Ian Campbell, and
    Mr Letwin's, "when he said", to Mr King, once the written-evidence list made Mr King a listed person)."""
    report = _report(*COMMONS_COMMAS, body="1. Tom Kay said that funding was short term. Ann Lee, Chief Scientist, "
                     "appeared to confirm this observation when she suggested that measures would take a long time. "
                     + FILLER)
    assert [(s.speaker_name, s.content[:20]) for s in report.statements] == [
        ("Tom Kay", "funding was short te"), ("Ann Lee", "measures would take ")]


def test_evidence_codes_are_found_in_linear_time():
    """A written-evidence paragraph or note of 200,000 characters with one code at its end: the pattern that let a
    name be any run before a code was tried again from every position (20,000 characters took 7.5 s). The names and
    codes are those the pattern gave, on short entries."""
    from ingest.codes import coded_names
    from ingest.sources import parse_sources

    assert coded_names("word " * 40_000) == []  # no code: the old pattern was tried from every position
    long = "word " * 40_000 + ", Fidra (EIM0012)"
    found = coded_names(long)
    assert [(c.name.strip(), c.code) for c in found] == [(long[:-9].strip(), "EIM0012")]
    assert [(c.name.strip(), c.code) for c in coded_names(long, stops="(),", acronyms=False, open_end=True)] == [
        ("Fidra", "EIM0012")]
    line = "Environmental Investigation Agency (EIA) (EIM0022) Anglian Water (EIM0046)"
    assert [(c.name.strip(), c.code) for c in coded_names(line)] == [
        ("Environmental Investigation Agency (EIA)", "EIM0022"), ("Anglian Water", "EIM0046")]
    # a name the text breaks before its code keeps no line end (review)
    assert [(s.organisation, s.label) for s in parse_sources("Written evidence from the local council\n(EIM0001)", [])] \
        == [("Written evidence from the local council", "Written evidence from the local council (EIM0001)")]
    sources = parse_sources("See written evidence from Fidra (EIM0012) and Fauna & Flora International (EIM0016", [])
    assert [(s.organisation, s.code) for s in sources] == [("Fidra", "EIM0012"), ("Fauna & Flora International", "EIM0016")]


def test_a_running_header_is_two_capitalised_words_and_a_page_number():
    """pypdf sets the running header into a written entry ("Sustrans  BEHAVIOUR CHANGE 77"); one capitalised word
    and a number is part of a name ("NHS 24")."""
    from ingest.people.panels import _RUNNING_HEAD

    assert _RUNNING_HEAD.sub("", "Sustrans  BEHAVIOUR CHANGE 77") == "Sustrans"
    assert _RUNNING_HEAD.sub("", "Dr Jane Doe, NHS 24") == "Dr Jane Doe, NHS 24"
