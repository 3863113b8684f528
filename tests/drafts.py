"""Word drafts with known gaps, and a `govlint serve` started and stopped by the tests.

The drafts are paper_builder's KCC paper with fields of its record of decision left blank or
taken out, the way an author's unfinished draft has them: once as the council's form (a table
of label and value rows) and once with the form typed out as paragraphs.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from tests.paper_builder import PROD, PROD_HEADING, REPORT, SIGNATURE, Form, Row, write_docx

BLANKED = ("Equalities implications:", "Data Protection implications:")
REMOVED = ("Key decision:",)


def _gapped_rows() -> list[Row]:
    return [Row(row.label, (), row.label_above) if row.label in BLANKED else row for row in PROD.rows if row.label not in REMOVED]


def gapped_blocks(as_table: bool = True) -> tuple:
    """paper_builder blocks of the draft, for its writers of text, Word and PDF."""
    rows = _gapped_rows()
    if as_table:
        form = (Form(tuple(rows)),)
    else:
        form = tuple(text for row in rows for text in (row.label, *row.value))
    return (*REPORT, PROD_HEADING, *form, *SIGNATURE)


def write_gapped_draft(path: Path, as_table: bool = True) -> Path:
    return write_docx(path, gapped_blocks(as_table))


GOVLINT = (sys.executable, "-c", "from govlint.checks.cli import main; main()")


def govlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*GOVLINT, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def cli_findings(draft: Path, cwd: Path) -> list[dict]:
    """The findings `govlint check` reports on `draft`, as its JSON gives them."""
    run = govlint("check", "--no-config", "--format", "json", "--fail-on", "never", draft.name, cwd=cwd)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)["findings"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(cwd: Path, *options: str):
    """`govlint serve` on a free port of 127.0.0.1: yields (base URL, process); stopped after."""
    port = _free_port()
    log = open(cwd / f"serve-{port}.log", "w+", encoding="utf-8")
    process = subprocess.Popen(
        [*GOVLINT, "serve", *(() if "--config" in options else ("--no-config",)), "--port", str(port), *options],
        cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, (cwd / f"serve-{port}.log").read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start within 30 s"
                time.sleep(0.1)
        yield base, process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
