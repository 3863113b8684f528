"""What `govlint fetch moderngov` fetches from a council's ModernGov site, and where it keeps it.

Through the web service (mgWebService.asmx, asked by HTTP GET): the committees
(GetCommittees), each chosen committee's meetings in the period (GetMeetings), each meeting
(GetMeeting: agenda items, their flags, minutes and decisions, linked documents) and each
public linked document on the council's own host (PDF or Word). Then, where the site has
them, the decisions published in the period (mgDelegatedDecisions.aspx, each decision's
ieDecisionDetails page) and the forward plans (mgListPlans.aspx, each plan's items, each
item's ieIssueDetails page).

The folder:

    govlint-fetch.json       the manifest (engine.moderngov.manifest)
    service/                 the listings: committees.xml, meetings-<committee>-<from>-<to>.xml
    meetings/<id>.xml        GetMeeting responses
    papers/<attachment>.pdf  linked documents (.docx for Word)
    pages/                   decision and forward-plan pages

A file is saved under a temporary name and renamed when whole, then entered in the manifest.
A file the manifest lists and that is still there with its recorded hash is never fetched
again, so a second fetch of the same period asks only for what it cannot know it has: the
listings of a period not yet over. Listings of a period that had ended when they were fetched
are kept too.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from lxml import etree

from govlint.checks.moderngov_client import FetchProblem, PoliteClient, same_host
from govlint.engine.moderngov.manifest import Entry, Manifest, read_manifest
from govlint.engine.moderngov.markup import UnreadableMarkup, child, children, find, parse_xml, text
from govlint.engine.moderngov.pages import page_links, read_page
from govlint.engine.reading.files import sniff

SERVICE = "mgWebService.asmx"
# ModernGov's own page names: the decisions published in a period, the forward plans, a
# plan's items, and the pages of one decision and one forward-plan issue.
DECISIONS_PAGE = "mgDelegatedDecisions.aspx"
PLANS_PAGE = "mgListPlans.aspx"
PLAN_ITEMS_PAGE = "mgListPlanItems.aspx"
DECISION_PAGE = "ieDecisionDetails.aspx"
ISSUE_PAGE = "ieIssueDetails.aspx"
# Saved by what the bytes are, not by what the link says.
_SUFFIXES = {"pdf": ".pdf", "zip": ".docx", "doc": ".doc"}


@dataclass
class Outcome:
    """What a fetch did: files saved, files it already had, and one line per thing it could not do."""

    saved: int = 0
    kept: int = 0
    skipped: list[str] = field(default_factory=list)  # not fetched on purpose (restricted, off the site)
    problems: list[str] = field(default_factory=list)


def site_of(url: str) -> str:
    """The site's base address ("https://democracy.example.gov.uk/") from any address on it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url}: not an http(s) address of a ModernGov site")
    path = parts.path
    if SERVICE.lower() in path.lower():
        path = path[: path.lower().index(SERVICE.lower())]
    elif not path.endswith("/"):
        path = path.rsplit("/", 1)[0] + "/"
    return f"{parts.scheme}://{parts.netloc}{path or '/'}"


def _name(value: str | None, url: str) -> str:
    """A file name from an id the site gave (an attachment or page id), or from the address
    when the id is not a plain one: nothing a site sends may name a path outside the folder."""
    if value and len(value) <= 40 and value.replace("-", "").replace("_", "").isalnum() and value.isascii():
        return value
    return hashlib.sha256(url.encode()).hexdigest()[:16]


