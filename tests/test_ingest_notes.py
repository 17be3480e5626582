"""End notes and the sources they name, from Appendix 4 of the bundled report."""
import pytest


def test_notes_with_lost_text_are_missing_not_borrowed(la_report):
    for n in list(range(6, 13)) + list(range(20, 30)):
        note = la_report.note(n)
        assert note.status == "missing" and note.text is None and note.sources == []


def test_note_15_source(la_report):
    src = la_report.note(15).source
    assert src.kind == "transcript" and src.person_name == "Mark Rowley"
    assert src.date == "2014-03-13" and src.meeting == "Safeguarding Working Group"
    assert src.organisation == "Metropolitan Police Service"
    assert "13-Mar-2014" in src.url and "Transcript" in src.url


def test_note_56_source(la_report):
    note = la_report.note(56)
    assert note.text.startswith("DCS Keith Niven, Safeguarding Working Group, 13 February 2014")
    # the page break cut the word "transcript"; the note says so rather than guessing
    assert note.status == "cut"
    src = note.source
    assert src.person_name == "Keith Niven" and src.date == "2014-02-13"
    assert src.meeting == "Safeguarding Working Group"


def test_a_note_cut_short_still_names_its_witness_and_date(la_report):
    # Note 51 lost "Consultant" and the meeting to a page break; the witness list names Malcolm Ward,
    # who gave evidence once, on 13 February 2014.
    ward = la_report.note(51).source
    assert (ward.kind, ward.person_name, ward.date, ward.kind_basis) == \
        ("oral evidence", "Malcolm Ward", "2014-02-13", "witness list")
    # Note 53 ends "13 February" with no year; the witness list dates that session.
    berelowitz = la_report.note(53).source
    assert (berelowitz.person_name, berelowitz.date) == ("Sue Berelowitz", "2014-02-13")


@pytest.mark.parametrize("number, kind, who", [
    (36, "transcript", "Helen Bailey"), (37, "written evidence", "Islington Safeguarding Children Board"),
    (113, "letter", "Marie Snelling"), (105, "press", None), (57, "publication", "Department of Education"),
    (86, "written evidence", "The Children’s Society"),
])
def test_source_kinds(la_report, number, kind, who):
    src = la_report.note(number).source
    assert src.kind == kind
    if who:
        assert who in (src.person_name, src.organisation)


def test_two_sources_in_one_note(la_report):
    kinds = [(s.kind, s.organisation) for s in la_report.note(103).sources]
    assert [k for k, _ in kinds] == ["written evidence", "written evidence"]
    assert kinds[0][1] == "AFRUCA" and "St Thomas" in kinds[1][1]


def test_stranded_fragments_are_reported_not_attached(la_report):
    fragments = [w for w in la_report.warnings if w.code == "stranded-note-fragment"]
    assert any("Chair of the Health and Wellbeing Board" in w.message for w in fragments)
    assert "Health and Wellbeing" not in la_report.note(5).text and la_report.note(5).status == "cut"


def test_urls_attach_only_where_the_match_is_clear(la_report):
    assert la_report.note(19).source.url.endswith("Commission-of-an-independent-review-into-rape-investigation/1400024447530/1257246741786")
    assert "hoganhowe-calls-for-shakeup-to-tackle-fgm" in la_report.note(105).source.url
    assert la_report.note(14).urls == ["http://www.londonscb.gov.uk/procedures/"]
    # the written-evidence pack of 13 February matches no single note: left unattached
    assert not any("Public%20reports%20pack" in (s.url or "") for n in la_report.notes for s in n.sources)


def test_the_note_keeps_its_own_words_where_the_witness_list_differs(la_report):
    # The witness list says Cheryl Coppell is Chief Executive of the London Borough of Havering;
    # notes 64, 69 and 73 say Haringey. Each keeps what it says.
    coppell = next(p for p in la_report.people if p.name == "Cheryl Coppell")
    assert coppell.organisation == "London Borough of Havering"
    for n in (64, 69, 73):
        assert la_report.note(n).source.organisation == "London Borough of Haringey"
        assert la_report.note(n).source.label == la_report.note(n).text  # labels are never cut short


