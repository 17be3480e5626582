"""Small reports in the house styles of committees and inquiries, printed to PDF by Chromium: reports the ingest
was never tuned on.

Each page is laid out as a printed report lays it out: a running header, the body in 12 pt, note
markers as superscripts, the page's footnotes in 8 pt at its foot (or, London Assembly and some inquiries, end
notes under a heading of their own at the back or at each chapter's end), a page number. The texts are made up;
the shapes (headings, numbering, note forms, recommendation forms, lists of members and witnesses) are those of
House of Commons, House of Lords, Senedd and London Assembly committee reports and of public inquiries.
``EXPECTED`` says what a reader finds on the printed pages.
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
.body b { display: block; font-weight: bold; margin: 0 0 3mm 0 } h3 { font-size: 12pt; font-style: italic; margin: 0 0 2mm 0 }
.box { border: 0.75pt solid #000; padding: 2mm 3mm; margin: 0 0 3mm 0; font-size: 10pt }
.row { display: flex; justify-content: space-between; align-items: flex-end; margin: 0 0 2mm 0 } .row span:last-child { margin-left: 8mm; white-space: nowrap }
.item { margin: 0 0 2mm 8mm } .cells { display: flex; margin: 0 0 2mm 0 } .cells span:first-child { flex: 0 0 40mm }
.cols { column-count: 2; column-gap: 8mm; text-align: justify } .cols p { margin: 0 0 2.5mm 0 }
.recbox { border: 0.75pt solid #000; background: #e8eef7; padding: 2mm 3mm; margin: 0 0 3mm 0 }
.recbox b { margin: 0 0 1mm 0 } .recbox p { margin: 0 }
.bullet { margin: 0 0 1.5mm 0; padding-left: 6mm; text-indent: -5mm }
.endnote { font-size: 10pt; margin: 0 0 1.5mm 6mm; text-indent: -6mm } .endnote span { display: inline-block; width: 6mm; text-indent: 0 }
"""
FILLER = ("The evidence we received on this point was extensive, and it came from public bodies, from "
          "charities and from many individuals who wrote to us about their own experience.")


WITNESS_LEAD = ("The following witnesses gave evidence. Transcripts can be viewed on the inquiry publications page "
                "of the Committee’s website.")
SUB_LEAD = "Report, together with formal minutes relating to the report"  # a Commons report's subtitle


def cover(house: str, committee: str, title: str, session: str, *more: tuple[str, str]) -> list[tuple[str, str]]:
    """A committee report's title page: the House, the committee, the title and the session, then any more lines."""
    return [("big", house), ("big", committee), ("title", title), ("big", session), *more]


def formal_minutes(date: str, chair: str, *members: str) -> list[tuple[str, str]]:
    """A Commons report's formal minutes: the meeting's date, who was present, the chair first."""
    return [("h1", "Formal minutes"), ("p", date), ("p", "Members present:"), ("p", f"{chair}, in the Chair"),
            *(("p", m) for m in members)]


def _inline(text: str) -> str:
    """Body text with ``[n]`` written as a superscript note marker."""
    return re.sub(r"\[(\d+)\]", r"<sup>\1</sup>", html.escape(text, quote=False))


def _block_html(tag: str, text: str) -> str:
    """A block: h1, h2, h3 (italic), p, b (a bold paragraph), title or big (title page type), box (a bordered
    box quote), item (an indented sub-part), row ("left | right": an entry and its question numbers at the right
    margin, level with the entry's last line, as Commons and Lords witness lists print them), cells ("left | right": a
    table's row, its first column 40 mm wide), recbox ("Recommendation N | text": a boxed recommendation), columns ("para || para": two columns), bullet
    (a bulleted entry) or endnote ("N | text": a note set in the body's flow, 10 pt, at the back of a report)."""
    if tag in ("title", "big", "box", "item"):
        return f'<p class="{tag}">{_inline(text)}</p>'
    if tag == "columns":  # "para || para || …": paragraphs set in two columns, as some reports set their text
        return '<div class="cols">' + "".join(f"<p>{_inline(t)}</p>" for t in text.split(" || ")) + "</div>"
    if tag == "recbox":  # "Recommendation 1 | text": a heading in bold over its text, in a shaded box
        head, body = text.split(" | ")
        return f'<div class="recbox"><b>{_inline(head)}</b><p>{_inline(body)}</p></div>'
    if tag == "bullet":  # a bulleted list entry, its lines hanging after the bullet
        return f'<p class="bullet">•&nbsp;&nbsp;{_inline(text)}</p>'
    if tag == "endnote":  # "N | text": a note in the body's flow (end notes), its number hanging in the margin
        number, body = text.split(" | ")
        return f'<p class="endnote"><span>{html.escape(number)}</span>{_inline(body)}</p>'
    if tag in ("row", "cells"):
        left, right = text.split(" | ")
        return f'<div class="{tag}"><span>{_inline(left)}</span><span>{_inline(right)}</span></div>'
    return f"<{tag}>{_inline(text)}</{tag}>"


def page_html(number: int, header: str, blocks: list[tuple[str, str]], notes: list[tuple[int, str]]) -> str:
    """One printed page: blocks are (tag, text), as ``_block_html`` lays them out."""
    body = "".join(_block_html(tag, t) for tag, t in blocks)
    # a note numbered None is the run-on of the previous page's last note, set above the page's own notes
    foot = "".join(f"<p>{html.escape(t)}</p>" if n is None else f"<p>{n}&nbsp;&nbsp;{html.escape(t)}</p>"
                   for n, t in notes)
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
        (cover("House of Commons", "Transport Committee", "Rural bus services", "Fifth Report of Session 2019–21"), []),
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
        (cover("HOUSE OF LORDS", "Select Committee on Science and Technology", "Soil Health",
               "3rd Report of Session 2022–23"), []),
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
        (cover("HOUSE OF LORDS", "Select Committee on the Rural Economy", "Hedgerows", "2nd Report of Session 2022–23"),
         []),
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


