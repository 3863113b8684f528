"""The HTML report in a real browser: headless Chromium loads it with no console message, draws
its charts and tables, and leaves a screenshot in test-artifacts/report.png for a person to look at.

Driven through Chromium's own command line (--dump-dom, --screenshot), so no browser download or
driver library is needed: Debian's `chromium` package is enough. In CI a missing browser fails.
"""
from __future__ import annotations

import os
import re
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
    def __init__(self):
        super().__init__()
        self.counts: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1


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
