"""Word and PDF papers: the same paper read from .txt, .docx and .pdf gives the same decision.

The files are built by tests/paper_builder.py from one content, so no binary fixture is
committed. Bad Word and PDF files are refused with one clear reason each.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import asdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main
from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import UnreadablePaper, read_paper
from tests.paper_builder import write_docx, write_pdf, write_pdf_as_published, write_text

# Where a field sits differs by format (line numbers, evidence); everything else must match.
_PLACE = {"lines", "evidence"}


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("papers")
    return {
        "txt": write_text(folder / "paper.txt"),
        "docx": write_docx(folder / "paper.docx"),
        "pdf": write_pdf_as_published(folder / "paper.pdf"),
    }


@pytest.fixture(scope="module")
def parsed(papers):
    return {kind: parse_paper(read_paper(path)) for kind, path in papers.items()}


def decision_fields(parsed_paper) -> dict:
    """A decision's values without where they sit (lines, evidence, each document's file and lines)."""
    [decision] = parsed_paper.decisions
    fields = {name: value for name, value in asdict(decision).items() if name not in _PLACE}
    fields["documents"] = [{name: value for name, value in document.items() if name not in ("source", "lines")} for document in fields["documents"]]
    return fields


def document_outline(parsed_paper) -> list[tuple]:
    return [(document.kind, document.title, document.decision_no) for document in parsed_paper.documents]


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_decision_fields_equal_those_of_the_text_version(parsed, kind: str) -> None:
    assert decision_fields(parsed[kind]) == decision_fields(parsed["txt"])
    assert document_outline(parsed[kind]) == document_outline(parsed["txt"])


def test_the_text_version_reads_the_fields_the_builder_wrote(parsed) -> None:
    fields = decision_fields(parsed["txt"])
    assert fields["decision_no"] == "24/00031"
    assert fields["decision_maker"] == "Cabinet Member for Adult Social Care and Public Health"
    assert (fields["key_decision"], fields["eqia_status"], fields["interests_field"]) == (True, "completed", "blank")
    assert fields["money_gbp"] == [600000.0, 2400000.0]


def test_word_evidence_names_the_paragraph_or_table_row(parsed) -> None:
    evidence = parsed["docx"].decisions[0].evidence
    assert evidence["decision_maker"].location == "table 1 row 1"
    assert evidence["key_decision"].location == "table 1 row 4"
    assert evidence["interests_field"].location == "table 1 row 14"
    assert evidence["past_pathway"].location == "paragraph 7"


def test_pdf_evidence_gives_page_and_line(parsed, papers) -> None:
    paper = read_paper(papers["pdf"])
    evidence = parsed["pdf"].decisions[0].evidence
    for name in ("decision_maker", "key_decision", "past_pathway", "interests_field"):
        assert re.fullmatch(r"page \d+ line \d+", evidence[name].location)
        assert paper.line(evidence[name].line).location == evidence[name].location
    assert evidence["past_pathway"].location.startswith("page 1 ")


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_every_evidence_of_a_word_or_pdf_paper_is_located(parsed, kind: str) -> None:
    evidence = parsed[kind].decisions[0].evidence
    assert "max_money_gbp" in evidence
    assert {name for name, quote in evidence.items() if not quote.location} == set()


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_lines_are_numbered_in_order_and_all_located(papers, kind: str) -> None:
    lines = read_paper(papers[kind]).lines
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    assert all(line.location for line in lines)


def test_a_form_row_keeps_its_label_and_value_on_one_line(papers) -> None:
    for kind in ("docx", "pdf"):
        texts = [line.text for line in read_paper(papers[kind]).lines]
        assert "Key decision: Yes" in texts
        assert "DECISION NO: 24/00031" in texts


def test_the_reportlab_pdf_reads_like_the_text_version(parsed, tmp_path: Path) -> None:
    # The published-pack path may be LibreOffice; the reportlab print must hold as well.
    pdf = parse_paper(read_paper(write_pdf(tmp_path / "printed.pdf")))
    assert decision_fields(pdf) == decision_fields(parsed["txt"])


# --- bad input ------------------------------------------------------------------------------


def refusal(path: Path) -> str:
    with pytest.raises(UnreadablePaper) as caught:
        read_paper(path)
    assert caught.value.path == str(path) and "\n" not in caught.value.reason
    return caught.value.reason


def encrypted(source: Path, target: Path, user_password: str) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=source)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    writer.write(target)
    return target


def scanned(target: Path) -> Path:
    """A page that is only a picture, as a scanner makes it."""
    from PIL import Image
    from reportlab.pdfgen import canvas

    picture = target.with_suffix(".png")
    Image.new("RGB", (400, 200), "white").save(picture)
    page = canvas.Canvas(str(target))
    page.drawImage(str(picture), 50, 500, 400, 200)
    page.showPage()
    page.save()
    return target


@pytest.fixture
def bad(tmp_path: Path, papers) -> dict[str, Path]:
    docx_bytes = papers["docx"].read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(docx_bytes[: len(docx_bytes) // 2])
    not_word = tmp_path / "archive.docx"
    with zipfile.ZipFile(not_word, "w") as archive:
        archive.writestr("notes.txt", "not a document")
    old_word = tmp_path / "old.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    return {
        "encrypted": encrypted(papers["pdf"], tmp_path / "encrypted.pdf", user_password="secret"),
        "scanned": scanned(tmp_path / "scanned.pdf"),
        "truncated": truncated,
        "not_word": not_word,
        "old_word": old_word,
        "broken_pdf": broken_pdf,
    }


def test_each_bad_file_has_one_clear_reason(bad) -> None:
    assert refusal(bad["encrypted"]) == "encrypted PDF: it needs a password to open; save an unprotected copy"
    assert refusal(bad["scanned"]) == "no text layer: this PDF needs OCR first"
    assert refusal(bad["truncated"]).startswith("corrupt Word document")
    assert refusal(bad["not_word"]) == "a zip file but not a Word document (no word/document.xml)"
    assert refusal(bad["old_word"]) == "an old binary Word .doc file: save it as .docx or .pdf"
    assert refusal(bad["broken_pdf"]).startswith("corrupt PDF")


def test_a_pdf_locked_only_against_editing_is_read(papers, parsed, tmp_path: Path) -> None:
    locked = encrypted(papers["pdf"], tmp_path / "locked.pdf", user_password="")
    assert decision_fields(parse_paper(read_paper(locked))) == decision_fields(parsed["txt"])


@pytest.mark.parametrize(("source", "misnamed"), [("pdf", "paper.docx"), ("txt", "paper.pdf"), ("docx", "paper.pdf")])
def test_a_file_with_the_wrong_extension_is_read_for_what_it_holds(papers, parsed, tmp_path: Path, source, misnamed) -> None:
    path = tmp_path / misnamed
    shutil.copy(papers[source], path)
    assert decision_fields(parse_paper(read_paper(path))) == decision_fields(parsed["txt"])


# --- the command line -----------------------------------------------------------------------


def test_parse_reads_a_directory_of_text_word_and_pdf(papers, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    for path in papers.values():
        shutil.copy(path, folder / path.name)
    result = CliRunner().invoke(main, ["parse", "--format", "json", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    files = json.loads(result.stdout)["files"]
    assert [Path(file["source"]).name for file in files] == ["paper.docx", "paper.pdf", "paper.txt"]
    assert {file["decisions"][0]["decision_no"] for file in files} == {"24/00031"}
    locations = {Path(file["source"]).suffix: file["decisions"][0]["evidence"]["decision_maker"]["location"] for file in files}
    assert locations[".docx"] == "table 1 row 1" and locations[".txt"] is None
    assert re.fullmatch(r"page \d+ line \d+", locations[".pdf"])


def test_parse_reports_each_bad_file_on_one_line_and_reads_the_rest(papers, bad, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", "--format", "json", str(papers["docx"]), *map(str, bad.values())], catch_exceptions=False)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == len(bad)
    assert all(line.startswith("govlint: ") for line in result.stderr.splitlines())
    assert [file["decisions"][0]["decision_no"] for file in json.loads(result.stdout)["files"]] == ["24/00031"]


def test_reading_text_papers_does_not_load_the_word_and_pdf_libraries(papers) -> None:
    script = (
        "import sys; from govlint.engine.reading.files import read_paper; from govlint.engine.extraction.paper import parse_paper; import govlint.checks.cli; "
        f"parse_paper(read_paper({str(papers['txt'])!r})); "
        "print(sorted(name for name in ('docx', 'pypdfium2', 'pdfplumber', 'pdfminer', 'lxml') if name in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1])
    assert loaded.stdout.strip() == "[]"