def lords_three_chapters_page() -> list[tuple[list, list]]:
    """Notes numbered again from 1 in each chapter, where two chapters open on one page: its foot holds chapter 1's
    note 3, chapter 2's notes 1 and 2, then chapter 3's note 1 (a short chapter 2, each paragraph closed by its
    marker)."""
    return [
        (cover("HOUSE OF LORDS", "Select Committee on the Rural Economy", "Field Margins",
               "3rd Report of Session 2022–23"), []),
        ([("h1", "Chapter 1: Introduction"),
          ("p", "1.1 Field margins shelter pollinators and slow the run-off from fields.[1] " + FILLER),
          ("p", "1.2 A third of them are ploughed each year.[2] " + FILLER)],
         [(1, "Natural England, Field Margin Survey, 2019"), (2, "Written evidence from Buglife (FMA0004)")]),
        ([("p", "1.3 Farmers told us that the payments are too small.[3]"),
          ("h1", "Chapter 2: Payments"),
          ("p", "2.1 The Government has promised a new payment for margins.[1]"),
          ("p", "2.2 Few farmers have applied for it.[2]"),
          ("h1", "Chapter 3: Cutting"),
          ("p", "3.1 Margins cut in summer lose their flowers.[1]")],
         [(3, "Q 14 (Ms Ann Field)"), (1, "Department for Environment, Food and Rural Affairs, Payment Guide, 2023"),
          (2, "Q 22 (Mr Tom Lane)"), (1, "Q 40 (Dr Mary Oak)")]),
        ([("p", "3.2 Flailing in late winter harms nesting birds.[2] " + FILLER)],
         [(2, "Written evidence from the RSPB (FMA0009)")]),
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
                "acute wards."),
          # who is asked to act is who the clause's verb follows: "government" here only qualifies "funding"
          ("h2", "Recommendation 4"),
          ("p", "We recommend that government funding for acute wards is increased to meet that ratio.")],
         [(1, "Terms of Reference [INQ00000001]"), (2, "Transcript, 04/11/2022, Dr Amal Shah [INQ00001201]"),
          (3, "Dr Amal Shah 1st [WITN01230100] at para 14")]),
    ]


def public_accounts() -> list[tuple[list, list]]:
    """The Commons Committee of Public Accounts: conclusions and recommendations before the chapters, each
    numbered conclusion followed by its "Recommendation:" paragraph (the Department should … within six months),
    sub-parts as bullets, "C&AG's Report" and "Qq" notes, witnesses several to a session, a "Fifty-Second Report"."""
    return [
        (cover("House of Commons", "Committee of Public Accounts", "Support for households with the cost of living",
               "Fifty-Second Report of Session 2022–23", ("p", SUB_LEAD),
               ("p", "Ordered by the House of Commons to be printed 12 June 2023"),
               ("p", "HC 1234"), ("p", "Published on 21 June 2023 by authority of the House of Commons")), []),
        ([("h1", "Summary"),
          ("p", "In 2022 the Government spent £37 billion on support for households facing higher energy and "
                "food prices. " + FILLER),
          ("h1", "Introduction"),
          ("p", "The Department for Work & Pensions and HM Revenue & Customs paid most of the support through "
                "the benefits and tax credits systems. " + FILLER),
          ("h1", "Conclusions and recommendations"),
          ("p", "1. The Department does not know whether its support reached the households that needed it "
                "most. It has not collected the data it would need to tell."),
          ("p", "Recommendation: The Department should, within six months, write to the Committee setting "
                "out how it will measure whether future support reaches those most in need."),
          ("p", "2. HM Treasury has not set out how future support will be targeted. Without that, "
                "departments will again design schemes in haste."),
          ("p", "Recommendation: HM Treasury should publish, by March 2024, the principles it will apply "
                "when it designs any future scheme of support.")], []),
        ([("p", "3. The Cabinet Office has not learned from the fraud that schemes paid in haste attracted "
                "during the pandemic."),
          ("p", "Recommendation: The Cabinet Office should publish, by the end of 2023, guidance for "
                "departments on controlling fraud in emergency schemes."),
          ("p", "4. Households on prepayment meters paid more for their energy than others and received "
                "their support later."),
          ("p", "Recommendation: The Department for Work & Pensions and HM Revenue & Customs should, "
                "within three months:"),
          ("item", "• set out how many households on prepayment meters did not redeem their vouchers;"),
          ("item", "• explain what they did to reach those households; and"),
          ("item", "• report what they will do differently in any future scheme.")], []),
        ([("h1", "1 Targeting support"),
          ("p", "1. On the basis of a report by the Comptroller and Auditor General, we took evidence from "
                "the Department for Work & Pensions and HM Revenue & Customs on support for households with "
                "the cost of living.[1] " + FILLER),
          ("p", "2. The Department paid £650 to each household on means-tested benefits.[2] It told us that "
                "speed mattered more than precision.[3] " + FILLER),
          ("p", "3. HM Treasury agreed that the schemes were designed quickly.[4] " + FILLER),
          ("h1", "2 Fraud and error"),
          ("p", "4. The Cabinet Office estimates that fraud in emergency schemes cost £2 billion.[5] " + FILLER)],
         [(1, "C&AG's Report, Cost of living support, Session 2022–23, HC 1300, 3 March 2023"),
          (2, "C&AG's Report, paras 2.4–2.6"), (3, "Qq 12–15"), (4, "Q 45"),
          (5, "Public Sector Fraud Authority, Fraud landscape report, 2023")]),
        ([("p", "5. Vouchers for prepayment meters went unredeemed in one case in five.[6] " + FILLER),
          *formal_minutes("Monday 12 June 2023", "Dame Meg Hillier", "Gareth Bacon", "Sir Geoffrey Clifton-Brown"),
          ("h1", "Witnesses"), ("p", WITNESS_LEAD),
          ("p", "Monday 20 March 2023"),
          ("row", "Peter Schofield, Permanent Secretary, Department for Work & Pensions; Jim Harra, First "
                  "Permanent Secretary and Chief Executive, HM Revenue & Customs | Q1–98")],
         [(6, "Q 67; C&AG's Report, para 3.8")]),
    ]


