"""One KCC paper (a committee report and its PROD) written as text, Word and PDF from the same content.

The tests and benchmarks build their .docx and .pdf here instead of committing binary files.
The Word file follows the KCC templates: the report is paragraphs, the PROD is its heading
followed by a table of label/value rows. The PDF is the same layout printed with reportlab
(a ruled two-column table, wrapped paragraphs, "Page N" at the foot of each page), which is
how the council's published packs look to a PDF reader. The text version is the layout of
examples/papers: labels and values on one line, or the label on its own line above.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Row:
    label: str
    value: tuple[str, ...] = ()  # value paragraphs; () is a blank field
    label_above: bool = False  # in the text layout, the value starts on the line below the label


@dataclass(frozen=True)
class Form:
    rows: tuple[Row, ...]


REPORT = (
    "From: Helen Marchant, Cabinet Member for Adult Social Care and Public Health",
    "Oliver Pennick, Corporate Director of Adult Social Care and Health",
    "To: Adult Social Care Cabinet Committee – 12 March 2024",
    "Decision No: 24/00031",
    "Subject: Recommissioning of Shared Lives Services in Wealdham and Marshgate",
    "Classification: Unrestricted",
    "Past Pathway of report: Adult Social Care and Health Directorate Management Team – 21 February 2024",
    "Future Pathway of report: Cabinet Member decision",
    "Electoral Division: All",
    "Summary: This report sets out the outcome of the review of Shared Lives services, in which people live with "
    "or regularly visit a trained carer, and seeks endorsement of a proposed decision to recommission the service "
    "from October 2024.",
    "Recommendation(s): The Adult Social Care Cabinet Committee is asked to CONSIDER and ENDORSE or make a "
    "RECOMMENDATION to the Cabinet Member for Adult Social Care and Public Health on the proposed decision "
    "(attached as Appendix A) to:",
    "a) AWARD a contract for Shared Lives services for four years from 1 October 2024; and",
    "b) DELEGATE authority to the Corporate Director of Adult Social Care and Health to take other relevant "
    "actions, as necessary to implement the decision.",
    "1. Introduction",
    "1.1 Shared Lives services support around 140 adults with a learning disability, older people and people with "
    "mental health needs across the county. The current contract ends on 30 September 2024 and cannot be extended.",
    "2. Financial Implications",
    "2.1 The contract is valued at £600,000 a year, a total of £2,400,000 over four years, met from the existing "
    "community services budget.",
    "3. Equalities implications",
    "3.1 An Equality Impact Assessment (EQIA) has been completed and is attached as Appendix B. It found a "
    "positive impact for disabled people and older people.",
    "4. Data Protection implications",
    "4.1 A Data Protection Impact Assessment (DPIA) has been completed and will be reviewed with the provider "
    "before the contract starts.",
    "5. Report Author",
    "Priya Castellane",
    "Senior Commissioner",
    "03000 410201",
    "priya.castellane@example.gov.uk",
)

PROD_HEADING = "KENT COUNTY COUNCIL – PROPOSED RECORD OF DECISION"
PROD = Form(
    (
        Row("DECISION TO BE TAKEN BY:", ("Cabinet Member for Adult Social Care and Public Health",), label_above=True),
        Row("DECISION NO:", ("24/00031",), label_above=True),
        Row("For publication"),
        Row("Key decision:", ("Yes", "Expenditure of more than £1m and affects more than two electoral divisions.")),
        Row("Subject:", ("RECOMMISSIONING OF SHARED LIVES SERVICES IN WEALDHAM AND MARSHGATE",)),
        Row(
            "Decision:",
            (
                "As Cabinet Member for Adult Social Care and Public Health, I propose to:",
                "a) AWARD a contract for Shared Lives services for four years from 1 October 2024; and",
                "b) DELEGATE authority to the Corporate Director of Adult Social Care and Health to take other "
                "relevant actions, including entering into relevant contracts, as necessary to implement the decision.",
            ),
        ),
        Row(
            "Reason(s) for decision:",
            ("The current Shared Lives contract ends on 30 September 2024. The service gives good outcomes at a "
             "lower cost than residential care.",),
        ),
        Row(
            "Financial Implications:",
            ("The contract is valued at £600,000 a year, a total of £2,400,000 over four years, met from the "
             "existing community services budget.",),
        ),
        Row("Legal Implications:", ("The procurement will follow the Public Contracts Regulations 2015.",)),
        Row(
            "Equalities implications:",
            ("An EQIA has been completed. It found a positive impact for disabled people and older people, and no "
             "negative impact on any protected group.",),
        ),
        Row(
            "Data Protection implications:",
            ("A DPIA has been completed and will be reviewed with the provider before the contract starts.",),
        ),
        Row(
            "Cabinet Committee recommendations and other consultation:",
            (
                "People who use the service and their carers were consulted in autumn 2023.",
                "The proposed decision will be discussed at the Adult Social Care Cabinet Committee on 12 March 2024 "
                "and the outcome included in the paperwork which the Cabinet Member will be asked to sign.",
            ),
        ),
        Row(
            "Any alternatives considered and rejected:",
            ("Bringing the service in house was rejected as it would cost more and lose the experience of the "
             "current carer network.",),
        ),
        Row("Any interest declared when the decision was taken and any dispensation granted by the Proper Officer:"),
    )
)
SIGNATURE = (".........................................................................  ..........................", "signed   date")
PAPER = (*REPORT, PROD_HEADING, PROD, *SIGNATURE)


def write_text(path: Path, blocks=PAPER) -> Path:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Form):
            for row in block.rows:
                if row.label_above or not row.value:
                    lines += [row.label, *row.value, ""]
                else:
                    lines += [f"{row.label} {row.value[0]}", *row.value[1:], ""]
        else:
            lines += [block, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_docx(path: Path, blocks=PAPER) -> Path:
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, Form):
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for row in block.rows:
                cells = table.add_row().cells
                if not row.value and not row.label.endswith(":"):
                    cells[0].merge(cells[1])  # a one-cell row, "For publication"
                cells[0].text = row.label
                for number, paragraph in enumerate(row.value):
                    if number == 0:
                        cells[1].text = paragraph
                    else:
                        cells[1].add_paragraph(paragraph)
        else:
            document.add_paragraph(block)
    document.save(str(path))
    return path


def write_pdf(path: Path, blocks=PAPER, copies: int = 1) -> Path:
    """The paper printed `copies` times over, as a pack of several papers would be."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]

    def footer(canvas, document) -> None:
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, f"Page {document.page}")

    story = []
    for _ in range(copies):
        for block in blocks:
            if isinstance(block, Form):
                story.append(_pdf_table(block, body, Paragraph, Table, TableStyle, colors, cm))
            else:
                story.append(Paragraph(escape(block), body))
        story.append(Spacer(1, cm))
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=footer, onLaterPages=footer)
    return path


