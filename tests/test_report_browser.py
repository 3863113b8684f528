"""The HTML report in a real browser: headless Chromium loads it with no console message, draws
its charts and tables, and leaves screenshots for a person to look at: test-artifacts/report.png
(the screen) and report-print-1.png and report-print-appendix.png (pages of the printed PDF,
report-print.pdf, drawn by pdfplumber's renderer).

Driven through Chromium's own command line (--dump-dom, --screenshot), so no browser download or
driver library is needed: Debian's `chromium` package is enough. In CI a missing browser fails.
"""
from __future__ import annotations

import os
import re
from collections import Counter
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main
from tests.conftest import REPO, SHARED

ARTIFACTS = REPO / "test-artifacts"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Anything the page tried to fetch from the network would fail rather than leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr", "--v=0",
)
CONSOLE = re.compile(r":CONSOLE[:(]\d+\)?\] (.*)")


def _browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        message = "chromium not found: install Debian's chromium package (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    """The report on the examples, and on the real corpus when it is there."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    corpus = sorted((SHARED / "corpus").glob("*.txt"))
    result = CliRunner().invoke(main, ["report", str(REPO / "examples" / "papers"), *map(str, corpus), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return out


class _Counter(HTMLParser):
    """Tags by name, every id, every in-page link, and the classes of each tag."""

    def __init__(self):
        super().__init__()
        self.counts: dict[str, int] = {}
        self.ids: list[str] = []
        self.fragments: list[str] = []
        self.classes: dict[str, set[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        attrs = dict(attrs)
        self.ids += [attrs["id"]] if "id" in attrs else []
        self.fragments += [attrs["href"][1:]] if attrs.get("href", "").startswith("#") else []
        self.classes.setdefault(tag, set()).update((attrs.get("class") or "").split())


def test_the_browser_draws_the_report_without_console_messages(report_page: Path, tmp_path: Path) -> None:
    browser = _browser()
    loaded = _run(browser, tmp_path / "profile", "--dump-dom", report_page.as_uri())
    assert loaded.returncode == 0, loaded.stderr
    assert [m.group(1) for m in CONSOLE.finditer(loaded.stderr)] == []
    dom = _Counter()
    dom.feed(loaded.stdout)
    # Charts with drawn bars, and tables with rows, as the browser built the document.
    assert dom.counts.get("svg", 0) >= 4 and dom.counts.get("rect", 0) >= 10
    assert dom.counts.get("table", 0) >= 5 and dom.counts.get("tr", 0) >= 20
    assert "<script" not in loaded.stdout


def test_what_an_audit_committee_reads_first_is_there(report_page: Path, tmp_path: Path) -> None:
    loaded = _run(_browser(), tmp_path / "profile", "--dump-dom", report_page.as_uri())
    dom = _Counter()
    dom.feed(loaded.stdout)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", loaded.stdout))
    # The verdict, errors and warnings apart, the council and the date the figures hold on.
    assert re.search(r"Does not comply: \d+ errors? and \d+ warnings? open", text)
    assert {"verdict", "verdict-fail"} <= dom.classes["p"]
    assert "Kent County Council" in text and re.search(r"as at \d{1,2} [A-Z][a-z]+ \d{4}", text)
    assert re.search(r"Generated on \d{1,2} [A-Z][a-z]+ \d{4} by govlint [\d.]+\S* with english-councils \d+\.\d+\.\d+, kent-county-council \d+\.\d+\.\d+", text)
    # Bars coloured by severity, with a legend that names the colours.
    assert {"bar", "error", "warning"} <= dom.classes["rect"] and "legend" in dom.classes["ul"]
    # Every in-page link lands: each rule links to its decisions, each gap to its rule.
    assert len(dom.ids) == len(set(dom.ids))
    assert set(dom.fragments) <= set(dom.ids)
    decisions = [anchor for anchor in dom.ids if re.fullmatch(r"d\d+(-.+)?", anchor)]
    rules = [anchor for anchor in dom.ids if anchor.startswith("rule-")]
    assert decisions and rules and set(decisions) & set(dom.fragments) and set(rules) & set(dom.fragments)
    # The corpus runs over quarters with no decision: the trend shades them.
    assert "nodata" in dom.classes["rect"]
    # Long quotes are folded.
    assert dom.counts.get("details", 0) >= 1 and dom.counts.get("summary", 0) == dom.counts["details"]


def test_print_puts_the_verdict_on_page_one_and_citations_once_at_the_end(report_page: Path, tmp_path: Path) -> None:
    import pdfplumber

    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / "report-print.pdf"
    pdf_path.unlink(missing_ok=True)
    printed = _run(_browser(), tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", report_page.as_uri())
    assert printed.returncode == 0 and pdf_path.read_bytes()[:5] == b"%PDF-", printed.stderr
    with pdfplumber.open(pdf_path) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
        appendix = next(index for index, page in enumerate(pages) if page.startswith("Appendix: sources cited"))
        pdf.pages[0].to_image(resolution=72).save(ARTIFACTS / "report-print-1.png")
        pdf.pages[appendix].to_image(resolution=72).save(ARTIFACTS / "report-print-appendix.png")
    first = pages[0]
    assert "Does not comply:" in first and "Open errors" in first and "Open warnings" in first
    assert "The most frequent gaps" in first and "Gaps per rule" not in first
    assert appendix == len(pages) - 1 or all(not page.startswith("Appendix") for page in pages[appendix + 1:])
    # Each citation is printed once, in the appendix: the print style writes its address after
    # it as <url>, and two provisions of one regulation may share an address.
    whole = "".join("".join(page.split()) for page in pages)
    linked = Counter(re.findall(r'<a class="external" href="([^"]+)"', report_page.read_text(encoding="utf-8")))
    printed_count = {url: whole.count(f"<{url}>") for url in linked}
    assert linked and printed_count == dict(linked)
    assert not any(f"<{url}>" in "".join("".join(page.split()) for page in pages[:appendix]) for url in linked)
    assert (ARTIFACTS / "report-print-1.png").stat().st_size > 10_000


def test_a_screenshot_is_kept(report_page: Path, tmp_path: Path) -> None:
    browser = _browser()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    taken = _run(browser, tmp_path / "profile", "--hide-scrollbars", "--window-size=1280,3200", f"--screenshot={shot}", report_page.as_uri())
    assert taken.returncode == 0, taken.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_the_console_check_does_see_a_console_message(tmp_path: Path) -> None:
    # Without this, a change in Chromium's log format would let every page pass.
    page = tmp_path / "noisy.html"
    page.write_text('<!DOCTYPE html><title>t</title><script>console.error("noisy page")</script>', encoding="utf-8")
    loaded = _run(_browser(), tmp_path / "profile", "--dump-dom", page.as_uri())
    assert [m.group(1) for m in CONSOLE.finditer(loaded.stderr)][0].startswith('"noisy page"')