def commons_chapters() -> list[tuple[list, list]]:
    """A Commons select committee: recommendations in bold inside the chapters, footnotes numbered again from 1
    in each chapter (each chapter on a new page, as Commons reports print them), oral evidence cited "Q12 [Name]"
    and written evidence "(WOR0012)", and a closing list of
    conclusions and recommendations under sub-headings, each ending "(Paragraph N)", one run over a page break."""
    return [
        (cover("House of Commons", "Health and Social Care Committee",
               "Workforce: recruitment, training and retention in health and social care",
               "Third Report of Session 2022–23", ("p", SUB_LEAD), ("p", "HC 115")), []),
        ([("h1", "1 Introduction"),
          ("p", "1. The NHS in England has more than 130,000 vacancies.[1] Social care has a further "
                "165,000.[2] " + FILLER),
          ("p", "2. We launched this inquiry in 2021 and received over 100 pieces of written evidence.[3] "
                + FILLER)],
         [(1, "NHS Digital, NHS Vacancy Statistics England, June 2022"), (2, "Skills for Care (WOR0034)"),
          (3, "Health and Social Care Committee, Workforce inquiry, terms of reference, 2021")]),
        ([("h1", "2 Recruitment"),
          ("p", "3. NHS England told us that international recruitment had filled many posts.[1] " + FILLER),
          ("p", "4. The Royal College of Nursing said that recruitment could not keep pace with those "
                "leaving.[2] " + FILLER),
          ("b", "5. The Government should publish a fully funded workforce plan, with independent "
                "projections of the number of staff needed, by the end of 2023.")],
         [(1, "Q12 [Professor Sir Stephen Powis]"), (2, "Q45 [Pat Cullen]")]),
        ([("h1", "3 Retention"),
          ("p", "6. Staff told us that pay and workload were the main reasons they left.[1] " + FILLER),
          ("p", "7. The Secretary of State accepted that retention had to improve.[2] " + FILLER),
          ("b", "8. NHS England and the Department of Health and Social Care should set out, within six "
                "months, how they will reduce the number of nurses leaving in their first two years."),
          ("h1", "Conclusions and recommendations"),
          ("h3", "Recruitment"),
          ("p", "1. Recruitment alone cannot close the gap between the staff the NHS has and the staff it "
                "needs. (Paragraph 4)"),
          ("p", "2. The Government should publish a fully funded workforce plan, with independent projections "
                "of the number of staff needed, by the end of 2023. (Paragraph 5)"),
          ("h3", "Retention"),
          ("p", "3. NHS England and the Department of Health and Social Care should set out, within six "
                "months, how they will reduce the number of nurses leaving in their first two years. The plan "
                "should say how flexible working, the pension rules and the cost of")],
         [(1, "NHS Providers (WOR0012)"), (2, "Q302 [Rt Hon Steve Barclay MP]")]),
        ([("p", "accommodation near hospitals bear on the decisions of staff to leave. (Paragraph 8)"),
          *formal_minutes("Tuesday 12 July 2022", "Steve Brine"),
          ("h1", "Witnesses"), ("p", WITNESS_LEAD),
          ("p", "Tuesday 25 October 2022"),
          ("row", "Professor Sir Stephen Powis, National Medical Director, NHS England; Pat Cullen, General "
                  "Secretary and Chief Executive, Royal College of Nursing | Q1–145"),
          ("p", "Tuesday 8 November 2022"),
          ("row", "Rt Hon Steve Barclay MP, Secretary of State for Health and Social Care | Q146–320"),
          ("h1", "Published written evidence"),
          ("p", "The following written evidence was received and can be viewed on the inquiry publications "
                "page of the Committee’s website. WOR numbers are generated by the evidence processing "
                "system and so may not be complete."),
          ("p", "1 NHS Providers (WOR0012)"), ("p", "2 Skills for Care (WOR0034)")], []),
    ]


def lords_summary() -> list[tuple[list, list]]:
    """A House of Lords committee of today: paragraphs numbered through, recommendations in bold, a box,
    a "Summary of conclusions and recommendations" whose paragraphs end "(Paragraph N)", members with their
    declared interests, and witnesses marked "**" (oral and written evidence) and "*" (oral only)."""
    return [
        ([("big", "HOUSE OF LORDS"), ("big", "Built Environment Committee"),
          ("big", "2nd Report of Session 2022–23"), ("title", "Meeting housing demand"),
          ("p", "Ordered to be printed 10 January 2023 and published 18 January 2023"), ("p", "HL Paper 133")],
         []),
        ([("h1", "Chapter 1: Introduction"),
          ("p", "1. England has not built 300,000 homes in any year since the target was set.[1] "
                + FILLER),
          ("box", "Box 1: The housing target. In 2019 the Government committed to building 300,000 homes a "
                  "year by the mid-2020s. The target applies to England only."),
          ("p", "2. Witnesses told us that the target was a political aspiration rather than a plan.[2] "
                + FILLER),
          ("h1", "Chapter 2: Supply"),
          ("p", "3. Small builders built four homes in ten in the 1980s and build one in ten today.[3] "
                + FILLER),
          ("b", "4. We recommend that the Government publish a strategy for small and medium-sized "
                "builders within 12 months.[4]")],
         [(1, "Department for Levelling Up, Housing and Communities, Live tables on housing supply, 2022"),
          (2, "Q 3 (Professor Jane Smith)"), (3, "Written evidence from the Home Builders Federation (HBF0012)"),
          (4, "Ibid.")]),
        ([("p", "5. Homes England has the powers to assemble land but rarely uses them.[5] " + FILLER),
          ("b", "6. Homes England should set out, by March 2024, how it will use its land assembly powers.[6]"),
          ("h1", "Summary of conclusions and recommendations"),
          ("h3", "Introduction"),
          ("p", "1. The target of 300,000 homes a year has never been met, and there is no plan to meet it. "
                "(Paragraph 2)"),
          ("h3", "Supply"),
          ("p", "2. We recommend that the Government publish a strategy for small and medium-sized builders "
                "within 12 months. (Paragraph 4)"),
          ("p", "3. Homes England should set out, by March 2024, how it will use its land assembly powers. "
                "(Paragraph 6)")],
         [(5, "Q 14 (Peter Denton)"), (6, "Written evidence from Homes England (HBF0044)")]),
        ([("h1", "Appendix 1: List of Members and declarations of interest"),
          ("h3", "Members"),
          ("p", "Baroness Blake of Leeds"), ("p", "Lord Moylan (Chair)"), ("p", "Lord Young of Cookham"),
          ("h3", "Declarations of interest"),
          ("p", "Baroness Blake of Leeds"), ("p", "Vice-President, Local Government Association"),
          ("p", "Lord Moylan"), ("p", "No relevant interests declared"),
          ("h1", "Appendix 2: List of Witnesses"),
          ("p", "Evidence is published online at the Committee’s website. Evidence received by the Committee "
                "is listed below in chronological order of oral evidence session and in alphabetical order. "
                "Those witnesses marked with ** gave both oral and written evidence. Those marked with * "
                "gave oral evidence and did not submit any written evidence. All other witnesses submitted "
                "written evidence only."),
          ("h3", "Oral evidence in chronological order"),
          ("row", "* Professor Jane Smith, Professor of Planning, University College London | QQ 1–10"),
          ("row", "** Peter Denton, Chief Executive, Homes England | QQ 11–20")], []),
    ]


