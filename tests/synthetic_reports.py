"""Small reports in three house styles, printed to PDF by Chromium: reports the ingest was never tuned on.

Each page is laid out as a printed report lays it out: a running header, the body in 12 pt, note
markers as superscripts, the page's footnotes in 8 pt at its foot, a page number. The texts are
made up; the shapes (headings, numbering, footnote forms, recommendation forms) are those of House
of Commons and House of Lords committee reports and of a public inquiry. ``EXPECTED`` says what a
reader finds on the printed pages.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
CSS = """
@page { size: A4; margin: 0 } body { margin: 0 }
.page { width: 210mm; height: 297mm; position: relative; page-break-after: always; overflow: hidden;
        font-family: serif }
.head { position: absolute; top: 10mm; left: 25mm; right: 25mm; font-size: 9pt }
.body { position: absolute; top: 22mm; left: 25mm; right: 25mm; font-size: 12pt; line-height: 1.3 }
.body p { margin: 0 0 3mm 0 } h1 { font-size: 18pt; margin: 0 0 4mm 0 } h2 { font-size: 14pt; margin: 0 0 3mm 0 }
.title { font-size: 32pt; font-weight: bold; margin: 30mm 0 10mm 0 } .big { font-size: 20pt }
.notes { position: absolute; bottom: 18mm; left: 25mm; right: 25mm; font-size: 8pt; border-top: 0.5pt solid #000;
         padding-top: 2mm } .notes p { margin: 0 0 1mm 0 }
.foot { position: absolute; bottom: 8mm; left: 0; right: 0; text-align: center; font-size: 9pt }
"""
FILLER = ("The evidence we received on this point was extensive, and it came from public bodies, from "
          "charities and from many individuals who wrote to us about their own experience.")


def _inline(text: str) -> str:
    """Body text with ``[n]`` written as a superscript note marker."""
    return re.sub(r"\[(\d+)\]", r"<sup>\1</sup>", html.escape(text, quote=False))


def page_html(number: int, header: str, blocks: list[tuple[str, str]], notes: list[tuple[int, str]]) -> str:
    """One printed page: blocks are (tag, text) with tag h1, h2, p, title or big."""
    body = "".join(f'<p class="{tag}">{_inline(t)}</p>' if tag in ("title", "big") else f"<{tag}>{_inline(t)}</{tag}>"
                   for tag, t in blocks)
    foot = "".join(f"<p>{n}&nbsp;&nbsp;{html.escape(t)}</p>" for n, t in notes)
    return (f'<div class="page"><div class="head">{html.escape(header)}</div><div class="body">{body}</div>'
            + (f'<div class="notes">{foot}</div>' if notes else "") + f'<div class="foot">{number}</div></div>')


def write_pdf(pages: list[tuple[list, list]], header: str, out: Path) -> Path:
    """Print the pages to a PDF with Chromium (the browser the browser tests use)."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise FileNotFoundError("chromium is not installed (.ci/run installs it)")
    doc = "".join(page_html(i + 1, header if i else "", blocks, notes) for i, (blocks, notes) in enumerate(pages))
    src = out.with_suffix(".html")
    src.write_text(f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>{doc}</body></html>",
                   encoding="utf-8")
    subprocess.run([chromium, *CHROMIUM_ARGS, f"--print-to-pdf={out}", str(src)], check=True, timeout=120,
                   capture_output=True)
    return out


def commons() -> list[tuple[list, list]]:
    """House of Commons: paragraphs numbered through, notes numbered through, a summary of conclusions
    and recommendations whose paragraphs end "(Paragraph N)", a witness list."""
    return [
        ([("big", "House of Commons"), ("big", "Transport Committee"), ("title", "Rural bus services"),
          ("big", "Fifth Report of Session 2019–21")], []),
        ([("h1", "1 Introduction"),
          ("p", "1. Rural bus services have declined by a quarter in ten years.[1] Councils told us that "
                "they could no longer fund routes that carry few passengers.[2] " + FILLER),
          ("p", "2. The Department for Transport said that its new funding would reverse the decline.[3] "
                "Operators were less sure.[4] " + FILLER),
          ("h1", "2 Funding"),
          ("p", "3. We heard that funding is awarded for one year at a time, which makes planning "
                "impossible.[5] " + FILLER),
          ("p", "4. The Government should give councils funding settlements of at least five years for bus "
                "services.[6] " + FILLER)],
         [(1, "Department for Transport, Annual bus statistics: England 2019/20, October 2020, table 3"),
          (2, "Q 23 [Councillor Jane Hill]"), (3, "Department for Transport (RBS0012)"), (4, "Ibid., para 4"),
          (5, "Qq 45–47"), (6, "Campaign for Better Transport (RBS0031)")]),
        ([("p", "5. Demand-responsive services have been tried in many counties with mixed results.[7] "
                + FILLER + " " + FILLER),
          ("p", "6. We are not persuaded that such services can replace fixed routes.[8] " + FILLER),
          ("h1", "Conclusions and recommendations"),
          ("p", "1. Rural bus services have declined sharply, and councils cannot sustain them from their "
                "own budgets. (Paragraph 1)"),
          ("p", "2. The Government should give councils funding settlements of at least five years for "
                "bus services. (Paragraph 4)"),
          ("p", "3. The Department for Transport should publish, by March 2022, an evaluation of every "
                "demand-responsive service it has funded. (Paragraph 6)")],
         [(7, "Ibid."), (8, "Rural Services Network (RBS0044), para 12")]),
        ([("h1", "Witnesses"),
          ("p", "The following witnesses gave evidence."),
          ("p", "Tuesday 10 March 2020"),
          ("p", "Councillor Jane Hill, Chair, Rural Transport Forum Q1–30"),
          ("p", "Tuesday 17 March 2020"),
          ("p", "Baroness Vere of Norbiton, Minister, Department for Transport Q31–60")], []),
    ]


