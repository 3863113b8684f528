"""Hostile inputs made by small generators (no stored bombs), and runs of govlint on them in a
subprocess bounded in address space and time, measuring wall time and peak memory.

    python -m bench.hostile [ROW ...]

prints, for each row of issue 11's table, the exit status, seconds, peak resident memory and
the first line on standard error. tests/test_hostile.py runs the same rows with assertions.
The 19 MB paper repeats a real KCC proposed record of decision from ../shared/corpus.
"""
from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GOVLINT_SHARED", REPO.parent / "shared"))
EXAMPLES = REPO / "examples" / "papers"
# The bundle holding a real KCC PROD (20/00098), and its first and last line.
PROD_BUNDLE = "000_f262f526448a12a6.txt"
PROD_LINES = (856, 991)
_MAIN = "import sys; from govlint.checks.cli import main; sys.exit(main(prog_name='govlint'))"
_MB = 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def problem_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line]


def run_bounded(args: list[str], cwd: Path, memory_mb: int = 1536, timeout: float = 120, env: dict | None = None) -> Outcome:
    """`govlint ARGS` in a child process whose address space is capped at `memory_mb`, killed
    after `timeout` seconds; its exit status, output, wall time and peak resident memory."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * _MB, memory_mb * _MB))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", _MAIN, *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            preexec_fn=cap, env={**os.environ, **(env or {})},
        )
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Outcome(process.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                       seconds, usage.ru_maxrss / 1024)


# --- papers ---------------------------------------------------------------------------------


def good_papers(folder: Path, count: int = 2) -> list[Path]:
    """Copies of the shipped example papers: real layouts that parse and check cleanly."""
    papers = []
    for source in sorted(EXAMPLES.glob("*.txt"))[:count]:
        path = folder / source.name
        path.write_bytes(source.read_bytes())
        papers.append(path)
    return papers


def long_titled_paper(path: Path, length: int = 5000) -> Path:
    """The first example paper with its title replaced by `length` "a"s and a "!"."""
    text = sorted(EXAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")
    lines = [f"Subject: {'a' * length}!" if line.startswith("Subject:") else line for line in text.splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def contact_block_paper(path: Path, length: int = 60_000) -> Path:
    """A report cover whose contact block holds one unspaced line of `length` characters."""
    cover = "From: Jo Smith, Cabinet Member for Highways\nTo: Cabinet – 1 May 2024\nSubject: Bus network\n\n1. Contact details:\n"
    path.write_text(cover + "x" * length + "\n", encoding="utf-8")
    return path


def prod_text() -> str:
    """A real KCC proposed record of decision, as the text bundle prints it."""
    lines = (SHARED / "corpus" / PROD_BUNDLE).read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[PROD_LINES[0] - 1 : PROD_LINES[1]])


def repeated_prod(path: Path, size: int) -> Path:
    """A paper of about `size` bytes: the real PROD over and over."""
    text = prod_text()
    path.write_text(text * max(1, size // len(text.encode("utf-8"))), encoding="utf-8")
    return path


def non_utf8_named(folder: Path) -> Path:
    """A good paper whose file name is not valid UTF-8 (byte 0xff)."""
    name = os.path.join(os.fsencode(folder), b"paper-\xff.txt")
    with open(name, "wb") as handle:
        handle.write(sorted(EXAMPLES.glob("*.txt"))[1].read_bytes())
    return Path(os.fsdecode(name))


# --- Word and PDF bombs ---------------------------------------------------------------------

# The two parts besides the body that make a zip a Word document python-docx opens.
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)


def docx_bomb(path: Path, expanded_mb: int = 200, declare: int | None = None) -> Path:
    """A small zip whose word/document.xml inflates to `expanded_mb` MB of spaces.

    With `declare`, the zip's headers state that size instead of the real one, as a crafted
    file can; zip readers that trust the header would expand far more than they planned for.
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w") as part:
            chunk = b" " * _MB
            for _ in range(expanded_mb):
                part.write(chunk)
    if declare is not None:
        data = bytearray(path.read_bytes())
        real = (expanded_mb * _MB).to_bytes(4, "little")
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            at = _header_of(data, signature, b"word/document.xml")
            assert data[at + offset : at + offset + 4] in (real, b"\0\0\0\0"), "unexpected zip layout"
            data[at + offset : at + offset + 4] = declare.to_bytes(4, "little")
        path.write_bytes(bytes(data))
    return path