def _day(when: date) -> str:
    return when.strftime("%d/%m/%Y")


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Fetcher:
    def __init__(self, site: str, folder: str, client: PoliteClient, start: date, end: date):
        self.site, self.folder, self.client = site, folder, client
        self.start, self.end = start, end
        self.manifest: Manifest = read_manifest(folder, site)
        self.council = urlsplit(site).hostname or site
        self.outcome = Outcome()

    # -- saving ---------------------------------------------------------------------------

    def _have(self, entry: Entry | None) -> bool:
        """Whether a listed file is still there, whole (its hash as recorded)."""
        if entry is None:
            return False
        try:
            with open(self.manifest.file(entry), "rb") as handle:
                return hashlib.sha256(handle.read()).hexdigest() == entry.sha256
        except OSError:
            return False

    def _save(self, path: str, body: bytes, url: str, kind: str, **about) -> None:
        digest = hashlib.sha256(body).hexdigest()
        old = self.manifest.entries.get(path)
        if self._have(old) and old.sha256 == digest:
            # Asked again (a listing that may change) and unchanged; asked once the period is
            # over, it is now settled.
            self.outcome.kept += 1
            if old.retrieved_at[:10] <= self.end.isoformat() < _now()[:10]:
                self.manifest.add(replace(old, retrieved_at=_now()))
            return
        target = os.path.join(self.folder, *path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target + ".partial", "wb") as handle:
            handle.write(body)
        os.replace(target + ".partial", target)
        entry = Entry(path=path, kind=kind, url=url, retrieved_at=_now(), sha256=digest, bytes=len(body), council=self.council, **about)
        self.manifest.add(entry)
        self.outcome.saved += 1

    def _read(self, entry: Entry) -> bytes:
        with open(self.manifest.file(entry), "rb") as handle:
            return handle.read()

    def _get(self, url: str, path: str | None, kind: str, reuse: bool = True, **about) -> bytes | None:
        """The body of `url`, from the folder when it is there whole and `reuse`, else fetched
        and saved (under `path`, or a name chosen by its content when None); None when it
        could not be fetched (the problem is noted)."""
        entry = self.manifest.by_url(url)
        if reuse and self._have(entry):
            self.outcome.kept += 1
            return self._read(entry)
        try:
            fetched = self.client.get(url)
        except FetchProblem as problem:
            self.outcome.problems.append(str(problem))
            return None
        if path is None:
            kind_of = sniff(fetched.body)
            if kind_of not in _SUFFIXES:
                self.outcome.problems.append(f"{url}: not a PDF or Word document ({fetched.content_type or 'no content type'}); not saved")
                return None
            path = f"papers/{_name(about.get('attachment'), url)}{_SUFFIXES[kind_of]}"
        self._save(path, fetched.body, url, kind, **about)
        return fetched.body

    def _xml(self, url: str, path: str, kind: str, reuse: bool = True, **about):
        body = self._get(url, path, kind, reuse, **about)
        if body is None:
            return None
        try:
            return parse_xml(body)
        except UnreadableMarkup as error:
            self.outcome.problems.append(f"{url}: {error}")
            return None

    # -- the web service ------------------------------------------------------------------

    def _service(self, method: str, **query) -> str:
        return urljoin(self.site, f"{SERVICE}/{method}") + (f"?{urlencode(query)}" if query else "")

    def _settled(self, url: str) -> bool:
        """Whether the saved listing at `url` was fetched after the period ended: then it will not change."""
        entry = self.manifest.by_url(url)
        return entry is not None and entry.retrieved_at[:10] > self.end.isoformat()

    def committees(self) -> list[tuple[int, str]]:
        root = self._xml(self._service("GetCommittees"), "service/committees.xml", "committees")
        found = []
        for element in children(find(root, "committees"), "committee") if root is not None else ():
            number = text(child(element, "committeeid"))
            if number.isdigit() and text(child(element, "committeedeleted")).lower() != "true":
                found.append((int(number), text(child(element, "committeetitle"))))
        return found

    def choose(self, committees: list[tuple[int, str]], wanted: tuple[str, ...]) -> list[tuple[int, str]]:
        """The committees named (by id or title, any case) or all of them; a name that matches none is a problem."""
        if not wanted:
            return committees
        chosen = []
        for name in wanted:
            match = [c for c in committees if name.strip().lower() in (str(c[0]), c[1].lower())]
            if not match:
                self.outcome.problems.append(f"{self.site}: no committee {name!r} (GetCommittees lists {len(committees)})")
            chosen += [c for c in match if c not in chosen]
        return chosen

    def meetings(self, committee: tuple[int, str]) -> list[tuple[int, str]]:
        number, title = committee
        url = self._service("GetMeetings", lCommitteeId=number, sFromDate=_day(self.start), sToDate=_day(self.end))
        path = f"service/meetings-{number}-{self.start.isoformat()}-{self.end.isoformat()}.xml"
        root = self._xml(url, path, "meetings", self._settled(url), committee=title, committee_id=number)
        found = []
        for element in (root.iter() if root is not None else ()):
            if not isinstance(element.tag, str) or etree.QName(element).localname != "meeting":
                continue
            meeting, day = text(child(element, "meetingid")), _date(text(child(element, "meetingdate")))
            if meeting.isdigit() and day and self.start.isoformat() <= day <= self.end.isoformat():
                found.append((int(meeting), day))
        return found

    def meeting(self, committee: tuple[int, str], meeting: int, day: str) -> None:
        about = dict(committee=committee[1], committee_id=committee[0], meeting=meeting, meeting_date=day)
        root = self._xml(self._service("GetMeeting", lMeetingId=meeting), f"meetings/{meeting}.xml", "meeting", **about)
        for item in root.iter() if root is not None else ():
            if isinstance(item.tag, str) and etree.QName(item).localname == "agendaitem":
                self._documents(item, about)

    def _documents(self, item, about: dict) -> None:
        number = text(child(item, "fulldisplaynumberformat")).rstrip(".") or text(child(item, "agendaitemnumber")) or None
        for document in children(child(item, "linkeddocuments"), "linkeddoc"):
            url = text(child(document, "url"))
            title = text(child(document, "title"))
            if text(child(document, "isrestricted")).lower() == "true":
                self.outcome.skipped.append(f"{url or title}: restricted (not for publication); not fetched")
            elif not url:
                continue
            elif not same_host(url, self.site):
                self.outcome.skipped.append(f"{url}: not on the council's site; not fetched")
            else:
                self._get(url, None, "paper", item=number, attachment=text(child(document, "attachmentid")) or None, title=title or None, **about)

    # -- the pages ------------------------------------------------------------------------

    def _page(self, url: str, path: str, kind: str, reuse: bool = True, optional: bool = False) -> str | None:
        """A page's text; an optional page the site does not have (HTTP 404) is no problem."""
        before = len(self.outcome.problems)
        body = self._get(url, path, kind, reuse)
        if body is None and optional and self.outcome.problems[before:] and self.outcome.problems[-1].endswith("HTTP 404"):
            self.outcome.problems.pop()
        return body.decode("utf-8", "replace") if body is not None else None

    def decisions(self) -> None:
        listing = urljoin(self.site, DECISIONS_PAGE) + "?" + urlencode({"DR": f"{_day(self.start)}-{_day(self.end)}", "DS": 2, "K": 0, "V": 0})
        page = self._page(listing, f"pages/decisions-{self.start.isoformat()}-{self.end.isoformat()}.html", "decisions", self._settled(listing), optional=True)
        for url, title in self._links(page, listing, DECISION_PAGE):
            body = self._page(url, f"pages/decision-{_name(_query(url, 'ID'), url)}.html", "decision_page")
            if body is not None:
                self._number(url, body)

    def forward_plans(self) -> None:
        listing = urljoin(self.site, PLANS_PAGE)
        page = self._page(listing, "pages/forward-plans.html", "forward_plan", reuse=False, optional=True)
        for plan_url, _ in self._links(page, listing, PLAN_ITEMS_PAGE):
            plan = self._page(plan_url, f"pages/forward-plan-{_name(_query(plan_url, 'PlanId'), plan_url)}.html", "forward_plan", reuse=False)
            for url, _ in self._links(plan, plan_url, ISSUE_PAGE):
                self._page(url, f"pages/issue-{_name(_query(url, 'IId'), url)}.html", "forward_plan_page")

    def _links(self, page: str | None, base: str, target: str) -> list[tuple[str, str]]:
        if page is None:
            return []
        links = []
        for url, title in page_links(page, base):
            if urlsplit(url).path.lower().endswith(target.lower()) and _query(url, "ID", "IId", "PlanId"):
                if same_host(url, self.site):
                    links.append((url, title))
                else:
                    self.outcome.skipped.append(f"{url}: not on the council's site; not fetched")
        return links

    def _number(self, url: str, body: str) -> None:
        """The decision number the page prints, into its manifest entry."""
        entry = self.manifest.by_url(url)
        try:
            decisions = read_page(entry.path, body).decisions
        except (UnreadableMarkup, ValueError):
            return
        number = next((d.decision_no for d in decisions if d.decision_no), None)
        if number and entry.decision_no != number:
            self.manifest.add(replace(entry, decision_no=number, title=entry.title or decisions[0].title))


def _query(url: str, *names: str) -> str | None:
    query = {key.lower(): values for key, values in parse_qs(urlsplit(url).query).items()}
    return next((query[name.lower()][0] for name in names if name.lower() in query), None)


def _date(day: str) -> str | None:
    """An ISO date from the service's dd/mm/yyyy."""
    try:
        return datetime.strptime(day.strip(), "%d/%m/%Y").date().isoformat()
    except ValueError:
        return None


def fetch(site: str, folder: str, client: PoliteClient, start: date, end: date, committees: tuple[str, ...] = (), on_progress=None) -> Outcome:
    """Fetch a period of a council's meetings, papers, decisions and forward plans into
    `folder`; `on_progress(done, total)` after each meeting (with its papers)."""
    fetcher = Fetcher(site, folder, client, start, end)
    meetings = [(committee, meeting, day) for committee in fetcher.choose(fetcher.committees(), committees) for meeting, day in fetcher.meetings(committee)]
    for done, (committee, meeting, day) in enumerate(meetings, 1):
        fetcher.meeting(committee, meeting, day)
        if on_progress:
            on_progress(done, len(meetings))
    fetcher.decisions()
    fetcher.forward_plans()
    return fetcher.outcome