def write_pdf_as_published(path: Path, blocks=PAPER) -> Path:
    """The Word paper converted by LibreOffice, as the council's packs are made, when it is installed; else reportlab."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return write_pdf(path, blocks)
    with tempfile.TemporaryDirectory() as work:
        source = write_docx(Path(work) / f"{path.stem}.docx", blocks)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", work, str(source)], check=True, capture_output=True, timeout=120)
        shutil.move(str(Path(work) / f"{path.stem}.pdf"), path)
    return path


def _pdf_table(form: Form, body, Paragraph, Table, TableStyle, colors, cm):
    data, spans = [], []
    for index, row in enumerate(form.rows):
        data.append([Paragraph(escape(row.label), body), [Paragraph(escape(text), body) for text in row.value]])
        if not row.value and not row.label.endswith(":"):
            spans.append(("SPAN", (0, index), (1, index)))
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"), *spans]
    return Table(data, colWidths=[5 * cm, 11 * cm], style=TableStyle(style))


def write_pdf_pages(path: Path, pages: list[list[str]], header: str | None = None, footer: str | None = None) -> Path:
    """A PDF of plain text lines, one list per page, with an optional running header and footer.

    `header` and `footer` are format strings given the printed page number as {page}, so a
    test can print page furniture the way a council's template does ("Form W/31 {page}", "{page}").
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    sheet = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        sheet.setFont("Helvetica", 9)
        if header is not None:
            sheet.drawString(72, height - 40, header.format(page=number))
        if footer is not None:
            sheet.drawCentredString(width / 2, 30, footer.format(page=number))
        sheet.setFont("Helvetica", 11)
        for index, line in enumerate(lines):
            sheet.drawString(72, height - 90 - 16 * index, line)
        sheet.showPage()
    sheet.save()
    return path


def write_docx_table(path: Path, rows: list[list[str]], paragraphs_before: tuple[str, ...] = ()) -> Path:
    """A Word file of some paragraphs and one table; each row a list of cell texts ("\\n" parts paragraphs)."""
    import docx

    document = docx.Document()
    for text in paragraphs_before:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=max(len(row) for row in rows))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            first, *rest = text.split("\n")
            cell.text = first
            for paragraph in rest:
                cell.add_paragraph(paragraph)
    document.save(str(path))
    return path


def write_pdf_form_header(path: Path, labels: list[str], values: list[list[str]], body: tuple[str, ...] = ()) -> Path:
    """A PDF whose first lines are labels side by side, each with its value lines below it.

    The value of a later column is set a few points higher than the first column's, as the
    2025 KCC form prints its decision number, so reading by baseline alone mixes them up.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.setFont("Helvetica-Bold", 11)
    starts = [72 + index * (width - 144) / len(labels) for index in range(len(labels))]
    for start, label in zip(starts, labels):
        sheet.drawString(start, height - 80, label)
    sheet.setFont("Helvetica", 11)
    for column, (start, lines) in enumerate(zip(starts, values)):
        for index, line in enumerate(lines):
            sheet.drawString(start, height - 100 - 16 * index + 4 * column, line)
    for index, line in enumerate(body):
        sheet.drawString(40, height - 180 - 16 * index, line)
    sheet.showPage()
    sheet.save()
    return path


def write_pdf_table(path: Path, rows: list[list[str]], paragraphs_before: tuple[str, ...] = ()) -> Path:
    """A PDF of some paragraphs and one ruled table, each row a list of cell texts."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()["Normal"]
    table = Table(rows, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [Paragraph(escape(text), style) for text in paragraphs_before]
    SimpleDocTemplate(str(path), pagesize=landscape(A4) if paragraphs_before else A4).build([*story, table])
    return path