def test_a_publication_is_not_a_speaker(la_report):
    """The newspaper or the publication's author is no speaker; a person its headline has speak is (note 105, "Met
    chief Sir Bernard Hogan-Howe calls for shake-up to tackle FGM": the Met Commissioner's words)."""
    for s in la_report.statements:
        src = la_report.note(s.note).source if s.note else None
        if src and src.kind in ("publication", "press"):
            assert s.note_speaker is None or s.note_speaker == src.person_name or (
                src.kind == "press" and s.note_speaker in src.label and s.note_speaker != src.organisation)
    assert {s.note_speaker for s in la_report.statements if s.note == 105} == {"Bernard Hogan-Howe"}


def test_a_note_citing_two_publications_gives_two_sources(la_report):
    # "For example: Lord Laming (2003) The Victoria Climbié Inquiry and Lord Laming (2009) The Protection …"
    sources = [(s.kind, s.person_name, s.date, s.title) for s in la_report.note(1).sources]
    assert sources == [("publication", "Lord Laming", "2003", "The Victoria Climbié Inquiry"),
                       ("publication", "Lord Laming", "2009", "The Protection of Children in England: A progress Report")]


@pytest.mark.parametrize("number, title, author", [
    (2, "Joint Area Review", "Ofsted"),  # "…, Haringey Children’s Services Authority Area" is not the title
    (57, "The Munro Review of Child Protection", "Department of Education"),
    (76, "If only someone had listened", "Office of the Children’s Commissioner"),
])
def test_cited_title_and_author(la_report, number, title, author):
    src = la_report.note(number).source
    assert (src.kind, src.title, src.organisation) == ("publication", title, author)


@pytest.mark.parametrize("number, title, authors", [
    (92, "A statistical study estimate the prevalence of female genital mutilation in England and Wales", "Dorkenoo et al"),
    (88, "Absent: An exploration of common police procedures for safeguarding practices in cases of missing children",
     "Shalev Green"),
])
def test_scholarly_authors_are_people_not_bodies(la_report, number, title, authors):
    src = la_report.note(number).source
    assert (src.title, src.person_name, src.organisation) == (title, authors, None)


@pytest.mark.parametrize("number, title, publisher", [
    (7, "Marine Microplastic Pollution", "Parliamentary Office of Science and Technology"),  # "…, POST Note 528, …"
    (8, "Microbeads and microplastics in cosmetic and personal care products", "House of Commons Library"),
    (28, "Sources, fate and effects of microplastics in the marine environment: a global assessment", "GESAMP"),
])
def test_house_of_commons_citations(hc_report, number, title, publisher):
    src = hc_report.note(number).source
    assert (src.kind, src.title, src.organisation, src.person_name) == ("publication", title, publisher, None)


def test_two_authors_of_one_work_are_one_source(la_report):
    sources = la_report.note(88).sources  # "Shalev Green, K and Pakes, F (2013) Absent: An exploration …"
    assert len(sources) == 1 and sources[0].title.startswith("Absent: An exploration of common police procedures")


@pytest.mark.parametrize("number", [3, 96, 114])
def test_no_title_where_author_and_title_run_together(la_report, number):
    # "Metropolitan Police The London Child Sexual Operating Protocol, February 2014": no year to split at
    assert la_report.note(number).source.kind == "publication" and la_report.note(number).source.title is None


@pytest.mark.parametrize("note, expected", [
    ("Food and Agriculture Organization (2016) The State of World Fisheries and Aquaculture and UNEP (2016) Marine "
     "plastic debris and microplastics",
     [("The State of World Fisheries and Aquaculture", "Food and Agriculture Organization", None),
      ("Marine plastic debris and microplastics", "UNEP", None)]),
    ("Home Office (2011) Ending gang and youth violence. London: TSO", [("Ending gang and youth violence", "Home Office", None)]),
    ("Richard Thompson et al. (2004) Lost at sea: where is all the plastic? Science 304",
     [("Lost at sea: where is all the plastic?", None, "Richard Thompson et al.")]),
    ("Professor Tamara Galloway (2015) Microplastics in the marine environment, Report to Defra",
     [("Microplastics in the marine environment", None, "Tamara Galloway")]),
])
def test_citation_forms_of_other_reports(note, expected):
    from ingest.sources import parse_sources
    assert [(s.title, s.organisation, s.person_name) for s in parse_sources(note, [])] == expected


