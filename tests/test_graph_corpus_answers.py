"""Relation questions over the corpus reports, through /api/ask as a user sees them: the whole set in
answer.facts, each fact with its evidence passage, and the set named in answer.text.

The sets were read from the reports' PDFs (pages given with each question), not from this project's output.
"""
import pytest

HC = "hc179-environmental-impact-of-microplastics-2016"
HL = "hl179-behaviour-change-2011"
PO = "post-office-horizon-inquiry-vol1-2025"


@pytest.fixture(scope="module")
def client(corpus_reports, corpus_build_dir):
    """The app over the bundled report and the three corpus reports (hashing encoder: the graph answers); its
    build is test_graph_list_questions' too."""
    from web.app import create_app

    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": corpus_build_dir, "REPORTS": corpus_reports})
    yield app.test_client()
    app.extensions["kgqa"].close()


def ask(client, question: str) -> dict:
    body = client.get("/api/ask", query_string={"q": question, "k": 10}).get_json()
    assert body["found"] and body["answer"].get("facts"), (question, body["answer"]["text"])
    for f in body["answer"]["facts"]:  # every fact keeps the passage that states it
        assert f["evidence"]["passage"], f
    return body["answer"]


def test_who_oversees_a_scheme(client):
    """PO PDF p.52 para 4.35 "It is this Committee … which is responsible for overseeing … HSS" (the Committee
    of the sentence before); p.53 para 4.36 "the Department’s oversight of HSS", where p.9 defines "“Department”
    means the Department of Business and Trade": the fact names the body by the report's own full name."""
    dept = "Department of Business and Trade"
    answer = ask(client, "Who oversees HSS?")
    assert {(f["subject"], f["relation"], f["object"]) for f in answer["facts"]} == {
        ("Horizon Matters Committee", "oversees", "HSS"), (dept, "oversees", "HSS")}
    assert answer["text"].startswith(f"{dept} and Horizon Matters Committee oversee HSS")
    quotes = {f["subject"]: f["evidence"]["passage"] for f in answer["facts"]}
    assert quotes["Horizon Matters Committee"] == f"{PO}-p0335" and quotes[dept] == f"{PO}-p0336"


def test_a_defined_short_name_answers_for_the_body_it_defines(client):
    """PO PDF p.9: "“Department” means the Department of Business and Trade"; the recommendations (pp.9-11) address
    "the Department" (1, 2, 3, 8, 9, 10, 16, 18 and 19 among their addressees)."""
    answer = ask(client, "Which recommendations are addressed to the Department of Business and Trade?")
    facts = [f for f in answer["facts"] if f["relation"] == "addressedTo"]
    assert {f["object"] for f in facts} == {"Department of Business and Trade"}
    assert {"Recommendation 1", "Recommendation 19"} <= {f["subject"].split(" (")[0] for f in facts}


def test_a_team_based_in_a_department(client):
    """HL 179 Box 7, PDF p.31: "BIT, a small team of civil servants and academics, is based in the Cabinet Office"."""
    answer = ask(client, "Which teams are based in the Cabinet Office?")
    assert {(f["subject"], f["object"]) for f in answer["facts"]} == {("BIT", "Cabinet Office")}
    assert answer["text"].startswith("BIT is part of the Cabinet Office")


def test_a_unit_the_witness_list_places_in_a_university(client):
    """HL 179 Appendix 2, PDF p.75: "Director, Transport Studies Unit, University of Oxford"."""
    answer = ask(client, "What is the Transport Studies Unit part of?")
    assert [(f["subject"], f["relation"], f["object"]) for f in answer["facts"]] == [
        ("Transport Studies Unit", "subOrganizationOf", "University of Oxford")]
    assert "Transport Studies Unit is part of University of Oxford" in answer["text"]


def test_witnesses_with_particles_in_their_names(client):
    """HC 179 PDF p.37, Monday 9 May 2016: three witnesses, one of them Dr Erik van Sebille."""
    answer = ask(client, "Who gave evidence to the Environmental Audit Committee on 9 May 2016?")
    assert sorted(f["subject"] for f in answer["facts"]) == ["Erik van Sebille", "Frank Kelly", "Tamara Galloway"]
    assert answer["text"] == "Erik van Sebille, Frank Kelly and Tamara Galloway gave evidence on 9 May 2016."