def lords() -> list[tuple[list, list]]:
    """House of Lords: chapters with paragraphs 1.1 …, footnotes numbered again from 1 in each chapter,
    "op. cit.", and conclusions numbered by chapter, some of which recommend."""
    return [
        ([("big", "HOUSE OF LORDS"), ("big", "Select Committee on Science and Technology"),
          ("title", "Soil Health"), ("big", "3rd Report of Session 2022–23")], []),
        ([("h1", "Chapter 1: Introduction"),
          ("p", "1.1 Soil underpins food production and stores more carbon than the atmosphere.[1] "
                "Yet it has been neglected by policy.[2] " + FILLER),
          ("p", "1.2 We took evidence from scientists, farmers and officials.[3] " + FILLER)],
         [(1, "Smith, J., The State of Soils, Soil Association, 2021, p 4"),
          (2, "Written evidence from the Royal Society (SOI0012)"), (3, "See Appendix 2")]),
        ([("h1", "Chapter 2: Monitoring"),
          ("p", "2.1 There is no national monitoring of soil health in England.[1] " + FILLER),
          ("p", "2.2 The Environment Agency told us that a scheme had been designed but never funded.[2] "
                + FILLER)],
         [(1, "Department for Environment, Food and Rural Affairs, Soil Health Action Plan, 2022"),
          (2, "Q 12 (Sir James Bevan)")]),
        ([("p", "2.3 Monitoring would cost little beside the value of the soil it protects.[3] " + FILLER),
          ("p", "2.4 The same point was made by the farmers we met.[4] " + FILLER),
          ("h1", "Chapter 3: Conclusions and recommendations"),
          ("p", "3.1 Soil is neglected by policy in comparison with air and water. (paragraph 1.1)"),
          ("p", "3.2 We recommend that the Government fund a national soil monitoring scheme by 2025. "
                "(paragraph 2.2)"),
          ("p", "3.3 The Environment Agency should publish the results each year. (paragraph 2.3)"),
          ("p", "3.4 The cost of monitoring is small. (paragraph 2.3)")],
         [(3, "Smith, op. cit., p 9"), (4, "Ibid.")]),
    ]


def lords_shared_page() -> list[tuple[list, list]]:
    """House of Lords, notes numbered again from 1 in each chapter, where chapter 2 opens on the page that
    closes chapter 1: that page's foot holds chapter 1's notes 3 and 4, then chapter 2's 1 and 2."""
    return [
        ([("big", "HOUSE OF LORDS"), ("big", "Select Committee on the Rural Economy"),
          ("title", "Hedgerows"), ("big", "2nd Report of Session 2022–23")], []),
        ([("h1", "Chapter 1: Introduction"),
          ("p", "1.1 Hedgerows shelter wildlife and mark the oldest field boundaries.[1] " + FILLER),
          ("p", "1.2 Half of them have been lost since 1950.[2] " + FILLER)],
         [(1, "Natural England, Hedgerow Survey, 2019"), (2, "Written evidence from the Tree Council (HED0004)")]),
        ([("p", "1.3 Farmers told us that grants for planting are too small.[3] " + FILLER),
          ("p", "1.4 Councils seldom enforce the Hedgerows Regulations.[4]"),
          ("h1", "Chapter 2: Planting"),
          ("p", "2.1 The Government has promised 45,000 miles of new hedgerow.[1] " + FILLER),
          ("p", "2.2 Nurseries cannot grow the saplings fast enough.[2]")],
         [(3, "Q 14 (Ms Ann Field)"), (4, "Q 22 (Mr Tom Lane)"),
          (1, "Department for Environment, Food and Rural Affairs, Environmental Improvement Plan, 2023"),
          (2, "Written evidence from the Horticultural Trades Association (HED0011)")]),
        ([("p", "2.3 New hedges need ten years of care before they thrive.[3] " + FILLER)],
         [(3, "Q 40 (Dr Mary Oak)")]),
    ]


def inquiry() -> list[tuple[list, list]]:
    """A public inquiry: "Recommendation N" headings with their text, notes citing inquiry documents."""
    return [
        ([("title", "The Riverside Hospital Inquiry"), ("big", "Report of the Independent Inquiry"),
          ("big", "Volume 1")], []),
        ([("h1", "1. Introduction"),
          ("p", "1.1 The Inquiry was set up after the deaths of three patients in 2019.[1] It heard "
                "evidence over forty days.[2] " + FILLER),
          ("p", "1.2 The Trust accepted that its staffing had been unsafe.[3] " + FILLER),
          ("h1", "2. Recommendations"),
          ("h2", "Recommendation 1"),
          ("p", "The Trust shall publish its ward staffing levels every month."),
          ("h2", "Recommendation 2"),
          ("p", "NHS England should review the Trust's board within six months of this report."),
          ("h2", "Recommendation 3"),
          ("p", "The Department of Health and Social Care should set a minimum staffing ratio for "
                "acute wards.")],
         [(1, "Terms of Reference [INQ00000001]"), (2, "Transcript, 04/11/2022, Dr Amal Shah [INQ00001201]"),
          (3, "Dr Amal Shah 1st [WITN01230100] at para 14")]),
    ]


EXPECTED = {
    # name: (recommendation labels as printed, footnotes printed)
    "commons": (["1", "2", "3"], 8),
    "lords": (["3.2", "3.3"], 7),
    "inquiry": (["1", "2", "3"], 3),
}
STYLES = {"commons": commons, "lords": lords, "inquiry": inquiry}
