"""The manifest of a fetched folder: what each saved file is and where it came from.

`govlint fetch moderngov` writes `govlint-fetch.json` at the top of the folder it fills; the
readers and `govlint check` / `report` read it to give each file's records the address it was
fetched from and the meeting and agenda item it belongs to. One entry per saved file:

    path          the file, relative to the folder ("meetings/7837.xml")
    kind          committees | meetings (the service's listings, not papers), meeting (a
                  GetMeeting response), paper (a linked document), decisions | forward_plan
                  (listing pages), decision_page | forward_plan_page
    url           the address it was fetched from
    retrieved_at  when, in UTC (ISO 8601)
    sha256, bytes the content's hash and size, to tell a saved file from a changed or partial one
    council       the council's site (its host)
    committee, committee_id, meeting, meeting_date, item, attachment, decision_no, title:
                  what the fetch knew of it, where it applies (else null)

The file is rewritten whole after each saved file (to a temporary name, then renamed), so an
interrupted fetch leaves a manifest that lists exactly the files saved whole.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields

from govlint.engine.common.limits import FILE_SIZE, Refused, load_json, read_regular_file

MANIFEST = "govlint-fetch.json"
FORMAT = "govlint-fetch"
VERSION = 1
# The kinds of entry that are papers to read; the rest are the service's listings.
PAPER_KINDS = ("meeting", "paper", "decision_page", "forward_plan_page")


class ManifestError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    path: str
    kind: str
    url: str
    retrieved_at: str
    sha256: str
    bytes: int
    council: str
    committee: str | None = None
    committee_id: int | None = None
    meeting: int | None = None
    meeting_date: str | None = None
    item: str | None = None
    attachment: str | None = None
    decision_no: str | None = None
    title: str | None = None


@dataclass
class Manifest:
    folder: str
    site: str
    entries: dict[str, Entry]  # by path

    def by_url(self, url: str) -> Entry | None:
        return next((entry for entry in self.entries.values() if entry.url == url), None)

    def papers(self) -> list[Entry]:
        return sorted((entry for entry in self.entries.values() if entry.kind in PAPER_KINDS), key=lambda entry: entry.path)

    def file(self, entry: Entry) -> str:
        return os.path.normpath(os.path.join(self.folder, *entry.path.split("/")))

    def entry_for(self, name: str) -> Entry | None:
        """The entry of a file given by any path to it."""
        relative = os.path.relpath(os.path.abspath(name), os.path.abspath(self.folder)).replace(os.sep, "/")
        return self.entries.get(relative)

    def add(self, entry: Entry) -> None:
        self.entries[entry.path] = entry
        self.write()

    def write(self) -> None:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "site": self.site,
            "entries": [asdict(self.entries[path]) for path in sorted(self.entries)],
        }
        path = os.path.join(self.folder, MANIFEST)
        partial = path + ".partial"
        with open(partial, "w", encoding="utf-8", newline="\n") as handle:
            json.dump(document, handle, indent=1, ensure_ascii=False, sort_keys=True)
            handle.write("\n")
        os.replace(partial, path)


def read_manifest(folder: str, site: str | None = None) -> Manifest:
    """The folder's manifest; an empty one for `site` when there is none yet."""
    path = os.path.join(folder, MANIFEST)
    if not os.path.exists(path):
        if site is None:
            raise ManifestError(f"{path}: no such file")
        return Manifest(folder, site, {})
    try:
        # A manifest is input like a paper: held to the limits on record files.
        document = load_json(read_regular_file(path, FILE_SIZE.bytes).decode("utf-8"))
    except (Refused, ValueError) as error:
        raise ManifestError(f"{path}: not a readable manifest ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(document.get("entries"), list):
        raise ManifestError(f"{path}: not a govlint fetch manifest")
    names = {item.name for item in fields(Entry)}
    try:
        entries = [Entry(**{key: value for key, value in item.items() if key in names}) for item in document["entries"]]
    except (TypeError, AttributeError) as error:
        raise ManifestError(f"{path}: an entry is incomplete ({error})") from None
    # A manifest is input like any paper: it names files inside its folder only.
    outside = [entry.path for entry in entries if not _inside(entry.path)]
    if outside:
        raise ManifestError(f"{path}: lists {outside[0]!r}, which is not a file inside the folder")
    if site is not None and document.get("site") != site:
        raise ManifestError(f"{path}: this folder holds a fetch from {document.get('site')}, not {site}; fetch into another folder")
    return Manifest(folder, str(document.get("site")), {entry.path: entry for entry in entries})


def _inside(path: object) -> bool:
    parts = path.split("/") if isinstance(path, str) else []
    return bool(parts) and "" not in parts and ".." not in parts and "." not in parts and "\\" not in path and ":" not in path


def manifest_above(name: str) -> Manifest | None:
    """The manifest of the fetched folder a saved file sits in (files are saved one folder
    down: "meetings/7837.xml"), or None for any other file."""
    # Named as the file was (relative stays relative), so the papers it lists are named alike.
    folder = os.path.dirname(os.path.dirname(os.path.normpath(name))) or os.curdir
    if not os.path.isfile(os.path.join(folder, MANIFEST)):
        return None
    return read_manifest(folder)


def is_fetched_folder(path: str) -> bool:
    return os.path.isdir(path) and os.path.isfile(os.path.join(path, MANIFEST))


def fetched_papers(folder: str) -> tuple[list[str], list[str]]:
    """The papers of a fetched folder, and one message per paper the manifest lists that is gone."""
    manifest = read_manifest(folder)
    papers, missing = [], []
    for entry in manifest.papers():
        name = os.path.normpath(manifest.file(entry))
        if os.path.isfile(name):
            papers.append(name)
        else:
            missing.append(f"{name}: listed in {MANIFEST} but not in the folder; fetch again to restore it")
    return papers, missing


def source_address(name: str) -> str | None:
    """The address a file of a fetched folder was fetched from; None for any other file."""
    try:
        manifest = manifest_above(name)
    except ManifestError:
        return None
    entry = manifest.entry_for(name) if manifest else None
    return entry.url if entry else None