def _header_of(data: bytearray, signature: bytes, name: bytes) -> int:
    """The offset of the local (PK\\3\\4) or central (PK\\1\\2) header of the member `name`."""
    name_at = 30 if signature == b"PK\x03\x04" else 46
    at = data.find(signature)
    while at >= 0 and data[at + name_at : at + name_at + len(name)] != name:
        at = data.find(signature, at + 1)
    return at


def _pdf(objects: list[bytes], broken_xref: bool = False) -> bytes:
    """A PDF of these objects (numbered from 1) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % (offset + (7 if broken_xref else 0)))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, compress: bool = True) -> bytes:
    body = zlib.compress(data, 9) if compress else data
    flate = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(body), flate) + body + b"\nendstream"


def _page_objects(content: bytes, media_box: bytes = b"[0 0 612 792]", pages: int = 1) -> list[bytes]:
    """Catalog, page tree, font and content, then `pages` pages that all show that content."""
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + [page] * pages


def pdf_flate_bomb(path: Path, expanded_mb: int = 200) -> Path:
    """A one-page PDF whose content stream inflates to `expanded_mb` MB of spaces."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * _MB
    body = b"".join(squeeze.compress(chunk) for _ in range(expanded_mb)) + squeeze.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    path.write_bytes(_pdf(_page_objects(stream)))
    return path


def text_pdf(text: str = "Decision No: 24/00031", media_box: bytes = b"[0 0 612 792]", broken_xref: bool = False, pages: int = 1) -> bytes:
    content = b"BT /F1 12 Tf 72 700 Td (" + text.encode("latin-1") + b") Tj ET"
    return _pdf(_page_objects(_stream(content), media_box, pages), broken_xref)


def damaged_pdfs(folder: Path) -> list[Path]:
    """PDFs damaged the ways fuzzing finds, each of which makes pdfminer log a warning."""
    cases = {
        "bad-mediabox.pdf": text_pdf(media_box=b"[0 0 612]"),
        "shifted-xref.pdf": text_pdf(broken_xref=True),
        "truncated.pdf": text_pdf()[:-60],
    }
    paths = []
    for name, data in cases.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


# --- packs, configs, baselines --------------------------------------------------------------

PACK_HEAD = """\
id: PACK_ID
title: Hostile pack
version: 1.0.0
sources:
  - {id: regs, citation: SI 2012/2089, url: "https://www.legislation.gov.uk/uksi/2012/2089/contents"}
rules:
"""


def pack_with_rule(path: Path, when: str, message: str = "{decision_no} flagged") -> Path:
    rule = f"""\
  - id: hostile-rule
    title: Hostile rule
    severity: error
    applies_to: {{kinds: [decision]}}
    when: {when}
    message: {json.dumps(message)}
    citations: [{{source: regs, provision: reg 12}}]
"""
    path.write_text(PACK_HEAD.replace("PACK_ID", path.stem, 1) + rule, encoding="utf-8")
    return path


def pattern_pack(path: Path, pattern: str) -> Path:
    return pack_with_rule(path, "{field: title, matches: " + json.dumps(pattern) + "}")


def deep_condition_pack(path: Path, levels: int = 10_000) -> Path:
    """A rule whose condition is `all:` inside `all:` `levels` deep (flow style, one line)."""
    return pack_with_rule(path, "{all: [" * levels + "{field: urgent, eq: true}" + "]}" * levels)


def deep_yaml(path: Path, levels: int = 10_000) -> Path:
    path.write_text("id: deep\nrules: " + "[" * levels + "]" * levels + "\n", encoding="utf-8")
    return path


