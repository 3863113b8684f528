"""`govlint fetch moderngov` against a stand-in ModernGov site on 127.0.0.1 (tests/moderngov_server.py),
then `govlint check`, `report` and `parse` on the fetched folder."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main
from govlint.checks.moderngov_client import USER_AGENT, retry_after, same_host
from govlint.engine import __version__
from govlint.engine.moderngov.manifest import MANIFEST
from tests.conftest import require_shared
from tests.moderngov_server import Fault, StandIn
from tests.paper_builder import write_pdf, write_pdf_pages

PERIOD = ["--from", "2025-11-15", "--to", "2025-11-30"]
FAST = ["--delay", "0", "--timeout", "0.5", "--retries", "2"]


# The meeting's main report is a whole committee report; its appendices are a page each.
REPORT = "65412"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> tuple[bytes, bytes]:
    folder = tmp_path_factory.mktemp("pdf")
    report = write_pdf(folder / "report.pdf").read_bytes()
    appendix = write_pdf_pages(folder / "appendix.pdf", [["Appendix", "Options appraisal: the figures behind the report."]]).read_bytes()
    return report, appendix


@pytest.fixture
def site(pdfs: tuple[bytes, bytes]):
    samples = require_shared("corpus", "moderngov", "gloucester-city", "xmlSamples")
    report, appendix = pdfs
    with StandIn(samples, appendix, {REPORT: report}) as stand_in:
        yield stand_in


def _fetch(site: StandIn, folder: Path, *options: str):
    result = CliRunner().invoke(main, ["fetch", "moderngov", site.base, *PERIOD, "-o", str(folder), *FAST, *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def _attachments(folder: Path) -> set[str]:
    return {entry["attachment"] for entry in _manifest(folder)["entries"] if entry["kind"] == "paper"}


def test_fetch_check_report_end_to_end(site: StandIn, tmp_path: Path) -> None:
    folder = tmp_path / "cabinet"
    result = _fetch(site, folder, "--committee", "Cabinet")
    assert result.exit_code == 0, result.output
    entries = _manifest(folder)["entries"]
    kinds = {entry["kind"] for entry in entries}
    assert {"committees", "meetings", "meeting", "paper", "decision_page", "forward_plan_page"} <= kinds
    for entry in entries:
        body = (folder / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(body).hexdigest() and entry["bytes"] == len(body)
        assert entry["url"].startswith(site.base) and entry["retrieved_at"].endswith("Z") and entry["council"] == "127.0.0.1"
    [meeting] = [entry for entry in entries if entry["kind"] == "meeting"]
    assert (meeting["committee"], meeting["meeting"], meeting["meeting_date"]) == ("Cabinet", 7837, "2025-11-21")
    papers = [entry for entry in entries if entry["kind"] == "paper"]
    assert papers and all(entry["meeting"] == 7837 and entry["item"] and entry["path"].endswith(".pdf") for entry in papers)
    # The page off the council's site, linked from the forward plan, is not fetched.
    assert "skipped: https://elsewhere.example/" in result.output
    assert site.agents == {USER_AGENT} and f"govlint/{__version__}" in USER_AGENT

    # parse: the meeting names the files of the papers it considered.
    parsed = CliRunner().invoke(main, ["parse", str(folder), "--format", "json"])
    assert parsed.exit_code == 0, parsed.output
    files = json.loads(parsed.stdout)["files"]
    [record] = [m for f in files for m in f["meetings"]]
    considered = {paper for item in record["items"] for paper in item["papers"]}
    assert considered == {os.path.normpath(folder / entry["path"]) for entry in papers}
    assert any(d["decision_type"] == "proposed" for f in files for d in f["decisions"])  # the forward-plan entry

    # check: evidence carries the address of what it quotes.
    checked = CliRunner().invoke(main, ["check", str(folder), "--no-config", "--format", "json"])
    assert checked.exit_code in (0, 1), checked.output
    findings = json.loads(checked.stdout)["findings"]
    locations = {f["location"] or "" for f in findings}
    assert any("GetMeeting?lMeetingId=7837" in location for location in locations)
    assert any("mgConvert2PDF.aspx?ID=" in location for location in locations)
    assert any("ieDecisionDetails.aspx?ID=2841" in location for location in locations)

    report = tmp_path / "report.html"
    reported = CliRunner().invoke(main, ["report", str(folder), "--no-config", "-o", str(report), "--jobs", "1"])
    assert reported.exit_code == 0, reported.output
    page = report.read_text(encoding="utf-8")
    # Evidence links to where it was fetched from, not to the copy in the folder.
    assert f'href="{site.base}mgWebService.asmx/GetMeeting?lMeetingId=7837"' in page
    assert 'href="cabinet/' not in page


def test_a_second_fetch_fetches_nothing_new(site: StandIn, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    assert _fetch(site, folder, "--committee", "129").exit_code == 0
    before = (folder / MANIFEST).read_bytes()
    first = len(site.requests)
    result = _fetch(site, folder, "--committee", "129")
    assert result.exit_code == 0, result.output
    again = site.requests[first:]
    # Only the forward plans, which change at any time, are asked for again; they had not changed.
    assert again and all("mgListPlan" in request for request in again), again
    assert (folder / MANIFEST).read_bytes() == before
    assert "0 files saved" in result.output


def test_server_faults_are_retried_waited_out_or_refused(site: StandIn, tmp_path: Path) -> None:
    other_host = site.base.replace("127.0.0.1", "localhost") + "elsewhere.pdf"
    site.faults = {
        "ID=65413": Fault(statuses=[500, 500]),
        "ID=65414": Fault(statuses=[429], retry_after="1"),
        "ID=65461": Fault(mode="slow", seconds=1.5),
        "ID=65415": Fault(mode="truncated"),
        "ID=65416": Fault(mode="huge", size=2 * 1024 * 1024),
        "ID=65417": Fault(mode="redirect", location=other_host),
    }
    folder = tmp_path / "out"
    started = time.monotonic()
    result = _fetch(site, folder, "--committee", "Cabinet", "--max-document-size", "1")
    assert time.monotonic() - started >= 1.0  # the Retry-After was waited out
    assert result.exit_code == 2
    problems = [line for line in result.output.splitlines() if line.startswith("govlint: http")]
    assert len(problems) == 3, result.output
    assert any("ID=65415" in line and "broke off" in line and "gave up after 3 tries" in line for line in problems)
    assert any("ID=65416" in line and "cap" in line for line in problems)
    assert any("ID=65417" in line and "refused" in line for line in problems)
    assert "/elsewhere.pdf" not in " ".join(site.requests)
    # The retried documents were saved; the refused ones were not.
    assert _attachments(folder) == {"65412", "65413", "65414", "65461"}
    assert site.asked("ID=65413") == 3 and site.asked("ID=65414") == 2 and site.asked("ID=65461") == 2
    assert not list(folder.rglob("*.partial"))


def test_an_interrupted_fetch_resumes(site: StandIn, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    site.pause = 0.15
    command = [sys.executable, "-m", "govlint.checks.cli", "fetch", "moderngov", site.base, *PERIOD, "-o", str(folder), "--committee", "Cabinet", *FAST]
    process = subprocess.Popen([*command[:1], "-c", "from govlint.checks.cli import main; main()", *command[3:]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(_attachments(folder) if (folder / MANIFEST).exists() else ()) < 2:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=10)
    had = _attachments(folder)
    assert 2 <= len(had) < 7, had
    site.pause = 0
    result = _fetch(site, folder, "--committee", "Cabinet")
    assert result.exit_code == 0, result.output
    assert len(_attachments(folder)) == 7
    for attachment in had:
        assert site.asked(f"ID={attachment}") == 1, attachment  # not fetched again


def test_only_http_addresses_of_a_site(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["fetch", "moderngov", "ftp://council.example/", *PERIOD, "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "http(s)" in result.output
    assert same_host("https://Democracy.Council.example/x.pdf", "https://democracy.council.example/")
    assert not same_host("https://democracy.council.example.evil/x.pdf", "https://democracy.council.example/")
    assert not same_host("file:///etc/passwd", "https://democracy.council.example/")


def test_a_folder_holds_one_site(site: StandIn, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / MANIFEST).write_text(json.dumps({"format": "govlint-fetch", "version": 1, "site": "https://other.example/", "entries": []}))
    result = _fetch(site, folder)
    assert result.exit_code == 2 and "https://other.example/" in result.output
    assert site.requests == []


def test_retry_after_as_seconds_or_a_date() -> None:
    from datetime import datetime, timezone

    now = datetime(2025, 11, 21, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after("7", now) == 7
    assert retry_after("Fri, 21 Nov 2025 12:00:30 GMT", now) == 30
    assert retry_after("soon", now) is None and retry_after(None) is None


def test_a_wait_longer_than_allowed_stops_the_request(site: StandIn, tmp_path: Path) -> None:
    site.faults = {"GetCommittees": Fault(statuses=[429, 429], retry_after="3600")}
    result = _fetch(site, tmp_path / "out", "--max-wait", "60")
    assert result.exit_code == 2
    assert "asks to wait 3600 s" in result.output and site.asked("GetCommittees") == 1


def test_requests_are_spaced_by_the_delay(site: StandIn) -> None:
    from govlint.checks.moderngov_client import Politeness, PoliteClient

    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    with PoliteClient(site.base, Politeness(delay=2.5), clock=lambda: now[0], sleep=sleep) as client:
        for _ in range(3):
            client.get(site.base + "mgWebService.asmx/GetCommittees")
            now[0] += 0.5  # the caller's own work between requests counts towards the delay
    assert slept == [2.0, 2.0] and client.requests == 3


def test_a_listing_fetched_before_the_period_ended_is_asked_for_again(site: StandIn, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    assert _fetch(site, folder, "--committee", "Cabinet").exit_code == 0
    manifest = _manifest(folder)
    for entry in manifest["entries"]:
        if entry["kind"] == "meetings":
            entry["retrieved_at"] = "2025-11-20T09:00:00Z"  # while the period was still running
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    first = len(site.requests)
    assert _fetch(site, folder, "--committee", "Cabinet").exit_code == 0
    again = site.requests[first:]
    assert sum("GetMeetings" in request for request in again) == 1
    assert not any("GetMeeting?" in request or "mgConvert2PDF" in request for request in again)
    # Asked again after the period ended, it is settled: a third fetch does not ask.
    third = len(site.requests)
    assert _fetch(site, folder, "--committee", "Cabinet").exit_code == 0
    assert not any("GetMeetings" in request for request in site.requests[third:])


@pytest.mark.parametrize("path", ["../outside.xml", "/etc/passwd", "meetings/../../outside.xml", "C:/x.xml"])
def test_a_manifest_naming_a_file_outside_its_folder_is_refused(tmp_path: Path, path: str) -> None:
    folder = tmp_path / "out"
    (folder / "meetings").mkdir(parents=True)
    (tmp_path / "outside.xml").write_text("<meeting><agendaitems/></meeting>")
    entry = {"path": path, "kind": "meeting", "url": "https://council.example/x", "retrieved_at": "2025-11-21T00:00:00Z", "sha256": "0", "bytes": 1, "council": "council.example"}
    (folder / MANIFEST).write_text(json.dumps({"format": "govlint-fetch", "version": 1, "site": "https://council.example/", "entries": [entry]}))
    result = CliRunner().invoke(main, ["check", str(folder), "--no-config"])
    assert result.exit_code == 2
    assert "not a file inside the folder" in result.output


def test_ids_from_the_site_never_name_a_path() -> None:
    from govlint.checks.moderngov_fetch import _name

    assert _name("65412", "https://council.example/a") == "65412"
    for hostile in ("../../etc/cron.d/x", "a/b", "", None, "x" * 200, "é"):
        assert _name(hostile, "https://council.example/a").isalnum()


def test_a_deleted_or_altered_file_is_fetched_again(site: StandIn, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    assert _fetch(site, folder, "--committee", "Cabinet").exit_code == 0
    (folder / "papers" / "65413.pdf").unlink()
    (folder / "papers" / "65414.pdf").write_bytes(b"%PDF-1.4 cut short")
    first = len(site.requests)
    result = _fetch(site, folder, "--committee", "Cabinet")
    assert result.exit_code == 0, result.output
    documents = [request for request in site.requests[first:] if "mgConvert2PDF" in request]
    assert sorted(documents) == ["/mgConvert2PDF.aspx?ID=65413", "/mgConvert2PDF.aspx?ID=65414"]
    entries = {entry["path"]: entry for entry in _manifest(folder)["entries"]}
    assert hashlib.sha256((folder / "papers" / "65414.pdf").read_bytes()).hexdigest() == entries["papers/65414.pdf"]["sha256"]