def statutory_inquiry() -> list[tuple[list, list]]:
    """A statutory public inquiry: chapters numbered high ("Chapter 113"), paragraphs numbered by chapter
    ("113.4"), recommendations headed "Recommendation 12: <title>" with sub-parts (a), (b), (c), addressed to
    "the government" and named bodies, and notes citing inquiry documents, witness statements and transcript days."""
    return [
        ([("title", "The Thornbury Care Homes Inquiry"), ("big", "Report"), ("big", "Volume 2"),
          ("p", "Chair: Sir Robert Hale"),
          ("p", "Presented to Parliament pursuant to section 26 of the Inquiries Act 2005"), ("p", "HC 410")],
         []),
        ([("h1", "Chapter 113: Inspection"),
          ("p", "113.1 The Care Quality Commission inspected Thornbury House four times between 2016 and "
                "2019.[1] " + FILLER),
          ("p", "113.2 Its inspectors were not told of the complaints the council had received.[2] "
                + FILLER),
          ("p", "113.3 The Home Office accepted that it had not shared what it knew.[3] " + FILLER),
          ("p", "113.4 We are satisfied that the failures we have described were failures of the system "
                "as a whole.[4] " + FILLER)],
         [(1, "Witness statement of Jane Doe, WITN1234001, para 12"), (2, "[INQ00012345]"),
          (3, "Transcript, Day 45, page 12, line 3"), (4, "Care Quality Commission, Inspection reports, [CQC00000123]")]),
        ([("h1", "Chapter 114: Recommendations"),
          ("p", "114.1 We make the following recommendations.[5]"),
          ("h2", "Recommendation 12: Sharing complaints"),
          ("p", "The government should require every local authority to share with the Care Quality "
                "Commission, within 28 days, each complaint it receives about a care home:"),
          ("item", "(a) whoever made the complaint;"),
          ("item", "(b) whether or not the complaint has been investigated; and"),
          ("item", "(c) whether or not the home has been told of it."),
          ("h2", "Recommendation 13: Fire safety in care homes"),
          ("p", "The Home Office and the National Fire Chiefs Council should publish guidance on "
                "evacuating care homes by 31 December 2026."),
          ("h2", "Recommendation 14: Inspection"),
          ("p", "The Care Quality Commission should inspect every care home that has received more than "
                "three complaints in a year within six months of the third.")],
         [(5, "Transcript, Day 96, page 4, line 10 to page 5, line 2")]),
    ]


LEADER = "." * 12  # the dotted leader to a page number in a list of contents


def senedd() -> list[tuple[list, list]]:
    """A Senedd (Welsh Parliament) committee: a list of "Recommendation 1. The Welsh Government should …" and
    "Conclusion 1. …" entries, each with a dotted leader to its page, at the front, the same set in boxes in the chapters, notes
    citing the Record of Proceedings ("RoP [para 45], 12 January 2023"), and an annex of oral evidence sessions."""
    rec1 = ("The Welsh Government should publish, within six months of this report, a plan to extend funded "
            "childcare to every two-year-old.")
    con1 = "We are not persuaded that the childcare offer reaches the families who need it most."
    rec2 = ("The Welsh Government should work with local authorities to publish the cost of a childcare place in "
            "each area by March 2024.")
    return [
        # the committee's name, set over two lines, breaks after "and"
        (cover("Welsh Parliament", "Culture, Communications, Welsh Language, Sport and International Relations Committee",
               "Childcare in Wales: access and affordability", "March 2023"), []),
        ([("h1", "Recommendations and conclusions"),
          ("p", f"Recommendation 1. {rec1} {LEADER} Page 3"),
          ("p", f"Conclusion 1. {con1} {LEADER} Page 3"),
          ("p", f"Recommendation 2. {rec2} {LEADER} Page 4")], []),
        ([("h1", "1. Introduction"),
          ("p", "1. Parents in Wales spend a larger share of their income on childcare than parents in most of "
                "Europe.[1] " + FILLER),
          ("p", "2. The Committee held four evidence sessions and received 46 written responses.[2] " + FILLER),
          ("h1", "2. Access"),
          ("p", "3. Children in Wales told us that many families do not know what they are entitled to.[3] "
                + FILLER),
          ("box", f"Recommendation 1. {rec1}"),
          ("box", f"Conclusion 1. {con1}")],
         [(1, "Organisation for Economic Co-operation and Development, Net childcare costs, 2022"),
          (2, "Written evidence, CYPE 12"), (3, "RoP [para 45], 12 January 2023")]),
        ([("p", "4. The Deputy Minister said that costs varied widely between local authorities.[4] " + FILLER),
          ("box", f"Recommendation 2. {rec2}"),
          ("h1", "Annex A: List of oral evidence sessions"),
          ("p", "The following witnesses provided oral evidence to the Committee on the dates noted below."),
          ("cells", "Date | Name and Organisation"),
          ("cells", "12 January 2023 | Jane Doe, Chief Executive, Children in Wales"),
          ("cells", "26 January 2023 | Julie Morgan MS, Deputy Minister for Social Services, Welsh Government")],
         [(4, "RoP [para 112], 26 January 2023")]),
    ]


# London Assembly end notes: what a committee's reports cite, in the forms they print it (a guest at a committee
# meeting and its transcript, the Mayor's and the Met's publications, written evidence, a web page, "Ibid.").
LA_NOTES = [
    "Metropolitan Police Service, Crime data dashboard: knife crime with injury, victims aged under 25, January 2019",
    "Office for National Statistics, Crime in England and Wales: year ending September 2018, January 2019, table 4",
    "Jane Okafor, Chief Executive, Safer Streets London, Police and Crime Committee meeting, 13 February 2019 – "
    "transcript",
    "Written evidence from the London Borough of Lambeth to the Committee’s call for evidence, January 2019",
    "Ibid.",
    "Commander David Hale, Metropolitan Police Service, Police and Crime Committee meeting, 6 March 2019 – transcript",
    "Mayor of London, A Public Health Approach to Tackling Violence: the Mayor’s strategy for London’s young people, "
    "September 2018, pages 12 to 14, which sets out how the Violence Reduction Unit will work with the boroughs, "
    "schools, the health service and the voluntary sector",
    "Mayor’s Office for Policing and Crime, Police and Crime Plan for London 2017–2021, March 2017, page 41",
    "Jane Okafor, Chief Executive, Safer Streets London, Police and Crime Committee meeting, 13 February 2019 – "
    "transcript",
    "Written evidence from the Youth Justice Board for England and Wales to the Committee’s call for evidence, "
    "January 2019, paragraphs 3.1 to 3.7",
    "Dr Sam Patel, Consultant in Emergency Medicine, Royal London Hospital, Police and Crime Committee meeting, "
    "6 March 2019 – transcript",
    "NHS England, Hospital Episode Statistics: admissions for assault by a sharp object, London, 2013–14 to 2017–18, "
    "November 2018, a series that counts each admission and not each patient, so that a patient admitted twice is "
    "counted twice",
    "Department for Education, Permanent and fixed-period exclusions in England: 2017 to 2018, July 2019",
    "Commander David Hale, Metropolitan Police Service, Police and Crime Committee meeting, 6 March 2019 – transcript",
    "Written evidence from Redthread, a youth charity working in London’s major trauma centres, to the Committee’s "
    "call for evidence, February 2019",
    "Ibid.",
]


def london_assembly() -> list[tuple[list, list]]:
    """A London Assembly committee report: a chair's foreword signed "Name AM", chapters "1. Introduction" with
    unnumbered paragraphs, note markers in the text and the notes gathered under "Endnotes" at the back (set in the
    body's flow, over two pages, one note run over the page break), "Recommendation N" in a shaded box addressed to
    the Mayor, MOPAC or the Met with a deadline, an account of the investigation listing the committee's members with
    their parties and the guests at each meeting under its date, and a last page on other formats after the notes."""
    n, cut = LA_NOTES, LA_NOTES[11].index(" that counts")  # note 12 runs over the page break there
    return [
        (cover("London Assembly", "Police and Crime Committee", "Keeping young Londoners safe from knife crime",
               "March 2019"), []),
        ([("h1", "Contents"), ("p", "Chair’s foreword 3"), ("p", "Summary 4"), ("p", "1. Introduction 5"),
          ("p", "2. Early intervention 6"), ("p", "3. Policing 7"), ("p", "Our approach 8"), ("p", "Endnotes 8"),
          ("p", "Other formats and languages 10")], []),
        ([("h1", "Chair’s foreword"),
          ("p", "Every young Londoner has the right to grow up safe from violence. Yet the number of young people "
                "injured with a knife has risen in each of the last four years, and behind each figure is a family "
                "whose life has changed for ever."),
          ("p", "This report sets out what the Mayor, MOPAC and the Met must do now. We would like to thank everyone "
                "who contributed to our investigation, above all the young people who shared their experiences."),
          ("p", "Anna Webb AM"), ("p", "Chair of the Police and Crime Committee")], []),
        ([("h1", "Summary"),
          ("p", "Knife crime among young Londoners has risen sharply since 2014.[1] The Mayor has adopted a public "
                "health approach, and the Violence Reduction Unit is its centrepiece. " + FILLER),
          ("p", "We found that early intervention works but is funded year to year, and that the Met’s presence in "
                "schools varies from borough to borough. " + FILLER)], []),
        ([("h1", "1. Introduction"),
          ("p", "Offences involving a knife rose by a third in London between 2014 and 2018.[2] Guests told us "
                "that the rise was felt most by young people in a few neighbourhoods.[3] " + FILLER),
          ("p", "Boroughs said that their youth services had been cut by more than half since 2011.[4] They "
                "could no longer offer young people somewhere safe to go after school.[5] " + FILLER),
          ("p", "The Met told us that it had seized more knives in 2018 than in any year before.[6] " + FILLER),
          ("recbox", "Recommendation 1 | The Mayor and MOPAC should publish, by March 2020, a plan to reduce knife "
                     "crime among under-25s, with a target for each borough.")], []),
        ([("h1", "2. Early intervention"),
          ("p", "The Mayor’s strategy treats violence as a disease that can be prevented.[7] MOPAC funds projects "
                "for one year at a time.[8] " + FILLER),
          ("p", "Charities told us that a year’s funding does not let them keep their best youth workers.[9] The "
                "Youth Justice Board agreed.[10] " + FILLER),
          ("p", "Doctors see the same young people return with worse injuries.[11] Admissions for assault with a "
                "sharp object have risen by half in five years.[12] " + FILLER),
          ("recbox", "Recommendation 2 | We recommend that MOPAC funds youth work in every major trauma centre "
                     "for at least three years.")], []),
        ([("h1", "3. Policing"),
          ("p", "Pupils excluded from school are twice as likely to carry a knife.[13] The Met has a safer "
                "schools officer in some boroughs and none in others.[14] " + FILLER),
          ("p", "Youth workers in hospitals reach young people at the moment they are most willing to change.[15] "
                "Their work has been evaluated well.[16] " + FILLER),
          ("recbox", "Recommendation 3 | The Met should review, within six months, how many safer schools officers "
                     "it has in each borough and publish the results.")], []),
        ([("h1", "Our approach"),
          ("p", "The Police and Crime Committee agreed to investigate knife crime among young Londoners. "
                "Membership of the Committee was:"),
          ("bullet", "Anna Webb AM (Labour – Chair)"), ("bullet", "Tom Ashby AM (Conservative)"),
          ("bullet", "Priya Shah AM (Green)"),
          ("p", "The Committee held two public meetings. The following guests attended the meetings:"),
          ("p", "13 February 2019"),
          ("bullet", "Jane Okafor, Chief Executive, Safer Streets London"),
          ("bullet", "Mark Bell, Head of Youth Services, London Borough of Lambeth"),
          ("p", "6 March 2019"),
          ("bullet", "Commander David Hale, Metropolitan Police Service"),
          ("bullet", "Dr Sam Patel, Consultant in Emergency Medicine, Royal London Hospital"),
          ("h1", "Endnotes"), *(("endnote", f"{i + 1} | {t}") for i, t in enumerate(n[:11])),
          ("endnote", "12 | " + n[11][:cut])], []),
        ([("endnote", " | " + n[11][cut + 1:]),
          *(("endnote", f"{i + 13} | {t}") for i, t in enumerate(n[12:]))], []),
        ([("h1", "Other formats and languages"),
          ("p", "If you, or someone you know, needs a copy of this report in large print or braille, or a copy of "
                "the summary and main findings in another language, then please call us on 020 7000 0000 or "
                "write to the address below."),
          ("p", "Chinese, Vietnamese, Greek, Turkish, Punjabi, Urdu, Bengali, Gujarati, Hindi, Arabic")], []),
    ]


def inquiry_chapter_notes() -> list[tuple[list, list]]:
    """An independent inquiry whose notes close each chapter under an "Endnotes" heading, numbered again from 1 in
    each chapter and set in the body's flow, not at the page foot: a chapter runs over several pages, and its notes
    stand on its last page, pages after their markers. Paragraphs are numbered by chapter, and "Recommendation N:
    title" headings stand over their text in the last chapter, itself with a note."""
    return [
        ([("title", "The Westbrook Flooding Inquiry"), ("big", "Report"), ("p", "Chair: Dame Helen Moss"),
          ("p", "July 2024")], []),
        ([("h1", "Chapter 1: Background"),
          ("p", "1.1 Westbrook flooded on the night of 3 February 2022, and 214 homes were lost.[1] " + FILLER),
          ("p", "1.2 The town had flooded twice before, in 1968 and in 2007.[2] " + FILLER + " " + FILLER),
          ("p", "1.3 The defences built after 2007 were designed for a flood of the 2007 height. " + FILLER),
          ("p", "1.4 The Environment Agency had modelled a higher flood in 2016 but did not act on it. " + FILLER)],
         []),
        ([("p", "1.5 The defences were designed for a flood of the 2007 height.[3] " + FILLER),
          ("p", "1.6 The Inquiry held 32 days of hearings in 2023.[4]"),
          ("h2", "Endnotes"),
          ("endnote", "1 | Westbrook Borough Council, Flood investigation report, May 2022, para 2.3"),
          ("endnote", "2 | Environment Agency, Historic flood map of Westbrook, 2019"),
          ("endnote", "3 | Witness statement of Peter Grant, WITN0045001, para 8"),
          ("endnote", "4 | Inquiry, Protocol on hearings, [INQ00000045]")], []),
        ([("h1", "Chapter 2: The night of the flood"),
          ("p", "2.1 The river rose faster than the forecast said it would.[1] " + FILLER),
          ("p", "2.2 The warning reached the town two hours after the water. " + FILLER + " " + FILLER),
          ("p", "2.3 Residents told us that they had no warning at all. " + FILLER + " " + FILLER)], []),
        ([("p", "2.4 The duty officer told us that the telemetry had failed at 9 pm.[2] " + FILLER + " " + FILLER),
          ("p", "2.5 The Agency's procedures required the gauge to be checked by hand when the telemetry failed. "
                + FILLER + " " + FILLER),
          ("p", "2.6 The procedures had not been tested since 2015. " + FILLER)], []),
        ([("p", "2.7 No one checked the gauge by hand.[3] The duty officer said that no one had asked him "
                "to.[4] " + FILLER),
          ("h2", "Endnotes"),
          ("endnote", "1 | Environment Agency, Flood forecast for the Wey catchment, 3 February 2022 [EA00001234]"),
          ("endnote", "2 | Transcript, Day 12, page 40, line 5"),
          ("endnote", "3 | Transcript, Day 14, page 3, line 12 to page 4, line 2"),
          ("endnote", "4 | Ibid.")], []),
        ([("h1", "Chapter 3: Recommendations"),
          ("p", "3.1 We make the following recommendations, which we expect to be carried out in full.[1]"),
          ("h2", "Recommendation 1: Warnings"),
          ("p", "The Environment Agency should install a second gauge on every river that has flooded a town "
                "twice in fifty years, by 1 October 2025."),
          ("h2", "Recommendation 2: Telemetry"),
          ("p", "The Environment Agency and Westbrook Borough Council should test the telemetry every month."),
          ("h2", "Recommendation 3: Defences"),
          ("p", "The Department for Environment, Food and Rural Affairs should fund defences designed for a flood "
                "higher than any recorded, within two years."),
          ("h2", "Endnotes"),
          ("endnote", "1 | Terms of Reference, [INQ00000001]")], []),
    ]


# Footnotes long enough to run over a page: each is cut where the page's foot ends, its rest at the next page's foot
RUN_OVER = [
    ("Cabinet Office (GUC0012), which sets out, department by department, the sums paid to consultants under each "
     "framework agreement in 2019–20 to 2022–23 and", "the number of contracts let without competition in each of "
     "those years, with the Cabinet Office’s own estimate of what its spending controls saved"),
    ("National Audit Office, Use of consultants and temporary staff, HC 1234, Session 2022–23, 14 February 2023, "
     "paras 2.4 to 2.9, which found that no department could say what", "its consultants had delivered against the "
     "business case for their appointment"),
]