def deep_json(path: Path, levels: int = 10_000) -> Path:
    path.write_text('{"version": 1, "findings": ' + "[" * levels + "]" * levels + "}", encoding="utf-8")
    return path


# --- the rows -------------------------------------------------------------------------------


def rows(folder: Path) -> dict[str, list[str]]:
    """Issue 11's hostile rows, each as the govlint arguments that run it (files made in `folder`)."""
    folder.mkdir(parents=True, exist_ok=True)
    good = [str(p) for p in good_papers(folder)]
    damaged = [str(p) for p in damaged_pdfs(folder)]
    fifo = folder / "fifo.yaml"
    if not fifo.exists():
        os.mkfifo(fifo)
    return {
        "contact line 60k": ["parse", str(contact_block_paper(folder / "contact.txt"))],
        "contact line 133k": ["parse", str(contact_block_paper(folder / "contact133.txt", 133_000))],
        "docx bomb": ["parse", str(docx_bomb(folder / "bomb.docx"))],
        "docx bomb, declared small": ["parse", str(docx_bomb(folder / "liar.docx", declare=1000))],
        "pdf flate bomb": ["parse", str(pdf_flate_bomb(folder / "bomb.pdf"))],
        "regex compile bomb, validate": ["rules", "validate", str(pattern_pack(folder / "bomb-pattern.yaml", "(?:(?:a{1000}){1000}){1000}"))],
        "regex compile bomb, check": ["check", "--no-config", "--pack", str(folder / "bomb-pattern.yaml"), *good],
        "message width": ["rules", "validate", str(pack_with_rule(folder / "width.yaml", "{field: urgent, eq: true}", "{decision_no:>999999999}"))],
        "slow pattern, check": ["check", "--no-config", "--pack", str(pattern_pack(folder / "slow.yaml", "(a+)+$")), *good, str(long_titled_paper(folder / "long-title.txt"))],
        "slow pattern, report json": ["report", "--no-config", "--pack", str(folder / "slow.yaml"), "--format", "json", "-o", str(folder / "out.json"), *good, str(folder / "long-title.txt")],
        "deep pack": ["rules", "validate", str(deep_yaml(folder / "deep.yaml"))],
        "deep condition": ["rules", "validate", str(deep_condition_pack(folder / "deep-condition.yaml"))],
        "deep config": ["check", "--config", str(deep_yaml(folder / "deep-config.yaml")), *good],
        "deep baseline": ["check", "--no-config", "--baseline", str(deep_json(folder / "deep-baseline.json")), *good],
        "baseline /dev/zero": ["check", "--no-config", "--baseline", "/dev/zero", *good],
        "config FIFO": ["check", "--config", str(fifo), *good],
        "baseline FIFO": ["check", "--no-config", "--baseline", str(fifo), *good],
        "non-UTF-8 name, json": ["check", "--no-config", "--format", "json", str(non_utf8_named(folder))],
        "non-UTF-8 name, sarif": ["check", "--no-config", "--format", "sarif", str(non_utf8_named(folder))],
        "output into missing dir": ["check", "--no-config", "-o", str(folder / "missing" / "out.txt"), *good],
        "output onto a dir": ["check", "--no-config", "-o", str(folder), *good],
        "output onto /dev/full": ["check", "--no-config", "-o", "/dev/full", *good],
        "report onto /dev/full": ["report", "--no-config", "--format", "json", "-o", "/dev/full", *good],
        "damaged PDFs": ["parse", *damaged],
        "19 MB paper": ["check", "--no-config", "-q", str(repeated_prod(folder / "prod-19mb.txt", 19 * 1000 * 1000))],
    }


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        table = rows(Path(scratch))
        print(f"{'row':32} {'exit':>4} {'seconds':>8} {'peak MB':>8}  first line on stderr")
        for name, args in table.items():
            if argv and name not in argv:
                continue
            outcome = run_bounded(args, Path(scratch), memory_mb=8192, timeout=600)
            first = (outcome.problem_lines or [""])[0]
            print(f"{name:32} {outcome.code:>4} {outcome.seconds:>8.2f} {outcome.peak_mb:>8.0f}  {first[:150]}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
