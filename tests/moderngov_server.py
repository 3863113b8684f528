"""A ModernGov site on 127.0.0.1 for the fetch tests: the real web-service responses of
../shared/corpus/moderngov (read where they lie), pages and PDFs written for the project,
and the faults a real site shows (server errors, rate limits, slow and broken answers).

The real responses name the council's host in their links; they are served with that host
replaced by the stand-in's own address, as the council's site names itself. GetMeetings is
the real list cut to the period asked for, as the service does.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from lxml import etree

FIXTURES = Path(__file__).parent / "fixtures" / "moderngov"
# The council's host as the real responses print it.
REAL_HOST = "https://democracy.Gloucester.gov.uk"


@dataclass
class Fault:
    """How the site answers one address: `statuses` first (one per request, with
    `retry_after` on a 429), then as `mode` says: "ok", "slow" (the first answer after
    `seconds`), "truncated" (a body shorter than its Content-Length), "huge" (`size` bytes),
    "redirect" (to `location`)."""

    statuses: list[int] = field(default_factory=list)
    retry_after: str | None = None
    mode: str = "ok"
    seconds: float = 0.0
    size: int = 0
    location: str = ""


class StandIn:
    def __init__(self, samples: Path, pdf: bytes, papers: dict[str, bytes] | None = None):
        self.samples = samples
        self.pdf = pdf  # every linked document, but those of `papers` (by attachment id)
        self.papers = papers or {}
        self.faults: dict[str, Fault] = {}
        self.requests: list[str] = []
        self.agents: set[str] = set()
        self.pause = 0.0  # seconds before each answer: lets a test interrupt a fetch midway
        self.counts: Counter = Counter()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "StandIn":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def asked(self, fragment: str) -> int:
        return sum(fragment in request for request in self.requests)

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if path == "/mgWebService.asmx/GetCommittees":
            return 200, _xml, self._real("GetCommittees.xml")
        if path == "/mgWebService.asmx/GetMeetings":
            return 200, _xml, self._meetings(query)
        if path == "/mgWebService.asmx/GetMeeting":
            sample = self.samples / f"GetMeeting_{query.get('lMeetingId', '')}.xml"
            return (200, _xml, self._real(sample.name)) if sample.exists() else (404, {}, b"no such meeting")
        if path == "/mgWebService.asmx/GetAttachment":
            return 200, _xml, self._real(f"GetAttachment_{query.get('lAttachmentId', '')}.xml")
        if path == "/mgConvert2PDF.aspx":
            return 200, {"Content-Type": "application/pdf"}, self.papers.get(query.get("ID", ""), self.pdf)
        pages = {
            "/mgDelegatedDecisions.aspx": "decisions-list.html",
            "/ieDecisionDetails.aspx": "decision-details.html",
            "/mgListPlans.aspx": "forward-plans.html",
            "/mgListPlanItems.aspx": "forward-plan.html",
            "/ieIssueDetails.aspx": "issue-details.html",
        }
        if path in pages:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, (FIXTURES / pages[path]).read_bytes()
        return 404, {}, b"not found"

    def _real(self, name: str) -> bytes:
        return (self.samples / name).read_bytes().replace(REAL_HOST.encode(), self.base.rstrip("/").encode())

    def _meetings(self, query: dict[str, str]) -> bytes:
        """The real GetMeetings list, the meetings outside the period taken out."""
        root = etree.fromstring(self._real("GetMeetings.xml"))
        start, end = (datetime.strptime(query[name], "%d/%m/%Y") for name in ("sFromDate", "sToDate"))
        committee = root.find("committee")
        if committee is None or committee.findtext("committeeid") != query.get("lCommitteeId"):
            return b'<?xml version="1.0" encoding="utf-8"?>\n<getmeetings><meetingscount>0</meetingscount></getmeetings>'
        for meeting in list(root.iter("meeting")):
            if not start <= datetime.strptime(meeting.findtext("meetingdate"), "%d/%m/%Y") <= end:
                meeting.getparent().remove(meeting)
        return etree.tostring(root, xml_declaration=True, encoding="utf-8")


_xml = {"Content-Type": "text/xml; charset=utf-8"}


def _handler(site: StandIn):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {key: values[0] for key, values in parse_qs(parts.query).items()}
            site.requests.append(self.path)
            site.agents.add(self.headers.get("User-Agent", ""))
            time.sleep(site.pause)
            site.counts[self.path] += 1
            fault = next((f for key, f in site.faults.items() if key in self.path), None)
            if fault and fault.statuses:
                status = fault.statuses.pop(0)
                headers = {"Retry-After": fault.retry_after} if status == 429 and fault.retry_after else {}
                return self._send(status, headers, b"busy")
            status, headers, body = site.answer(parts.path, query)
            if fault and fault.mode == "slow" and site.counts[self.path] == 1:
                time.sleep(fault.seconds)
            if fault and fault.mode == "redirect":
                return self._send(302, {"Location": fault.location}, b"")
            if fault and fault.mode == "huge":
                body = b"%PDF-1.4\n" + b"0" * fault.size
            if fault and fault.mode == "truncated":
                self.send_response(200)
                self.send_header("Content-Length", str(len(body) + 1000))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
                self.close_connection = True
                return
            self._send(status, headers, body)

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler
