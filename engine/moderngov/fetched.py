"""Reading the files of a fetched folder: each by what the manifest says it is.

A GetMeeting response is read into its meeting and decisions (meetings.py), a decision or
forward-plan page into its records (pages.py), a linked document (PDF, Word) as any paper.
Every quote's location then carries the address the file was fetched from, so a finding can
be followed back to the council's site; the meeting's agenda items name the files their
papers were saved as, which joins each paper to the meeting that considered it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from govlint.engine.extraction.paper import parse_paper
from govlint.engine.moderngov.manifest import Entry, Manifest, ManifestError, manifest_above
from govlint.engine.profiles.model import Profile
from govlint.engine.reading.files import UnreadablePaper, decode, read_bytes, read_paper
from govlint.engine.records.model import Evidence, ParsedPaper

if TYPE_CHECKING:
    from govlint.engine.moderngov.meetings import Context


def fetched_entry(name: str) -> tuple[Manifest, Entry] | None:
    """The manifest and entry of a file saved by a fetch, else None."""
    try:
        manifest = manifest_above(name)
    except ManifestError as error:
        raise UnreadablePaper(name, str(error)) from None
    entry = manifest.entry_for(name) if manifest else None
    return (manifest, entry) if entry else None


def read_fetched(name: str, manifest: Manifest, entry: Entry, max_bytes: int, profile: Profile | None = None) -> ParsedPaper:
    """The records of one saved file of a fetched folder, read with `profile` (None: the
    profile the text shows)."""
    if entry.kind == "paper":
        parsed = parse_paper(read_paper(name, max_bytes), profile)
        return _with_address(parsed, entry.url)
    # The web service's own files are read with lxml, imported only for them: every paper a
    # run reads is first looked up here, and most are no fetched file at all.
    from govlint.engine.moderngov.markup import UnreadableMarkup
    from govlint.engine.moderngov.meetings import read_meeting_response
    from govlint.engine.moderngov.pages import read_page

    data = read_bytes(name, max_bytes)
    try:
        if entry.kind == "meeting":
            return read_meeting_response(name, data, _context(manifest, entry), profile)
        if entry.kind in ("decision_page", "forward_plan_page"):
            return read_page(name, decode(data).text, entry.url, entry.kind == "forward_plan_page", profile)
    except (UnreadableMarkup, ValueError) as error:
        raise UnreadablePaper(name, str(error)) from None
    raise UnreadablePaper(name, f"the fetch manifest lists it as {entry.kind!r}, not a paper")


def _context(manifest: Manifest, meeting: Entry) -> Context:
    """The meeting's address and committee, and where its linked documents were saved
    (relative to the folder, as the user names the folder's files)."""
    from govlint.engine.moderngov.meetings import Context

    papers = {
        entry.attachment: manifest.file(entry)
        for entry in manifest.entries.values()
        if entry.kind == "paper" and entry.meeting == meeting.meeting and entry.attachment
    }
    return Context(url=meeting.url, committee=meeting.committee, papers=papers)


def _with_address(parsed: ParsedPaper, url: str) -> ParsedPaper:
    for record in [*parsed.decisions, *parsed.meetings, parsed.reading]:
        record.evidence = {name: _addressed(quote, url) for name, quote in record.evidence.items()}
    return parsed


def _addressed(quote: Evidence, url: str) -> Evidence:
    from govlint.engine.moderngov.markup import place

    return replace(quote, location=place(quote.location, url) if quote.location else url)
