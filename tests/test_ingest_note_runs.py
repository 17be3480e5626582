"""Footnote runs and their markers at a page foot, on invented pages as text extractors write them: a run whose
markers are glued to a number's stop, a note whose wrapped line opens with its own number, and a decimal that is
no marker of a note whose marker was lost."""
from __future__ import annotations

from ingest.parse import parse_report


def _notes(report) -> dict[int, str]:
    return {n.number: n.text for n in report.notes if n.text}


def test_a_run_of_notes_whose_markers_follow_a_number_and_a_stop_is_found():
    """"accepted in 63.1 I infer", "£600,000.2": markers glued to a figure's stop, as the marker rule takes them."""
    text = ("Report on claims\n\f"
            "1. Offers in settlement had been made in 68 of those claims and accepted in 63.1 I infer\n"
            "that most were on account of the Fixed Sum Offer.\n\n"
            "2. By 30 January 2025, 58 claimants had accepted the Fixed Sum Offer of £600,000.2\n\n"
            "1 [SUBS0000075] at [82/217].\n2 Witness Statement [WITN09891000] at [6/10].\n\n1\n")
    report = parse_report(text, "claims.txt")
    assert _notes(report) == {1: "[SUBS0000075] at [82/217].", 2: "Witness Statement [WITN09891000] at [6/10]."}
    assert [p.notes for p in report.passages] == [[1], [2]]


def test_a_note_wrapped_onto_a_line_that_opens_with_its_own_number_is_whole():
    """"… published on" / "1 November 2015": the date goes on from the note's cut phrase; it opens no note."""
    text = ("Report on referrals\n\f"
            "Summary\n\n1. Councils told us that the number of referrals rose sharply in 2013, a\n"
            "rise that strained every service we visited.1 More text follows here.\n\n"
            "2. The Department said that it would review the guidance.2 The review\nwas welcomed by witnesses.\n\n"
            "1 HM Treasury, Spending Review and Autumn Statement, published on\n1 November 2015\n2 Q 45\n\n1\n")
    report = parse_report(text, "a.txt")
    assert _notes(report)[1] == "HM Treasury, Spending Review and Autumn Statement, published on 1 November 2015"
    assert _notes(report)[2] == "Q 45"


def test_a_decimal_is_no_marker_of_a_note_whose_marker_was_lost():
    """Note 3's marker is missing from the text: "rose by 12.3 per cent" above is a figure, not its marker."""
    text = ("Report on referrals\n\f"
            "Summary\n\n1. Councils told us that the number of referrals rose by 12.3 per cent in\n"
            "2013, a rise that strained every service we visited.1 More text follows here.\n"
            "2. The Department said that it would review the guidance.2 The review\nwas welcomed by witnesses.\n"
            "3. Witnesses said the guidance was not followed in practice. It was\nrarely read by staff at all.\n\n"
            "1 Department for Education, Referrals, 2014\n2 Q 45\n3 Written evidence from Barnardo's\n\n1\n")
    report = parse_report(text, "a.txt")
    assert sorted(m.number for m in report.markers) == [1, 2]
    assert [p.notes for p in report.passages if p.notes] == [[1], [2]]
