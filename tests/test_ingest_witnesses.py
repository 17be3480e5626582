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
