"""A copy of a Word draft with each finding as a Word comment on the paragraph or table cell of
its evidence, the way a monitoring officer's reviewer marks a draft up.

The reader names where each line came from ("paragraph 12", "table 2 row 4", counting the
body's paragraphs and tables in document order, engine/reading/docx.py); this module walks the
body the same way to find that place again. In a table row the comment goes on the cell that
holds the quoted text (the value rather than its label when the reader joined the two), and a
finding with no place in the draft goes on the paper's title.

The copy is made from the bytes of the draft, which are never written back. Comments carry no
date and the package is written with fixed entry times, so the same draft and findings give
byte-identical copies.
"""
from __future__ import annotations

import io
import re
import zipfile

from govlint.checks.formatters.findings_text import waiver_note
from govlint.engine.checking.findings import Finding
from govlint.engine.common.errors import GovlintError

AUTHOR = "govlint"
INITIALS = "GL"
_PLACE = re.compile(r"^(paragraph|table) (\d+)(?: row (\d+))?$")
# The earliest time a zip entry can carry: a fixed time keeps copies byte-identical.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class NotAWordDraft(GovlintError):
    """The draft cannot take comments: it is not a Word (.docx) file."""


def annotate(data: bytes, findings: list[Finding]) -> bytes:
    """The Word file `data` with one comment per finding, as the bytes of a new .docx."""
    document = _open(data)
    body = _Body(document)
    places = _line_places(data)
    for finding in findings:
        runs = body.anchor(finding, places.get(finding.end_line))
        document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials=INITIALS)
    for comment in document.comments:
        comment._comment_elm.attrib.pop(_qualified("w:date"), None)
    saved = io.BytesIO()
    document.save(saved)
    return _fixed_times(saved.getvalue())


def comment_text(finding: Finding) -> str:
    """Severity and message, then the fix and the first citation, one paragraph each."""
    lines = [f"{finding.severity.upper()} ({finding.rule}): {finding.message}", f"Fix: {finding.remediation}"]
    if finding.citations:
        citation = finding.citations[0]
        lines.append(f"Why: {citation.text}" + (f" <{citation.url}>" if citation.url else ""))
    if finding.waived:
        lines.append(waiver_note(finding.waived))
    return "\n".join(" ".join(line.split()) for line in lines)


def _open(data: bytes):
    import docx

    if not data.startswith(b"PK\x03\x04"):
        raise NotAWordDraft("comments can only be written into a Word (.docx) draft")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - zipfile, lxml and python-docx raise many kinds
        raise NotAWordDraft(f"not a Word (.docx) draft ({type(error).__name__}: {error})") from None


def _line_places(data: bytes) -> dict[int, str | None]:
    """Where each line the reader made of the draft is, by line number: a finding gives only
    the place of its first line, and its quote may run on into the paragraphs after it."""
    from govlint.engine.reading.docx import read_docx

    return {line.number: line.location for line in read_docx("draft.docx", data).lines}


def _qualified(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(name)


class _Body:
    """The draft's top-level paragraphs and tables, numbered as the reader numbers them."""

    def __init__(self, document):
        from docx.table import Table

        self.paragraphs, self.tables = [], []
        for block in document.iter_inner_content():
            (self.tables if isinstance(block, Table) else self.paragraphs).append(block)
        self.document = document

    def anchor(self, finding: Finding, end_location: str | None = None) -> list:
        """The runs a comment on `finding` spans: from its paragraph or table cell to the one
        its quote ends in (`end_location`), else the title."""
        runs = self._at(finding.location, finding.evidence)
        if runs is None:
            return _runs([self._title(finding)])
        if end_location and end_location != finding.location and (last := self._at(end_location, finding.evidence)):
            runs = [runs[0], last[-1]]
        return runs

    def _at(self, location: str | None, evidence: str) -> list | None:
        """The runs of the paragraph or table cell at `location`, or None when it names none."""
        place = _PLACE.match(location or "")
        if not place:
            return None
        kind, number, row = place.group(1), int(place.group(2)), place.group(3)
        if kind == "paragraph" and number <= len(self.paragraphs):
            return _runs([self.paragraphs[number - 1]])
        if kind == "table" and row and number <= len(self.tables):
            rows = self.tables[number - 1].rows
            if int(row) <= len(rows):
                return _runs(_cell_for(rows[int(row) - 1], evidence).paragraphs)
        return None

    def _title(self, finding: Finding):
        """The paragraph that reads as the finding's decision title, else the first with text."""
        wanted = _words(finding.decision_title or "")
        written = [paragraph for paragraph in self.paragraphs if paragraph.text.strip()]
        for paragraph in written:
            if wanted and wanted in _words(paragraph.text):
                return paragraph
        return written[0] if written else self.paragraphs[0] if self.paragraphs else self.document.add_paragraph()


def _cell_for(row, evidence: str):
    """The row's cell that the quoted evidence comes from: the last whose text is in it, so a
    label and its value read as one line ("Key decision: Yes") point at the value."""
    quoted = _words(evidence)
    # python-docx repeats a merged cell once per grid column it spans.
    cells = []
    for cell in row.cells:
        if all(cell._tc is not kept._tc for kept in cells):
            cells.append(cell)
    holding = [cell for cell in cells if (text := _words(cell.text)) and (text in quoted or quoted in text)]
    return holding[-1] if holding else cells[0]


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _runs(paragraphs: list) -> list:
    """The runs from the first to the last of `paragraphs`; an empty paragraph gets an empty
    run, since a comment is anchored on runs."""
    runs = [run for paragraph in paragraphs for run in paragraph.runs]
    return runs or [paragraphs[0].add_run()]


def _fixed_times(package: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            copy.writestr(fixed, source.read(entry))
    return out.getvalue()
