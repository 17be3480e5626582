"""The corpus PDFs as text from the three common extractors, through the text ingest.

People often have a report only as text some tool extracted: pdftotext (Debian's poppler-utils, with
and without ``-layout``), pypdf or pdfminer.six. Each writes footnotes its own way: at the page foot
after their numbers (``9 5 Gyres Institute``), with the number on a line of its own before its text,
or as a column of numbers with the texts after it. Each case here must find every footnote's text
(checked against the same note read from the PDF by its layout, which test_ingest_corpus checks
against the printed page), link the notes from their passages, and number the recommendations as
the PDF reading does.
"""
from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys

import pytest

from ingest.store import ingest_file

from conftest import CORPUS

REPORTS = {
    "hc179-environmental-impact-of-microplastics-2016": 207,
    "hl179-behaviour-change-2011": 353,
    "post-office-horizon-inquiry-vol1-2025": 345,
}
EXTRACTORS = ["pdftotext", "pdftotext-layout", "pypdf", "pdfminer"]
# Measured shortfalls, kept visible: the test fails (strict) the day one of them is fixed.
SHORTFALLS: dict[tuple[str, str], str] = {}
# Footnotes found with their text and linked from their passages, as measured on 2026-12-01 (session 22): the 95%
# bar below is the issue's, these keep what the ingest does now, so that losing one note fails (a review found two
# of the inquiry's notes, 169 and 170, lost from every text reader while the 95% bar still held).
MEASURED = {
    ("hc179-environmental-impact-of-microplastics-2016", "pdftotext"): 207,
    ("hc179-environmental-impact-of-microplastics-2016", "pdftotext-layout"): 207,
    ("hc179-environmental-impact-of-microplastics-2016", "pypdf"): 207,
    ("hc179-environmental-impact-of-microplastics-2016", "pdfminer"): 207,
    ("hl179-behaviour-change-2011", "pdftotext"): 352,
    ("hl179-behaviour-change-2011", "pdftotext-layout"): 353,
    ("hl179-behaviour-change-2011", "pypdf"): 351,
    ("hl179-behaviour-change-2011", "pdfminer"): 351,
    ("post-office-horizon-inquiry-vol1-2025", "pdftotext"): 343,
    ("post-office-horizon-inquiry-vol1-2025", "pdftotext-layout"): 344,
    ("post-office-horizon-inquiry-vol1-2025", "pypdf"): 344,
    ("post-office-horizon-inquiry-vol1-2025", "pdfminer"): 339,
}

pytestmark = [pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the report corpus is not at {CORPUS}")]


def extract(pdf, extractor: str, out) -> None:
    """Write the PDF's text as the extractor gives it, pages split by form feeds."""
    if extractor.startswith("pdftotext"):
        if not shutil.which("pdftotext"):
            pytest.skip("pdftotext (Debian poppler-utils) is not installed; .ci/run installs it")
        subprocess.run(["pdftotext", *(["-layout"] if extractor.endswith("layout") else []), str(pdf), str(out)],
                       check=True, timeout=300)
    elif extractor == "pypdf":
        import pypdf

        out.write_text("\f".join(page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages), encoding="utf-8")
    else:
        subprocess.run([sys.executable, "-c", "import sys; from pdfminer.high_level import extract_text; "
                        "sys.stdout.write(extract_text(sys.argv[1]))", str(pdf)],
                       check=True, timeout=600, stdout=out.open("w", encoding="utf-8"))


@pytest.fixture(scope="module")
def from_pdf() -> dict:
    """Each report read from its PDF by layout: the reference for note texts and recommendation labels."""
    return {name: ingest_file(CORPUS / f"{name}.pdf") for name in REPORTS}


def _fold(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_footnotes_and_recommendations_from_extracted_text(request, tmp_path, from_pdf, name, extractor):
    if (name, extractor) in SHORTFALLS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=SHORTFALLS[name, extractor]))
    text_file = tmp_path / f"{name}.txt"
    extract(CORPUS / f"{name}.pdf", extractor, text_file)
    report = ingest_file(text_file)
    total = REPORTS[name]
    reference = {n.number: _fold(n.text) for n in from_pdf[name].notes}
    # found with their text: the same text the PDF's page foot gives, give or take the odd character
    right = [n.number for n in report.notes if n.text and n.number in reference
             and difflib.SequenceMatcher(None, reference[n.number], _fold(n.text)).ratio() >= 0.9]
    assert len(right) >= 0.95 * total, f"{len(right)} of {total} footnotes found with their text"
    linked = {n for p in report.passages for n in p.notes} & set(right)
    assert len(linked) >= 0.95 * total, f"{len(linked)} of {total} footnotes linked from their passages"
    assert len(linked) >= MEASURED[name, extractor], f"{len(linked)} linked, {MEASURED[name, extractor]} measured"
    # and every note a passage cites has a marker on that passage: what a citation stands on
    marked = {(m.passage, m.number) for m in report.markers}
    assert all((p.id, n) in marked for p in report.passages for n in p.notes)
    assert [r.label for r in report.recommendations] == [r.label for r in from_pdf[name].recommendations]
    # a page number or a note number the extraction left alone on its line is no passage
    assert not [p.text for p in report.passages if re.fullmatch(r"\(?\d+[.)]?", p.text.strip())]
    assert report.title == from_pdf[name].title  # the title page's, from the text as from the PDF


def test_note_numbers_set_in_a_column_apart_from_their_texts(tmp_path):
    """The inquiry's PDF page 104 sets a quotation (the Committee's ten-point plan) beside the column of
    footnote numbers 249–253; pdftotext writes the five numbers alone, then the quotation, then the five texts
    at the page foot with no numbers. The n-th number takes the n-th text, and each marker its note."""
    text_file = tmp_path / "post-office-horizon-inquiry-vol1-2025.txt"
    extract(CORPUS / "post-office-horizon-inquiry-vol1-2025.pdf", "pdftotext", text_file)
    report = ingest_file(text_file)
    notes = {n.number: n for n in report.notes}
    assert [(k, notes[k].text, notes[k].page) for k in range(249, 254)] == [
        (249, "[RLIT0000604].", 104), (250, "[RLIT0000442].", 104), (251, "[RLIT0000582].", 104),
        (252, "Ibid at [4/5].", 104), (253, "Ibid at [4].", 104)]
    cited = {n: p for p in report.passages for n in p.notes}
    assert "Sir Gary." in cited[249].text and "Mr Recaldin." in cited[250].text
    assert "the worst of the redress schemes" in cited[252].text and "deadlines are not met" in cited[253].text
    assert not [p for p in report.passages if p.text.strip() in {"249", "250", "251", "252", "253"}]