def test_members_with_hyphens_and_inner_capitals(client):
    """HC 179 PDF p.3, Current membership: 16 members, Peter Heaton-Jones and Kerry McCarthy among them."""
    answer = ask(client, "Who is on the Environmental Audit Committee?")
    members = {f["subject"] for f in answer["facts"]}
    assert len(members) == 16 and {"Peter Heaton-Jones", "Kerry McCarthy", "John Mc Nally"} <= members
    assert "Kerry McCarthy, Luke Hall" in answer["text"] and "Peter Heaton-Jones" in answer["text"]


def test_the_lords_sub_committee_and_its_chair(client):
    """HL 179 PDF p.2: the Members of the Sub-Committee (Science and Technology Sub-Committee I), Baroness
    Neuberger (Chairman); the Members of the Science and Technology Committee, Lord Krebs (Chairman)."""
    answer = ask(client, "Who sat on Science and Technology Sub-Committee I?")
    assert {f["subject"] for f in answer["facts"]} == {
        "Lord Alderdice", "Lord Crickhowell", "Baroness Hilton of Eggardon", "Lord Krebs", "Lord May of Oxford",
        "Baroness Neuberger", "Baroness O’Neill of Bengarve", "Lord Patel", "Baroness Perry of Southwark",
        "Earl of Selborne", "Lord Sutherland of Houndwood", "Lord Warner"}
    assert {f["report"] for f in answer["facts"]} == {HL}
    assert "Lord May of Oxford" in answer["text"] and "members of Science and Technology Sub-Committee I" in answer["text"]
    chair = ask(client, "Who chairs Science and Technology Sub-Committee I?")
    assert [f["subject"] for f in chair["facts"]] == ["Baroness Neuberger"]
    assert chair["text"].startswith("Baroness Neuberger chairs Science and Technology Sub-Committee I")
    # the title page's "Science and Technology Select Committee" (printed under "HOUSE OF LORDS") is the
    # Committee of the member list, not a second body with no members
    whole = ask(client, "Who is on the Science and Technology Select Committee?")
    assert {"Lord Broers", "Lord Winston", "Lord Krebs"} <= {f["subject"] for f in whole["facts"]}
    krebs = ask(client, "Who chairs the Science and Technology Committee?")
    assert [(f["subject"], f["relation"]) for f in krebs["facts"]] == [("Lord Krebs", "headOf")]
    assert "Lord Krebs (Chairman)" in client.get(f"/passages/{krebs['facts'][0]['evidence']['passage']}.json"
                                                  ).get_json()["text"]


def test_two_professors_kelly_stay_two_people(client):
    """Frank Kelly (HC 179) and Mike Kelly (HL 179) both appear as "Professor Kelly": two entities, each in
    his own report, and the short form names neither."""
    people = {e["label"]: e for e in client.get("/entities.json?q=Kelly").get_json()["entities"]
              if e["kind"] == "person"}
    assert {"Frank Kelly", "Mike Kelly"} <= set(people)
    frank = client.get(f"/api/entities/{people['Frank Kelly']['id']}").get_json()
    mike = client.get(f"/api/entities/{people['Mike Kelly']['id']}").get_json()
    assert [r["id"] for r in frank["reports"]] == [HC] and [r["id"] for r in mike["reports"]] == [HL]
    assert "Mike Kelly" not in frank["names"] and "Frank Kelly" not in mike["names"]
    assert client.get("/api/path", query_string={"from": "Professor Kelly", "to": "Defra"}).status_code == 404


def test_conclusions_are_no_recommendations_to_the_government(client):
    """HC 179 PDF pp.33-35: paragraphs 2, 6, 7, 9 and 13 are findings that ask no one to act; the other nine ask
    the Government."""
    answer = ask(client, "Which recommendations does the Environmental Audit Committee make to the Government?")
    want = [f"Recommendation {n}" for n in (1, 3, 4, 5, 8, 10, 11, 12, 14)]
    assert sorted(answer["items_by_report"][HC], key=lambda x: int(x.split()[-1])) == want
    assert {f["object"] for f in answer["facts"] if f["report"] == HC} == {"UK Government"}
    assert answer["text"] == ("Recommendations 1, 3, 4, 5, 8, 10, 11, 12 and 14 are addressed to the Government "
                              "(in Environmental impact of microplastics).")