def commons_run_over() -> list[tuple[list, list]]:
    """A Commons committee whose long footnotes run over to the next page's foot, above that page's own notes, and
    whose "Conclusions and recommendations" number their paragraphs 1..N, one with lettered sub-parts before its
    "(Paragraph N)"."""
    (a1, a2), (b1, b2) = RUN_OVER
    return [
        (cover("House of Commons", "Public Administration and Constitutional Affairs Committee",
               "Government use of consultants", "Seventh Report of Session 2023–24", ("p", SUB_LEAD),
               ("p", "HC 456")), []),
        ([("h1", "1 Introduction"),
          ("p", "1. Government departments spent £2.8 billion on consultants in 2022–23.[1] " + FILLER),
          ("p", "2. We received 40 pieces of written evidence and held three evidence sessions.[2] " + FILLER),
          ("p", "3. The Cabinet Office told us that its controls had saved more than they cost.[3] " + FILLER
                + " " + FILLER)],
         [(1, "HM Treasury, Public Expenditure Statistical Analyses 2023, July 2023, table 5.2"),
          (2, "Public Administration and Constitutional Affairs Committee, Government use of consultants, terms of "
              "reference"), (3, a1)]),
        ([("h1", "2 Value for money"),
          ("p", "4. Permanent secretaries told us that they lacked the skills to do the work themselves.[4] "
                "They had tried to recruit those skills and failed.[5] " + FILLER),
          ("p", "5. The National Audit Office found that departments did not track what consultants "
                "delivered.[6] " + FILLER),
          ("p", "6. Contracts above £1 million were let without a business case in one case in five. " + FILLER)],
         [(None, a2), (4, "Q 112 [Alex Chisholm]"), (5, "Ibid."), (6, b1)]),
        ([("p", "7. The Minister accepted that more should be done.[7] " + FILLER),
          ("h1", "Conclusions and recommendations"),
          ("p", "1. Departments do not know how much they spend on consultants, nor what they get for it. "
                "(Paragraph 3)"),
          ("p", "2. The Cabinet Office should, by March 2025:"),
          ("item", "a) publish each department’s spending on consultants every quarter;"),
          ("item", "b) set a limit on the share of any project that consultants may deliver; and"),
          ("item", "c) report to us on its progress. (Paragraph 5)"),
          ("p", "3. HM Treasury should require a business case for every contract worth more than £1 million. "
                "(Paragraph 6)")],
         [(None, b2), (7, "Q 240 [Rt Hon John Glen MP]")]),
    ]


def review_back_notes() -> list[tuple[list, list]]:
    """An independent review whose notes are gathered at the back under "Endnotes", numbered again from 1 for each
    chapter under the chapter's name, and numbered recommendations at the end of the text."""
    return [
        ([("title", "Independent Review of Youth Custody"), ("big", "Final Report"), ("p", "March 2025")], []),
        ([("h1", "1. The estate"),
          ("p", "There are five young offender institutions in England.[1] Most children are held far from home.[2] "
                + FILLER),
          ("p", "Staff told the review that violence had doubled in five years.[3] " + FILLER)], []),
        ([("h1", "2. Education"),
          ("p", "Children in custody receive fifteen hours of education a week.[1] " + FILLER),
          ("p", "Inspectors found that lessons were cancelled on one day in three.[2] The governors agreed.[3] "
                + FILLER),
          ("h1", "3. Recommendations"),
          ("p", "1. The Ministry of Justice should close the two largest institutions by 2028."),
          ("p", "2. The Youth Custody Service should publish the hours of education each child receives, every "
                "quarter.")], []),
        ([("h1", "Endnotes"), ("h3", "Chapter 1"),
          ("endnote", "1 | Youth Custody Service, Youth custody data, January 2025"),
          ("endnote", "2 | Ministry of Justice, Distance from home of children in custody, 2024"),
          ("endnote", "3 | Interview with staff, HMYOI Northfield, 12 June 2024"),
          ("h3", "Chapter 2"),
          ("endnote", "1 | HM Inspectorate of Prisons, Children in custody 2023–24, 2024, p 18"),
          ("endnote", "2 | Ibid., p 22"),
          ("endnote", "3 | Letter from the governors of HMYOI Northfield to the review, 3 September 2024")], []),
    ]


def inquiry_two_columns() -> list[tuple[list, list]]:
    """A public inquiry that sets its text in two columns, paragraphs numbered by chapter, markers in both columns and
    the page's footnotes across its foot, and "Recommendation N" headings over their text."""
    col = ("1.1 The tribunal was set up in 2019 to hear appeals against the new benefit rules.[1] " + FILLER
           + " || 1.2 Its decisions were published late, often a year after the hearing.[2] " + FILLER
           + " || 1.3 Claimants told us that they had waited for months without news.[3] " + FILLER
           + " || 1.4 The department accepted that the delays were too long.[4] " + FILLER)
    return [
        ([("title", "The Benefit Appeals Inquiry"), ("big", "Report"), ("p", "June 2025")], []),
        ([("h1", "Chapter 1: Delays"), ("columns", col)],
         [(1, "The Social Security (Appeals) Regulations 2019, SI 2019/123"),
          (2, "Tribunal statistics, quarterly, [INQ00000210]"),
          (3, "Witness statement of Mary Hale, WITN0301001, para 6"), (4, "Transcript, Day 4, page 10, line 2")]),
        ([("h1", "Chapter 2: Recommendations"),
          ("columns", "2.1 We make two recommendations.[5] " + FILLER + " || 2.2 Both should be carried out "
                      "without delay.[6] " + FILLER),
          ("h2", "Recommendation 1"),
          ("p", "The Ministry of Justice should publish every decision within three months of its hearing."),
          ("h2", "Recommendation 2"),
          ("p", "The Department for Work and Pensions should report the time taken by each appeal by 2026.")],
         [(5, "Terms of Reference, [INQ00000001]"), (6, "Ibid.")]),
    ]


