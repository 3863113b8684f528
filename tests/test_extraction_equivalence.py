"""The same paper read as text, as a Word file and as a PDF gives the same decisions.

Papers reach govlint through different extractions; the reader must not depend on one. Each
paper of the families written for the project, and each plain-text layout of the corpus, is
printed into a PDF (with page breaks and a page-number footer, which drop its blank lines at
page ends) and into a Word file of one paragraph a line, then read back.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import read_paper
from govlint.engine.records.model import to_dict
from tests.conftest import require_shared
from tests.gold_compare import DECISION_FIELDS, _get, values_equal
from tests.paper_builder import write_pdf_pages

FAMILIES = Path(__file__).parent / "fixtures" / "families"
LINES_A_PAGE = 45


def _plain(path: Path) -> bool:
    """Tables drawn with TABs or pipes are a text export's own shape, not a printed page's."""
    text = path.read_text(encoding="utf-8")
    return "\t" not in text and "|" not in text


def _papers() -> list[Path]:
    return sorted(path for path in FAMILIES.glob("*.txt") if _plain(path))


def _write_docx(path: Path, lines: list[str]) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _differences(source: Path, tmp_path: Path) -> dict[str, list]:
    lines = source.read_text(encoding="utf-8").split("\n")
    printed = {
        "pdf": write_pdf_pages(tmp_path / f"{source.stem}.pdf", [lines[i : i + LINES_A_PAGE] for i in range(0, len(lines), LINES_A_PAGE)], footer="Page {page}"),
        "docx": _write_docx(tmp_path / f"{source.stem}.docx", lines),
    }
    expected = to_dict(parse_paper(read_paper(source)))["decisions"]
    found = {}
    for kind, path in printed.items():
        decisions = to_dict(parse_paper(read_paper(path)))["decisions"]
        assert len(decisions) == len(expected), (kind, source.name)
        found[kind] = [
            (name, _get(want, name), _get(got, name))
            for want, got in zip(expected, decisions)
            for name in DECISION_FIELDS
            if name != "lines" and not values_equal(name, _get(got, name), _get(want, name))
        ]
    return found


@pytest.mark.parametrize("source", _papers(), ids=lambda path: path.stem)
def test_family_papers_read_the_same_in_every_format(source: Path, tmp_path: Path) -> None:
    assert _differences(source, tmp_path) == {"pdf": [], "docx": []}


def test_corpus_layouts_read_the_same_in_every_format(tmp_path: Path) -> None:
    layouts = require_shared("corpus", "layouts")
    papers = [path for path in sorted(layouts.glob("*.txt")) if _plain(path)]
    assert papers
    for source in papers:
        assert _differences(source, tmp_path) == {"pdf": [], "docx": []}, source.name


@pytest.mark.parametrize("mode", [(), ("-layout",)], ids=["pdftotext", "pdftotext-layout"])
def test_kcc_pdfs_extracted_by_another_tool_read_the_same(mode: tuple[str, ...], gold_corpus, parsed_gold_corpus, tmp_path: Path) -> None:
    """The real 2025 KCC PDFs as poppler's pdftotext extracts them (labels stacked over their
    values, headings without their numbers) give the decisions govlint reads from the PDFs."""
    import os
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        message = "pdftotext not found: install Debian's poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    differences = []
    for paper in (p for p in gold_corpus if p.folder == "kcc-2025" and p.gold["decisions"]):
        text = tmp_path / f"{paper.stem}.txt"
        subprocess.run(["pdftotext", *mode, str(paper.path), str(text)], check=True, stderr=subprocess.DEVNULL)
        expected = parsed_gold_corpus[paper.stem]["decisions"]
        decisions = to_dict(parse_paper(read_paper(text)))["decisions"]
        assert len(decisions) == len(expected), paper.stem
        differences += [
            (paper.stem, name, _get(want, name), _get(got, name))
            for want, got in zip(expected, decisions)
            for name in DECISION_FIELDS
            if name != "lines" and not values_equal(name, _get(got, name), _get(want, name))
        ]
    assert differences == []
