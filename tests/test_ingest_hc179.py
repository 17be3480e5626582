"""The House of Commons HC 179 report: another house style, from its text and from its PDF."""
import pytest

WITNESS_DATES = {"Tamara Galloway": "2016-05-09", "Frank Kelly": "2016-05-09", "Laura Foster": "2016-05-24",
                 "John Chave": "2016-06-08", "Richard Thompson": "2016-06-08", "George Eustice": "2016-06-14",
                 "Patrick Masscheleyn": "2016-06-29"}


def test_title_publisher_and_date(hc_report):
    assert hc_report.title == "Environmental impact of microplastics"
    assert hc_report.publisher == "House of Commons Environmental Audit Committee"
    assert hc_report.date == "2016-08-24"


def test_running_headers_and_page_numbers_are_furniture(hc_report):
    # the title stands on the cover pages; from the contents page on it is a running header
    assert not any("Environmental impact of microplastics" == p.text for p in hc_report.passages if p.page >= 5)
    labels = {p.number: p.label for p in hc_report.pages if p.label}
    assert labels[9] == "5" and labels[35] == "31"


def test_chapters_and_sub_headings(hc_report):
    titles = [s.title for s in hc_report.sections]
    for t in ["Summary", "Introduction", "Microplastic Pollution", "Microbeads", "Microplastic prevention and solutions",
              "Conclusions and recommendations", "Witnesses", "Published written evidence", "Voluntary commitments",
              "Impact on human health", "Waste and water treatment solution"]:
        assert t in titles, t
    assert "Contents" not in titles


def test_footnotes_linked_to_markers(hc_report):
    assert [m.number for m in hc_report.markers] == list(range(1, 208))
    assert [n.number for n in hc_report.notes] == list(range(1, 208))
    assert hc_report.note(1).text == "Q21, Q87, Q263, Greenpeace UK (EIM0020)"
    # footnotes interrupt paragraphs at the page foot; the paragraph reads on without them
    chapters = {s.id for s in hc_report.sections if s.kind == "chapter" or s.parent and s.parent.endswith("-introduction")}
    assert not any("(EIM0020)" in p.text for p in hc_report.passages if p.section in chapters)
    para = next(p for p in hc_report.passages if "In addition, we received a range of written evidence" in p.text)
    assert "which is published on our website" in para.text


def test_footnote_sources(hc_report):
    oral, written = hc_report.note(1).sources
    assert oral.kind == "oral evidence" and oral.questions == ["Q21", "Q87", "Q263"] and oral.date == "2016-05-09"
    assert written.kind == "written evidence" and written.code == "EIM0020" and written.organisation == "Greenpeace UK"
    assert hc_report.note(206).source.questions == ["Q327"] and hc_report.note(206).source.date == "2016-06-14"


def test_fourteen_recommendations(hc_report):
    recs = hc_report.recommendations
    assert [r.number for r in recs] == list(range(1, 15))
    assert recs[0].paragraph_refs == ["13"] and recs[13].paragraph_refs == ["73"]
    assert [r.label for r in recs] == [str(n) for n in range(1, 15)]
    assert recs[9].text.startswith("We recommend that the Government introduce a legislative ban on the use of plastic microbeads")
    assert set(recs[13].addressee_names) == {"Government", "Environment Agency"}
    # PDF pp.33-35: 2, 6, 7, 9 and 13 are conclusions that ask no one to act; the rest ask the Government
    assert [r.label for r in recs if not r.addressee_names] == ["2", "6", "7", "9", "13"]
    assert all(r.addressee_names[0] == "Government" for r in recs if r.addressee_names)
    assert not [w for w in hc_report.warnings if w.code == "recommendation-addressee"]


def test_witnesses_with_session_dates(hc_report):
    witnesses = {p.name: p for p in hc_report.people if "witness" in p.groups}
    assert len(witnesses) == 16
    for name, date in WITNESS_DATES.items():
        assert [a.date for a in witnesses[name].appearances] == [date]
    assert witnesses["George Eustice"].organisation == "DEFRA"
    assert witnesses["Ian Malcomber"].organisation == "Unilever"


def test_members_and_written_evidence(hc_report):
    chair = next(p for p in hc_report.people if p.chair)
    assert chair.name == "Mary Creagh" and chair.party == "Labour"
    codes = {o.code: o.name for o in hc_report.organisations if o.code}
    assert codes["EIM0017"] == "5 Gyres Institute" and codes["EIM0046"] == "Anglian Water"


def test_pdf_gives_the_same_core(hc_pdf_report, hc_report):
    assert [m.number for m in hc_pdf_report.markers] == list(range(1, 208))
    assert [r.number for r in hc_pdf_report.recommendations] == list(range(1, 15))
    assert hc_pdf_report.note(1).text == hc_report.note(1).text
    titles = {s.title for s in hc_pdf_report.sections}
    assert {"Summary", "Introduction", "Microbeads", "Conclusions and recommendations", "Witnesses"} <= titles

    def chapter_subsections(report):
        by_id = {s.id: s for s in report.sections}
        return [s.title for s in report.sections if s.parent and by_id[s.parent].kind in ("chapter", "back")
                and by_id[s.parent].title in ("Microplastic Pollution", "Microbeads", "Microplastic prevention and solutions",
                                               "Conclusions and recommendations")]

    assert chapter_subsections(hc_pdf_report) == chapter_subsections(hc_report)
    assert len(chapter_subsections(hc_report)) == 16
    assert all(len(p.text) <= 1200 for p in hc_pdf_report.passages)
    pdf_witnesses = {p.name: [a.date for a in p.appearances] for p in hc_pdf_report.people if "witness" in p.groups}
    txt_witnesses = {p.name: [a.date for a in p.appearances] for p in hc_report.people if "witness" in p.groups}
    assert pdf_witnesses == txt_witnesses
    assert {o.code for o in hc_pdf_report.organisations} == {o.code for o in hc_report.organisations}