def scottish_parliament() -> list[tuple[list, list]]:
    """A Scottish Parliament committee: paragraphs numbered through with no chapter numbers, its recommendations
    bold paragraphs among them ("The Committee recommends that …", "The Committee calls on …"), no list of them, notes
    citing the Official Report by column, and an annexe of the meetings at which it took evidence, each
    "Nth Meeting, 2024 (Session 6), Tuesday 23 January 2024" over its witnesses."""
    return [
        (cover("Scottish Parliament", "Health, Social Care and Sport Committee", "Dentistry in rural Scotland",
               "3rd Report, 2024 (Session 6)", ("p", "Published in Scotland by the Scottish Parliamentary Corporate Body"),
               ("p", "SP Paper 512")), []),
        ([("h1", "Introduction"),
          ("p", "1. Fewer people in rural Scotland are registered with an NHS dentist than five years ago.[1] "
                + FILLER),
          ("p", "2. The Committee took oral evidence at two meetings and received 38 written submissions.[2] "
                + FILLER),
          ("h1", "Access to treatment"),
          ("p", "3. Patients in Caithness told us that they travel more than a hundred miles for treatment.[3] "
                + FILLER),
          ("b", "4. The Committee recommends that the Scottish Government publishes, within six months, a plan to "
                "recruit dentists to rural practices.")],
         [(1, "Public Health Scotland, Dental statistics: registration and participation, January 2024"),
          (2, "Health, Social Care and Sport Committee. Official Report, 23 January 2024, col 2."),
          (3, "Written submission from Caithness Health Action Group")]),
        ([("p", "5. NHS Highland told us that it had advertised eleven posts and filled two.[4] " + FILLER),
          ("b", "6. The Committee calls on NHS Education for Scotland to fund fifty more training places in "
                "rural practices by April 2026."),
          ("h1", "Workforce"),
          ("p", "7. The Minister said that the new payment for rural practices would make a difference.[5] "
                + FILLER),
          ("b", "8. The Committee asks the Scottish Government to report to it each year on the number of NHS "
                "dentists in each health board.[6]")],
         [(4, "Health, Social Care and Sport Committee. Official Report, 23 January 2024, col 14."),
          (5, "Health, Social Care and Sport Committee. Official Report, 6 February 2024, col 3."),
          (6, "Ibid., col 9.")]),
        ([("h1", "Annexe A: Evidence"),
          ("h3", "Oral evidence"),
          ("p", "3rd Meeting, 2024 (Session 6), Tuesday 23 January 2024"),
          ("bullet", "Dr Fiona Grant, Director of Dentistry, NHS Highland"),
          ("bullet", "Tom Ellis, Chair, British Dental Association Scotland"),
          ("p", "5th Meeting, 2024 (Session 6), Tuesday 6 February 2024"),
          ("bullet", "Jenni Minto MSP, Minister for Public Health and Women’s Health, Scottish Government")], []),
    ]


def audit_office() -> list[tuple[list, list]]:
    """A National Audit Office report: a summary in paragraphs numbered 1, 2, … (no full stop), parts "Part One" over
    their titles in paragraphs 1.1, 1.2, …, footnotes numbered through, and recommendations lettered "a", "b", "c"
    under a "Recommendations" sub-heading of the summary, each a paragraph to one or more bodies."""
    return [
        ([("big", "Report by the Comptroller and Auditor General"), ("big", "Department for Education"),
          ("title", "Condition of school buildings"), ("p", "HC 1234 SESSION 2022–23 23 JUNE 2023")], []),
        ([("h1", "Summary"),
          ("p", "1 The Department for Education is responsible for the condition of some 22,000 school buildings in "
                "England.[1] " + FILLER),
          ("p", "2 Around 700,000 pupils learn in a school that needs major rebuilding or refurbishment.[2] "
                + FILLER),
          ("h2", "Conclusion on value for money"),
          ("p", "3 The Department has not yet achieved value for money in maintaining the school estate.[3] "
                + FILLER)],
         [(1, "Department for Education, Condition of School Buildings Survey: key findings, May 2023"),
          (2, "National Audit Office analysis of Department for Education data"),
          (3, "Comptroller and Auditor General, Capital funding for schools, Session 2016–17, HC 1014, "
              "National Audit Office, March 2017")]),
        ([("h2", "Recommendations"),
          ("p", "4 We make the following recommendations:"),
          ("item", "a The Department should publish, by March 2024, the condition of every school building it "
                   "funds."),
          ("item", "b The Department and the Education and Skills Funding Agency should set out how they will "
                   "fund repairs beyond 2025."),
          ("item", "c Local authorities should tell the Department within three months of finding that a "
                   "building is unsafe.")], []),
        ([("h1", "Part One"),
          ("h1", "The school estate"),
          ("p", "1.1 Most school buildings were built between 1945 and 1980.[4] " + FILLER),
          ("p", "1.2 The Department collects data on the condition of each building every five years.[5] "
                + FILLER),
          ("p", "1.3 It estimates that £11.4 billion is needed to bring every building to a good condition.[6] "
                + FILLER)],
         [(4, "Department for Education, Condition Data Collection, 2021, figure 2"), (5, "Ibid., paragraph 3.2"),
          (6, "Department for Education, Condition Data Collection, 2021, table 7")]),
    ]


EXPECTED = {
    # name: (recommendation labels as printed, footnotes printed)
    "commons": (["1", "2", "3"], 8),
    "lords": (["3.2", "3.3"], 7),
    "inquiry": (["1", "2", "3", "4"], 3),
    "public_accounts": (["1", "2", "3", "4"], 6),
    "commons_chapters": (["1", "2", "3"], 7),
    "lords_summary": (["1", "2", "3"], 6),
    "statutory_inquiry": (["12", "13", "14"], 5),
    "senedd": (["1", "2"], 4),
    "london_assembly": (["1", "2", "3"], 16),
    "inquiry_chapter_notes": (["1", "2", "3"], 9),
    "commons_run_over": (["1", "2", "3"], 7),
    "review_back_notes": (["1", "2"], 6),
    "scottish_parliament": (["4", "6", "8"], 6),
    "audit_office": (["a", "b", "c"], 6),
}
STYLES = {"commons": commons, "lords": lords, "inquiry": inquiry, "public_accounts": public_accounts,
          "commons_chapters": commons_chapters, "lords_summary": lords_summary, "statutory_inquiry": statutory_inquiry,
          "senedd": senedd, "london_assembly": london_assembly, "inquiry_chapter_notes": inquiry_chapter_notes,
          "commons_run_over": commons_run_over, "review_back_notes": review_back_notes,
          "scottish_parliament": scottish_parliament, "audit_office": audit_office}