@pytest.mark.parametrize("question", ["Who chairs the Post Office Horizon IT Inquiry?", "Who chaired the inquiry?"])
def test_the_inquiry_and_the_chair_who_signs_its_report(client, question):
    """PO PDF p.1: the title page names the Post Office Horizon IT Inquiry; p.8 para 1.13 "From the moment of my
    appointment as Chair of this Inquiry, …"; p.163, the body's last lines: "Sir Wyn Williams" / "6 June 2025".
    "The Inquiry" names it: no other report of the corpus writes the word alone."""
    answer = ask(client, question)
    assert [(f["subject"], f["relation"], f["object"]) for f in answer["facts"]] == [
        ("Sir Wyn Williams", "headOf", "Post Office Horizon IT Inquiry")]
    assert answer["text"].startswith("Sir Wyn Williams chairs the ")
    evidence = answer["facts"][0]["evidence"]
    assert evidence["passage"] == f"{PO}-p0029" and evidence["page"] == 8
    assert evidence["quote"].startswith("From the moment of my appointment as Chair of this Inquiry, I was always")
    assert evidence["quote"] in client.get(f"/passages/{evidence['passage']}.json").get_json()["text"]


def test_committee_reports_gain_no_chair_from_a_signature(client):
    """Every chair in the corpus, as a SPARQL client reads them: the committee reports name theirs in their member
    lists only (bundled report p.34 "Membership of the Safeguarding Working Group was: • Caroline Pidgeon MBE AM
    (Liberal Democrat – Chair)": she chairs the working group, and is Deputy Chair of the Police and Crime Committee
    by her signature on p.3; HC 179 PDF p.3 "Mary Creagh
    MP (Labour, Wakefield) (Chair)"; HL 179 PDF p.2 "Lord Krebs (Chairman)", "Baroness Neuberger (Chairman)"); the
    inquiry's text names three more (PO PDF p.53 para 4.34, p.68 para 4.99, and p.77 para 4.152, "The Board constituted
    by the Department in August 2021 was chaired by Mr Creswell": the Overturned Convictions Board of para 4.150;
    "Currently, it is known as the Horizon Redress Convictions Board, and it is still chaired by Mr Creswell", the same
    para) and its signatory chairs it. Witness lists name two chairs in their lines (bundled report p.35: "Dominic
    Clout, Chair, Camden Safeguarding Children Board", "Cheryl Coppell, Chair of the London Safeguarding Children
    Board and Chief Executive, London Borough of Havering"). Two groups the report never names have chairs (HL 179
    Box 7, the inquiry's para 4.208), and a title in apposition makes eight people heads of bodies."""
    query = ("SELECT ?person ?body WHERE { ?p org:headOf ?b . ?p rdfs:label ?person . ?b rdfs:label ?body }")
    body = client.get("/sparql", query_string={"query": query},
                      headers={"Accept": "application/sparql-results+json"}).get_json()
    chairs = {(b["person"]["value"], b["body"]["value"]) for b in body["results"]["bindings"]}
    assert chairs == {("Caroline Pidgeon", "Safeguarding Working Group"), ("Mary Creagh", "Environmental Audit Committee"),
                      ("Lord Krebs", "Science and Technology Committee"),
                      ("Baroness Neuberger", "Science and Technology Sub-Committee I"),
                      ("Simon Recaldin", "Horizon Matters Committee"), ("Carl Creswell", "HSS Steering Committee"),
                      ("Carl Creswell", "Post Office Overturned Convictions Board"),  # (the “Overturned …”)
                      ("Carl Creswell", "GLOS steering group"), ("Gus O’Donnell", "BIT steering group"),
                      ("Carl Creswell", "Horizon Redress Convictions Board"),
                      ("Dominic Clout", "Camden Safeguarding Children Board"),
                      ("Cheryl Coppell", "London Safeguarding Children Board"),
                      ("Sir Wyn Williams", "Post Office Horizon IT Inquiry"),
                      # heads by a title in apposition ("Dr Halpern, Head of BIT, agreed …", "DCS Keith Niven
                      # (Detective Chief Superintendent responsible for SOECA)"), not chairs
                      ("Keith Niven", "SOECA"), ("David Halpern", "BIT"), ("Andrew Lee", "SDC"),
                      ("John Britton", "UK Centre for Tobacco Control Studies"), ("Justin King", "Sainsbury’s"),
                      ("Lynn Sloman", "Transport for Quality of Life"), ("Mr Hawkhead", "Groundwork"),
                      ("Tim Duffy", "M&C Saatchi")}