def test_pages_from_running_headers_when_there_are_no_form_feeds():
    from ingest.parse import parse_report

    from conftest import HC_TXT, corpus_file

    report = parse_report(corpus_file(HC_TXT).read_text(encoding="utf-8").replace("\f", ""), "hc179-no-form-feeds.txt")
    assert len(report.pages) > 30
    labelled = [p for p in report.pages if p.label and p.label.isdigit()]
    assert sum(1 for p in labelled if int(p.label) == p.number) > 25  # printed numbers line up with the pages
    assert [m.number for m in report.markers] == list(range(1, 208))
    assert len(report.recommendations) == 14


def test_names_with_acronyms_and_offices(hc_report):
    eia = next(o for o in hc_report.organisations if o.code == "EIM0022")
    assert eia.name == "Environmental Investigation Agency" and eia.aliases == ["EIA"]
    assert all(o.name for o in hc_report.organisations)
    minister = [s for s in hc_report.statements if s.speaker_name == "George Eustice"]
    assert minister and all(s.speaker_kind == "person" for s in minister)
    assert {s.speaker_kind for s in hc_report.statements if "NGOs" in s.speaker_name} == {"group"}


def test_written_evidence_names_lose_their_list_numbers(hc_report, hc_pdf_report):
    """The printed list is numbered ("25 Marine Conservation Society"); "5 Gyres Institute" is a name."""
    names = [o.name for o in hc_report.organisations if "written evidence" in o.roles]
    assert names == [o.name for o in hc_pdf_report.organisations if "written evidence" in o.roles]
    assert "5 Gyres Institute" in names and "Marine Conservation Society" in names
    assert [n for n in names if n[0].isdigit()] == ["5 Gyres Institute"]
    # "26 Mr Shay Fennelly (EIM0004)": a person who wrote, not a body
    written = {p.name for p in hc_report.people if "written evidence" in p.groups}
    assert written == {p.name for p in hc_pdf_report.people if "written evidence" in p.groups} == {
        "Dannielle Green", "Michael Shaver", "Natalie Welden", "Shay Fennelly", "Richard Thompson"}
    assert not [n for n in names if "Fennelly" in n]


@pytest.mark.parametrize("entries, names", [
    (["1 Anglian Water", "2 Fidra", "3 Fidra", "4 Novamont"], ["Anglian Water", "Fidra", "Fidra", "Novamont"]),
    (["1 5 Gyres Institute", "2 Anglian Water"], ["5 Gyres Institute", "Anglian Water"]),
    (["1 in 4 Campaign", "Anglian Water", "Fidra"], ["1 in 4 Campaign", "Anglian Water", "Fidra"]),  # not numbered
    (["Anglian Water", "Fidra", "Fidra", "4 Novamont"], ["Anglian Water", "Fidra", "Fidra", "Novamont"]),  # repeats count
])
def test_a_numbered_evidence_list(entries, names):
    from ingest.people.lists import _NumberedList
    listed = _NumberedList()
    got = [listed.entry(e, i) for i, e in enumerate(entries)]
    for start, name in listed.late_cuts():
        got[start] = name
    assert got == names


def test_a_quote_set_apart_below_its_lead_in_is_the_speakers(hc_report):
    """Paragraph 61: "Dr Chris Flower, CTPA, said:" ends a paragraph and his words stand below it, a paragraph of their
    own; they are his statement, with the note that closes them, up to the quote mark that closes them (paragraph 62,
    which the text runs on into, is the committee's)."""
    by = {s.speaker_name: s for s in hc_report.statements if s.passage.endswith(("p0175", "p0177", "p0179"))}
    flower = by["Chris Flower"]
    assert flower.verb == "said" and flower.note == 176
    assert flower.content.startswith("[That] would be effectively to post an advert") and "Consumers" not in flower.content
    # a quote inside the set-apart quote does not end it
    assert by["Ian Malcomber"].verb == "added" and by["Ian Malcomber"].content.endswith("we have succeeded in that.")
    assert by["Patrick Masscheleyn"].content.endswith("I do not see a need to label.")


def test_as_above_repeats_the_source_of_the_note_before(hc_report):
    """HC 179 writes "Ibid." as "As above" (23 notes: note 6 on PDF p.8, notes 101 and 102 on p.21 after note 100,
    "Plymouth University (EIM0011)"): each carries the source of the note before it, so the passage's citation
    names it (what /api/ask shows), not a bare "As above" with no source."""
    from qa.cite import citations

    repeats = [n for n in hc_report.notes if n.text.strip().lower().startswith("as above")]
    assert len(repeats) == 23
    for n in repeats:
        before = hc_report.note(n.number - 1)
        assert n.sources and n.sources[0].kind_basis == "ibid", n
        assert [(s.kind, s.organisation, s.code) for s in n.sources] == [(s.kind, s.organisation, s.code)
                                                                           for s in before.sources], n
    shown = {c["note"]: c["source"] for c in citations(hc_report, [100, 101, 102])}
    assert shown[101]["organisation"] == shown[102]["organisation"] == "Plymouth University"
    assert shown[101]["kind"] == "written evidence"
