"""`govlint check DRAFT.docx --annotate COPY.docx`: each finding a Word comment on the paragraph
or table cell its evidence quotes, found again in the copy with python-docx."""
from __future__ import annotations

import dataclasses
import hashlib
import html
import re
import shutil
import subprocess
import zipfile

import docx
import pytest

from govlint.checks.formatters.docx_comments import AUTHOR, annotate
from govlint.engine.checking.batch import parse_file
from govlint.engine.checking.run import check_papers
from govlint.engine.packs.loader import load_pack
from tests.drafts import cli_findings, govlint, write_gapped_draft
from tests.paper_builder import write_text


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def comments_by_place(path) -> dict[str, list[str]]:
    """Each comment's text under the place it is anchored on, named as the reader names places."""
    document = docx.Document(str(path))
    texts = {comment.comment_id: comment.text for comment in document.comments if comment.author == AUTHOR}
    places: dict[str, list[str]] = {}
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            tables += 1
            for number, row in enumerate(block.rows, start=1):
                for cell in {id(cell._tc): cell for cell in row.cells}.values():
                    for anchor in cell._tc.xpath(".//w:commentRangeStart/@w:id"):
                        places.setdefault(f"table {tables} row {number}", []).append((cell.text, texts[int(anchor)]))
        else:
            paragraphs += 1
            for anchor in block._p.xpath(".//w:commentRangeStart/@w:id"):
                places.setdefault(f"paragraph {paragraphs}", []).append((block.text, texts[int(anchor)]))
    return places