@pytest.mark.parametrize("text, kinds, questions, codes", [
    ("Q 54.", ["oral evidence"], ["Q54"], []),
    ("QQ 2, 55, 58.", ["oral evidence"], ["Q2", "Q55", "Q58"], []),
    ("QQ 544–5.", ["oral evidence"], ["Q544–5"], []),
    ("BC 81, BC 103, Q 47.", ["oral evidence", "written evidence", "written evidence"], ["Q47"], ["BC 81", "BC 103"]),
    ("Q 78. Professor Michie noted however that the arrangement had ended.", ["oral evidence"], ["Q78"], []),
    ("[INQ00002032].", ["inquiry document"], [], ["INQ00002032"]),
    ("[POL00462746] and [POL00462747].", ["inquiry document", "inquiry document"], [], ["POL00462746", "POL00462747"]),
    ("HC 179 is the committee's report on microplastics.", [], [], []),
])
def test_references_are_sources(text, kinds, questions, codes):
    """House of Lords question numbers and evidence codes, and an inquiry's document references."""
    from ingest.sources import parse_sources

    sources = [s for s in parse_sources(text, []) if s.kind != "publication"]
    assert [s.kind for s in sources] == kinds
    assert [q for s in sources for q in s.questions] == questions
    assert [s.code for s in sources if s.code] == codes


def test_ibid_and_op_cit_repeat_the_source_they_point_to():
    from ingest.model import Note
    from ingest.sources import attach_sources

    class Report:  # just what attach_sources reads
        people, sections = [], []
        notes = [Note(1, "Lord Laming (2009) The Protection of Children in England: A Progress Report", "found"),
                 Note(2, "Ibid., p. 12.", "found"),
                 Note(3, "[INQ00002032].", "found"),
                 Note(4, "Ibid.", "found"),
                 Note(5, "Lord Laming, op. cit., p. 40.", "found")]

    attach_sources(Report, [], "")
    notes = Report.notes
    assert notes[1].sources[0].title == notes[0].sources[0].title and notes[1].sources[0].kind_basis == "ibid"
    assert notes[3].sources[0].code == "INQ00002032"
    assert notes[4].sources[0].title == notes[0].sources[0].title and notes[4].sources[0].kind_basis == "op. cit."


def test_inquiry_evidence_references_name_their_witnesses_and_days():
    """An inquiry cites transcripts and witness statements by reference number: each source names its
    witness (and a transcript its day), and the witness becomes a person of the report."""
    from ingest.parse import parse_report

    text = ("Report of the Inquiry\n\n1. Introduction\n\n1.1. The Minister gave evidence.1 The Director wrote twice.2"
            " The Minister said more.3\n\n"
            "\f1  Transcript, 06/11/24, Kevin Hollinrake MP [INQ00001203] at [3/1].\n"
            "2  Carl Creswell 1st [WITN11730100] at [2]; see also Carl Creswell 2nd [WITN11730200].\n"
            "3  Transcript, 13/07/2022, Submissions [INQ00001100] and [POL00448026].\n")
    report = parse_report(text, "inquiry.txt")
    sources = {n.number: n.sources for n in report.notes}
    assert [(s.kind, s.person_name, s.date, s.code) for s in sources[1]] == [
        ("transcript", "Kevin Hollinrake MP", "2024-11-06", "INQ00001203")]
    assert [(s.kind, s.person_name, s.code) for s in sources[2]] == [
        ("written evidence", "Carl Creswell", "WITN11730100"), ("written evidence", "Carl Creswell", "WITN11730200")]
    # "Submissions" is no one; the other document is only a document
    assert [(s.kind, s.person_name, s.date) for s in sources[3]] == [
        ("transcript", None, "2022-07-13"), ("inquiry document", None, None)]
    people = {p.name: p for p in report.people}
    assert set(people) == {"Kevin Hollinrake", "Carl Creswell"}
    assert [a.date for a in people["Kevin Hollinrake"].appearances] == ["2024-11-06"]
    assert sources[1][0].person == people["Kevin Hollinrake"].id
    assert {s.person for s in sources[2]} == {people["Carl Creswell"].id}