def test_a_day_no_witness_list_or_passage_names_is_not_found(client):
    """HL 179's witness list (Appendix 2, PDF pp.74-78) numbers its questions and dates no session; its seminar
    appendix (PDF p.93) is headed "19 October 2010". Asked who gave evidence on 5 October 2010, a day no passage
    names, the answer is "not found", and it says why, not the seminar's date; the bundled report's and HC 179's
    lists date their sessions, and those days are named."""
    body = client.get("/api/ask", query_string={"q": "Who gave evidence on 5 October 2010?"}).get_json()
    assert body["found"] is False and "facts" not in body["answer"], body["answer"]
    reason = body["answer"]["reason"]
    assert reason.startswith("no witness gave evidence on 5 October 2010: the witness lists date their sessions")
    assert "13 March 2014" in reason and "dates none, and no passage near the question names that day" in reason
    assert all(p["nearest"] for p in body["passages"])
    body = client.get("/api/ask", query_string={"q": f"Who gave evidence on 5 October 2010 to the {HL} report?",
                                                "report": HL}).get_json()
    assert body["found"] is False
    assert body["answer"]["reason"].startswith("no passage near the question names 5 October 2010")


def test_each_report_names_its_own_committee_and_sub_committee(client):
    """HL 179 PDF p.2: "The Members of the Sub-Committee which carried out this inquiry (Science and Technology
    Sub-Committee I) are: … Baroness Neuberger (Chairman)", and the report speaks of "the Sub-Committee" (PDF p.2,
    Appendix 3 "Members of the Sub-Committee present were …"); no other report of the corpus has one. "The Committee"
    is each committee report's own: HC 179 p.3 "Mary Creagh MP (Labour, Wakefield) (Chair)", HL 179 p.2 "Lord Krebs
    (Chairman)"; the bundled report names no chair of its Police and Crime Committee (Caroline Pidgeon signs as its
    Deputy Chair, and chairs the Safeguarding Working Group by its member list)."""
    chair = ask(client, "Who chaired the sub-committee?")
    assert [(f["subject"], f["relation"], f["object"], f["report"]) for f in chair["facts"]] == [
        ("Baroness Neuberger", "headOf", "Science and Technology Sub-Committee I", HL)]
    assert chair["text"].startswith("Baroness Neuberger chairs Science and Technology Sub-Committee I")
    members = ask(client, "Who are the members of the Sub-Committee?")
    assert {f["subject"] for f in members["facts"]} == {
        "Lord Alderdice", "Lord Crickhowell", "Baroness Hilton of Eggardon", "Lord Krebs", "Lord May of Oxford",
        "Baroness Neuberger", "Baroness O’Neill of Bengarve", "Lord Patel", "Baroness Perry of Southwark",
        "Earl of Selborne", "Lord Sutherland of Houndwood", "Lord Warner"}
    chairs = ask(client, "Who chaired the committee?")
    assert {(f["subject"], f["object"], f["report"]) for f in chairs["facts"]} == {
        ("Mary Creagh", "Environmental Audit Committee", HC), ("Lord Krebs", "Science and Technology Committee", HL)}
    lords = ask(client, "Who chaired the committee in the behaviour change report?")
    assert [(f["subject"], f["object"]) for f in lords["facts"]] == [("Lord Krebs", "Science and Technology Committee")]
    # what the inquiry recommended on a topic: PO PDF p.10, Recommendation 19 (restorative justice); "the inquiry"
    # is the Post Office report's own body, so the answer is that report's
    restorative = ask(client, "What did the inquiry recommend about restorative justice?")
    assert [(f["subject"], f["report"]) for f in restorative["facts"]] == [("Recommendation 19", PO)]


def test_the_witnesses_from_a_body_are_those_heard(client):
    """HL 179's Appendix 2 (PDF pp.74-78) lists its oral witnesses and those who only wrote, whose titled people
    the lists now give. A question for the witnesses from a body asks for those heard; one for "written
    evidence" takes in those who wrote."""
    ucl = ask(client, "Which witnesses came from University College London?")
    assert set(ucl["items"]) == {"Susan Michie", "Imran Rasul"}
    wrote = ask(client, "Who gave written evidence from University College London?")
    assert {"Susan Michie", "Imran Rasul", "Robert West"} <= set(wrote["items"])
