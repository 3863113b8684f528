"""Paper files into `Paper`s: finding input files, decoding them, refusing bad ones.

Nothing given is dropped silently: a file that cannot be read, a path that does not exist and
a directory that holds no papers each become an `UnreadablePaper` with a one-line reason,
which callers report before going on with the other files.

Decoding: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252, the usual
encoding of text saved from Word on Windows. A Windows-1252 file is a correct reading, not a
problem ('£' is byte 0xA3 there), so it is decoded without a warning.

Word (.docx) and PDF files are told by their first bytes, not their names, so a PDF saved
as .docx or a text file named .pdf is still read for what it is (`sniff`).
"""
from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from typing import Iterable

from govlint.engine.common.limits import FILE_SIZE, LINE_LENGTH, Refused, display_name, read_regular_file
from govlint.engine.reading.lines import Paper, paper_from_text

TEXT_SUFFIXES = (".txt", ".md")
PAPER_SUFFIXES = TEXT_SUFFIXES + (".docx", ".pdf")
DEFAULT_MAX_BYTES = FILE_SIZE.bytes


class UnreadablePaper(Exception):
    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    """The text of a paper file; ValueError with the reason when it is not text."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                raise ValueError("not text: starts with a UTF-16 byte-order mark but is not UTF-16") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes); expected extracted text")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError as error:
        raise ValueError(f"not text: byte 0x{data[error.start]:02x} at offset {error.start} is neither UTF-8 nor Windows-1252") from None


def read_bytes(name: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, else UnreadablePaper."""
    try:
        return read_regular_file(name, max_bytes)
    except Refused as error:
        raise UnreadablePaper(display_name(name), str(error)) from None


def read_paper(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, furniture: Iterable[re.Pattern[str]] = ()) -> Paper:
    """The paper in a file of any supported kind; its `source` is the name as any output can
    print it (see limits.display_name).

    `furniture`: compiled patterns of lines that are page furniture, not content (a reader
    profile's); a line whose whole cleaned text one of them matches keeps its place with empty text.
    """
    name = os.fspath(path)
    furniture = tuple(furniture)
    data = read_bytes(name, max_bytes)
    shown = display_name(name)
    if not data.strip():
        raise UnreadablePaper(shown, "empty file")
    paper = read_document(shown, data, furniture)
    if paper is None:
        try:
            decoded = decode(data)
        except ValueError as error:
            raise UnreadablePaper(shown, str(error)) from None
        paper = paper_from_text(shown, decoded.text, furniture)
    _check_lines(paper)
    return paper


def _check_lines(paper: Paper) -> None:
    limit = LINE_LENGTH.count
    longest = max(paper.lines, key=lambda line: len(line.raw), default=None)
    if longest is not None and len(longest.raw) > limit:
        where = f"line {longest.number}" + (f" ({longest.location})" if longest.location else "")
        raise UnreadablePaper(paper.source, LINE_LENGTH.refusal(f"{where} is {len(longest.raw):,} characters"))


def sniff(data: bytes) -> str:
    """What a file holds by its first bytes, whatever its name: "pdf", "zip", "doc" or "text"."""
    # PDF readers accept the header anywhere in the first kilobyte, after junk a mailer left.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    return "text"


def read_document(name: str, data: bytes, furniture: Iterable[re.Pattern[str]] = ()) -> Paper | None:
    """The paper in a Word or PDF file (found by content, not name); None when `data` is text."""
    kind = sniff(data)
    if kind == "text":
        return None  # before the Word and PDF readers are imported: a text paper needs neither
    from govlint.engine.reading.docx import NotWordDocument, read_docx
    from govlint.engine.reading.pdf import NotReadablePdf, read_pdf

    if kind == "doc":
        raise UnreadablePaper(name, "an old binary Word .doc file: save it as .docx or .pdf")
    try:
        if kind == "pdf":
            return read_pdf(name, data, furniture)
        if kind == "zip":
            return read_docx(name, data, furniture)
    except (NotWordDocument, NotReadablePdf) as error:
        raise UnreadablePaper(name, str(error)) from None
    return None


def _walk(directory: str, suffixes: tuple[str, ...], problems: list[UnreadablePaper]) -> list[str]:
    """Paper files under `directory`, including entries that will fail to read (broken links, FIFOs)."""

    def unlistable(error: OSError) -> None:
        problems.append(UnreadablePaper(error.filename or directory, f"cannot list directory: {error.strerror or error}"))

    found = []
    for folder, subfolders, files in os.walk(directory, onerror=unlistable):
        subfolders.sort()
        found.extend(os.path.join(folder, name) for name in files if name.lower().endswith(suffixes))
    if not found:
        named = " or ".join(filter(None, (", ".join(suffixes[:-1]), suffixes[-1])))
        problems.append(UnreadablePaper(directory, f"no {named} files in this directory"))
    return found


def find_papers(paths: list[str], suffixes: tuple[str, ...] = PAPER_SUFFIXES) -> tuple[list[str], list[UnreadablePaper]]:
    """Expand files and directories (recursively) into a sorted, de-duplicated list of paper files.

    A named file is taken whatever its suffix; in directories only `suffixes` are read.
    Paths that do not exist and directories that cannot be listed come back as problems.
    """
    found: set[str] = set()
    problems: list[UnreadablePaper] = []
    for given in paths:
        path = os.path.normpath(given)
        if os.path.isdir(path):
            found.update(_walk(path, suffixes, problems))
        elif os.path.lexists(path):
            found.add(path)
        else:
            problems.append(UnreadablePaper(given, "no such file or directory"))
    return sorted(found), problems