@pytest.mark.parametrize("as_table", [True, False], ids=["form-as-table", "form-as-paragraphs"])
def test_each_finding_is_a_comment_on_the_text_it_quotes(tmp_path, as_table):
    draft = write_gapped_draft(tmp_path / "draft.docx", as_table)
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    findings = cli_findings(draft, tmp_path)
    assert {"eqia-missing", "dpia-missing", "key-decision-flag-present"} <= {f["rule"] for f in findings}

    run = govlint("check", "--no-config", "--fail-on", "never", draft.name, "--annotate", "reviewed.docx", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before, "the draft itself was changed"
    places = comments_by_place(tmp_path / "reviewed.docx")
    assert sum(len(found) for found in places.values()) == len(findings)
    for finding in findings:
        anchored = places.get(finding["location"], [])
        comment = [(text, note) for text, note in anchored if finding["message"] in note]
        assert len(comment) == 1, f"{finding['rule']}: no comment on {finding['location']}: {anchored}"
        text, note = comment[0]
        # The commented paragraph or cell holds the quoted text (or its first line, when the
        # reader joined a label with the value under it).
        assert _words(text) and (_words(text) in _words(finding["evidence"]) or _words(finding["evidence"]) in _words(text))
        assert note.startswith(finding["severity"].upper())
        assert f"Fix: {' '.join(finding['remediation'].split())}" in note
        assert finding["citation"][0]["text"] in note


def test_a_comment_spans_the_paragraphs_of_its_quote(tmp_path):
    """The form typed as paragraphs: a label and its value are two paragraphs that the reader
    quotes as one; the comment runs from the first to the last of them."""
    draft = write_gapped_draft(tmp_path / "draft.docx", as_table=False)
    findings = cli_findings(draft, tmp_path)
    assert any(finding["end_line"] > finding["line"] for finding in findings)
    assert govlint("check", "--no-config", "-q", draft.name, "--annotate", "reviewed.docx", cwd=tmp_path).returncode == 1
    document = docx.Document(str(tmp_path / "reviewed.docx"))
    texts = {comment.comment_id: comment.text for comment in document.comments}
    spans: dict[int, list[str]] = {}
    open_ids: set[int] = set()
    for paragraph in document.paragraphs:
        open_ids |= {int(i) for i in paragraph._p.xpath(".//w:commentRangeStart/@w:id")}
        for comment_id in open_ids:
            spans.setdefault(comment_id, []).append(paragraph.text)
        open_ids -= {int(i) for i in paragraph._p.xpath(".//w:commentRangeEnd/@w:id")}
    for finding in findings:
        [span] = [span for comment_id, span in spans.items() if finding["message"] in texts[comment_id]]
        assert _words(" ".join(span)) == _words(finding["evidence"]), finding["rule"]


def test_a_finding_without_a_place_is_a_comment_on_the_title(tmp_path):
    draft = write_gapped_draft(tmp_path / "draft.docx")
    result = check_papers([parse_file(str(draft), 10**7)], [load_pack("kent-county-council")])
    placeless = dataclasses.replace(result.findings[0], location=None)
    (tmp_path / "copy.docx").write_bytes(annotate(draft.read_bytes(), [placeless]))
    [(place, [(text, note)])] = comments_by_place(tmp_path / "copy.docx").items()
    assert place.startswith("paragraph ")
    assert _words(placeless.decision_title) in _words(text)
    assert placeless.message in note


def test_a_waived_finding_says_so_in_its_comment(tmp_path):
    from datetime import date

    from govlint.engine.checking.findings import Waiver, WaiverMark

    draft = write_gapped_draft(tmp_path / "draft.docx")
    finding = check_papers([parse_file(str(draft), 10**7)], [load_pack("kent-county-council")]).findings[0]
    waiver = Waiver(finding.decision_no, finding.rule, "Agreed with the monitoring officer", "J. Smith", date(2030, 1, 1))
    (tmp_path / "copy.docx").write_bytes(annotate(draft.read_bytes(), [dataclasses.replace(finding, waived=WaiverMark(waiver, False))]))
    [[(_, note)]] = comments_by_place(tmp_path / "copy.docx").values()
    assert "waived: Agreed with the monitoring officer (approved by J. Smith, expires 2030-01-01)" in note


def test_the_copy_is_the_same_for_the_same_draft(tmp_path):
    draft = write_gapped_draft(tmp_path / "draft.docx")
    for name in ("one.docx", "two.docx"):
        assert govlint("check", "--no-config", "-q", draft.name, "--annotate", name, cwd=tmp_path).returncode == 1
    assert (tmp_path / "one.docx").read_bytes() == (tmp_path / "two.docx").read_bytes()


def test_a_paper_that_is_not_word_is_refused_clearly(tmp_path):
    write_text(tmp_path / "draft.docx")  # a text paper, whatever its name says
    run = govlint("check", "--no-config", "draft.docx", "--annotate", "reviewed.docx", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == "govlint: draft.docx: --annotate writes comments into a Word (.docx) draft; this is a text file"
    assert not (tmp_path / "reviewed.docx").exists()


@pytest.mark.parametrize("paths", [("draft.docx", "other.docx"), (".",)], ids=["two-papers", "a-directory"])
def test_annotate_takes_one_word_draft(tmp_path, paths):
    write_gapped_draft(tmp_path / "draft.docx")
    write_gapped_draft(tmp_path / "other.docx")
    run = govlint("check", "--no-config", *paths, "--annotate", "reviewed.docx", cwd=tmp_path)
    assert run.returncode == 2 and "--annotate takes exactly one paper" in run.stderr
    assert not (tmp_path / "reviewed.docx").exists()


def test_the_draft_is_never_overwritten(tmp_path):
    draft = write_gapped_draft(tmp_path / "draft.docx")
    before = draft.read_bytes()
    run = govlint("check", "--no-config", "draft.docx", "--annotate", "./draft.docx", cwd=tmp_path)
    assert run.returncode == 2 and "the draft is never changed" in run.stderr
    assert draft.read_bytes() == before


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_reads_each_comment_of_the_copy(tmp_path):
    """LibreOffice opens the copy and finds every comment, by govlint, with its text."""
    draft = write_gapped_draft(tmp_path / "draft.docx")
    findings = cli_findings(draft, tmp_path)
    govlint("check", "--no-config", "-q", draft.name, "--annotate", "reviewed.docx", cwd=tmp_path)
    converted = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "odt",
         "--outdir", str(tmp_path / "out"), str(tmp_path / "reviewed.docx")],
        capture_output=True, text=True, timeout=120,
    )
    assert converted.returncode == 0, converted.stderr
    with zipfile.ZipFile(tmp_path / "out" / "reviewed.odt") as odt:
        content = odt.read("content.xml").decode("utf-8")
    annotations = re.findall(r"<office:annotation\b.*?</office:annotation>", content, re.S)
    assert len(annotations) == len(findings)
    assert all("<dc:creator>govlint</dc:creator>" in note for note in annotations)
    for finding in findings:
        assert any(html.escape(finding["message"], quote=False) in note for note in annotations), finding["rule"]
