"""A forward plan's entries (reg 9's notices of key decisions) as ForwardPlanEntry records.

A forward plan ("Notice of key decisions", "Forthcoming Executive Decisions", a ModernGov
plan-items print) lists its entries in one of two shapes, both read here with the reader
profile's forward-plan labels:

- *blocks* of "Label: value" fields (aligned or not, a value wrapping onto the lines under
  it), one block per entry, set apart by a rule, or by a label coming round again; an entry
  may open with a title line of its own ("25/00055 - Award of …") above its first label;
- a *table* whose heading row names the fields ("Reference | Matter | Decision maker | …"),
  one row per entry: pipe or TAB rows of a text export, a Word or PDF table's rows (cells
  joined by " | ", reading.form_rows), or columns of spaces, each cell placed under the
  heading it starts below.

The plan's own sections for reg 10 general-exception and reg 11 special-urgency notices
(headings from the profile's wording) give an entry its urgency route when the entry is
printed in them or a paragraph names it (by reference or title); a section may say there are
none ("None issued"). An entry's own mark of either route ("Semi-urgent decision process",
"Urgent Decision – Immediate Implementation") or its reason for urgency counts the same. A
page that is one entry (a ModernGov issue page) is read by `extract_page_entry`. Every field
read keeps its evidence, keyed by its path in the record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from govlint.engine.extraction.dates import find_dates, first_date, first_day
from govlint.engine.extraction.fields import Field, evidence, find_fields
from govlint.engine.profiles.labels import SECTION, Label, profile_labels
from govlint.engine.profiles.model import Profile
from govlint.engine.reading.lines import Line, Paper
from govlint.engine.records.model import Document, Evidence, ExemptInformation, ForwardPlanEntry, Urgency

# A rule drawn between entries: a run of dashes, equals signs, underscores or stars.
_RULE = re.compile(r"^[-=_*~–—]{5,}$")
# Columns of a table printed with spaces come apart at runs of three or more.
_SPACE_GAP = re.compile(r" {3,}")
# A title line above an entry's first label: a few lines at most, not a paragraph.
_TITLE_LINES = 4
# A section's heading is a short line: "GENERAL EXCEPTION NOTICE (regulation 10)".
_SECTION_HEADING_WORDS = 8
# An entry's title line may open with its reference: "25/00055 - Award of …".
_TITLE_DASH = re.compile(r"^\s*[-–—:]\s*")
# Sentences of a section's paragraph.
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")
# A title that wraps ends on a joining word or a dash.
_WRAPS = re.compile(r"(?:\b(?:and|of|for|the|to|in|on|at|with)|[-–—,&])$", re.IGNORECASE)
# Schedule 12A Part 1 has paragraphs 1 to 7; "paragraphs 3 and 5", "paras 1, 2 & 3".
_PARAGRAPHS = re.compile(r"\bparas?(?:graphs?)?\.?\s+(?P<list>\d(?:(?:\s*[,&]\s*|\s+(?:and|or)\s+)\d)*)(?!\d)", re.IGNORECASE)
_SCHEDULE_PARAGRAPH = range(1, 8)
# A heading row of a table names at least this many of the fields, one of them the entry's title
# or reference.
_TABLE_COLUMNS = 3
# What shows an entry was read: its title or reference and one of these.
_ENTRY_FIELDS = ("maker", "due", "first_published")

# The wording that marks an entry's route. On a forward plan, a reason saying the matter
# "cannot reasonably be deferred" is reg 11's test, so it marks special urgency; on a record the
# same words may be the Constitution's reason for skipping a committee, so it is not a route
# mark there.
_ROUTE_MARKS = {"special_urgency": ("special_urgency", "not_deferrable"), "general_exception": ("general_exception",)}


@dataclass
class _Entry:
    """One entry's fields as read: name -> (value, evidence lines)."""

    lines: list[Line]
    values: dict[str, tuple[str, list[Line]]] = field(default_factory=dict)


def extract_forward_plan_entries(paper: Paper, documents: list[Document], profile: Profile) -> list[ForwardPlanEntry]:
    """Every entry of every forward plan among `documents`, in paper order."""
    reader = _PlanReader(profile)
    return [entry for document in documents if document.kind == "forward_plan" for entry in reader.read(paper, document)]


def extract_page_entry(paper: Paper, document: Document, profile: Profile, title: tuple[str, Evidence] | None) -> ForwardPlanEntry | None:
    """The one entry a page of a forward plan shows (a ModernGov issue page), its fields read
    over the whole `document`; `title` is the page's title and its evidence, for a page that
    labels none. None when the page does not read as an entry."""
    reader = _PlanReader(profile)
    lines = _trimmed(list(paper.between(document.line_start, document.line_end)))
    if not lines:
        return None
    raw = reader.fields_of(lines)
    if title and not raw.values.get("title", ("",))[0]:
        raw.values["title"] = (title[0], [line for line in lines if title[1].line <= line.number <= title[1].end_line])
    if not reader.read_enough(raw):
        return None
    return reader.entry(raw, _plan_year(lines), key_plan=False)


class _PlanReader:
    """One profile's reading of forward plans: its labels and wording, compiled once."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.labels = profile_labels(profile, "forward_plan")
        self.named = tuple(label for label in self.labels if label is not SECTION)

    def words(self, value: str, topic: str = "forward_plan") -> re.Pattern[str]:
        return self.profile.words(topic, value)

    def read(self, paper: Paper, document: Document) -> list[ForwardPlanEntry]:
        lines = _after_heading(list(paper.between(document.line_start, document.line_end)), document.title)
        sections = self._sections(lines)
        heads = {section[0].number for _, section in sections}
        year = _plan_year(lines)
        raw_entries = [raw for raw in self._table_entries(lines) or self._block_entries(lines, heads) if self.read_enough(raw)]
        key_plan = bool(document.title and self.words("key_plan").search(document.title))
        entries = [self.entry(raw, year, key_plan) for raw in raw_entries]
        copies = self._copies(lines, raw_entries)
        for entry in entries if copies else ():
            if entry.contact is None:
                entry.contact = copies[0]
                entry.evidence["contact"] = evidence(copies[1])
        inside = {line.number for raw in raw_entries for line in raw.lines}
        for route, section in sections:
            self._apply_section(entries, route, section, inside, year)
        return entries

    def _copies(self, lines: list[Line], entries: list[_Entry]) -> tuple[str, list[Line]] | None:
        """The plan's own statement of where copies of the documents can be had (reg 9(1)(f)),
        outside its entries: the contact of an entry that names none."""
        inside = {line.number for entry in entries for line in entry.lines}
        for paragraph in _paragraphs([line for line in lines if line.number not in inside]):
            text = " ".join(line.text for line in paragraph)
            for sentence in _SENTENCE.split(text):
                if self.words("copies").search(sentence):
                    return sentence.strip(), paragraph
        return None

    # --- sections for general exceptions and special urgency ---------------------------------

    def _sections(self, lines: list[Line]) -> list[tuple[str, list[Line]]]:
        """(urgency route, lines) of each general-exception or special-urgency section: from
        its heading (a short line, no sentence) to the next one or the plan's end."""
        heads = []
        for index, line in enumerate(lines):
            if not line.text or len(line.text.split()) > _SECTION_HEADING_WORDS or line.text.endswith((".", ",")) or _WRAPS.search(line.text):
                continue
            for route in ("general_exception", "special_urgency"):
                if self.words(f"{route}_section").search(line.text):
                    heads.append((index, route))
                    break
        return [(route, lines[index : heads[n + 1][0] if n + 1 < len(heads) else len(lines)]) for n, (index, route) in enumerate(heads)]

    def _apply_section(self, entries: list[ForwardPlanEntry], route: str, lines: list[Line], inside: set[int], year: int | None) -> None:
        """Give the section's route to each entry printed in it, and to each entry a paragraph
        of it names, with the reason and notice date that paragraph gives; a section that says
        there are none names none."""
        numbers = {line.number for line in lines}
        for entry in entries:
            if entry.lines[0] in numbers:
                self._give_route(entry, route, None, [lines[0]], year)
        reference = self.profile.reference
        by_number = {entry.decision_no.lower(): entry for entry in entries if entry.decision_no and reference.fullmatch(entry.decision_no)}
        # Entries whose reference the profile's patterns do not know are looked for as printed.
        others = [(entry, " ".join((entry.decision_no or entry.title or "").lower().split())) for entry in entries if entry.decision_no and not reference.fullmatch(entry.decision_no) or not entry.decision_no and entry.title]
        for paragraph in _paragraphs([line for line in lines[1:] if line.number not in inside]):
            text = " ".join(line.text for line in paragraph)
            if self.words("none_issued").search(text):
                continue
            # An entry is named by its reference, or (having none) by its title.
            named = {id(entry): entry for match in reference.finditer(text) if (entry := by_number.get(match.group(0).lower()))}
            lowered = " ".join(text.lower().split())
            named.update((id(entry), entry) for entry, printed in others if printed in lowered)
            for entry in named.values():
                self._give_route(entry, route, text, paragraph, year)

    def _give_route(self, entry: ForwardPlanEntry, route: str, text: str | None, quoted_lines: list[Line], year: int | None) -> None:
        """The section's route for `entry`, with what the section's paragraph about it (`text`)
        says; an entry printed in the section keeps its own reason."""
        quoted = evidence(quoted_lines)
        urgency = entry.urgency
        # The section is published with the plan: its notice is dated as the entry is, unless
        # a sentence dates the notice itself.
        sentences = _SENTENCE.split(text) if text else []
        notice = next((day for sentence in sentences if self.words("notice", "urgency").search(sentence) and (day := first_date(sentence, year))), None)
        chair = bool(text and self.words("scrutiny_chair", "urgency").search(text))
        entry.urgency = Urgency(
            route=route,
            reason="given" if text else urgency.reason,
            agreed_by=urgency.agreed_by,
            agreed_date=urgency.agreed_date,
            notice_date=notice or urgency.notice_date or entry.first_published,
            scrutiny_chair_informed=chair or urgency.scrutiny_chair_informed,
        )
        entry.evidence["urgency.route"] = quoted
        if text:
            entry.evidence["urgency.reason"] = quoted
        if notice or "urgency.notice_date" not in entry.evidence:
            entry.evidence["urgency.notice_date"] = quoted if notice or "first_published" not in entry.evidence else entry.evidence["first_published"]

    # --- tables --------------------------------------------------------------------------------

    def _table_entries(self, lines: list[Line]) -> list[_Entry]:
        entries: list[_Entry] = []
        index = 0
        while index < len(lines):
            heading = self._heading_row(lines[index])
            if heading is None:
                index += 1
                continue
            split, columns = heading
            index += 1
            while index < len(lines):
                line = lines[index]
                if not line.text:
                    # A separator row ("|---|---|") or a blank line inside the table.
                    if line.raw.strip() and "|" not in line.raw:
                        break
                    index += 1
                    continue
                cells = split(line)
                if cells is None or self._heading_row(line):
                    break
                # An empty cell under a heading is a blank field, not an absent one.
                row = _Entry([line], {name: (cell, [line]) for name, cell in zip(columns, cells) if name})
                if self.read_enough(row):
                    entries.append(row)
                elif entries and entries[-1].lines[-1].number + 1 >= line.number:
                    # A row that is no entry of its own carries on the cells of the one above.
                    _continue_row(entries[-1], {name: cell for name, cell in zip(columns, cells) if name and cell}, line)
                index += 1
        return entries

    def _heading_row(self, line: Line):
        """(cell splitter, field name per column) when `line` is a table's heading row."""
        for split in (_pipe_cells, _tab_cells, _spaced_splitter(line)):
            cells = split(line)
            if not cells or len(cells) < _TABLE_COLUMNS:
                continue
            names = [self._column(cell) for cell in cells]
            known = [name for name in names if name]
            if len(known) >= _TABLE_COLUMNS and {"title", "number"} & set(known) and set(_ENTRY_FIELDS) & set(known):
                return split, names
        return None

    def _column(self, cell: str) -> str | None:
        """The field a column heading names: a whole cell that is one of the labels."""
        for candidate in self.named:
            match = candidate.pattern.match(cell.strip())
            if match and not (match["value"] or "").strip():
                return candidate.name
        return None

    # --- blocks of labelled fields ---------------------------------------------------------

    def _block_entries(self, lines: list[Line], heads: set[int]) -> list[_Entry]:
        entries = []
        for block in self._blocks(lines, heads):
            entry = self.fields_of(block)
            # What follows its last field (after a blank line) is the plan's, not the entry's.
            last = max((line.number for _, quoted in entry.values.values() for line in quoted), default=block[-1].number)
            entry.lines = [line for line in block if line.number <= last]
            title = _title_lines(entry.lines, self.named)
            if title and "title" not in entry.values:
                entry.values["title"] = (" ".join(line.text for line in title), title)
            entries.append(entry)
        return entries

    def fields_of(self, block: list[Line]) -> _Entry:
        """An entry's labelled fields, each value with the lines that quote it."""
        entry = _Entry(block)
        for name, found in find_fields(block, self.labels).items():
            if name != SECTION.name:
                entry.values[name] = _field_value(found)
        return entry

    def _blocks(self, lines: list[Line], heads: set[int]) -> list[list[Line]]:
        """The lines of each entry: a rule or a section's heading (`heads`, line numbers) ends
        one, and so does a label seen again, the new entry taking the title lines just above
        that label."""
        blocks: list[list[Line]] = []
        current: list[Line] = []
        seen: set[str] = set()
        for line in lines:
            if _RULE.match(line.text) or line.number in heads:
                blocks.append(current)
                current, seen = [], set()
                continue
            name = self._label_of(line)
            if name in seen:
                title = _title_above(current, self.named)
                blocks.append(current[: len(current) - len(title)])
                current, seen = list(title), set()
            elif name and not seen:
                # What stands above an entry's first label, past its title lines, is the
                # plan's preamble, not the entry.
                current = _title_above(current, self.named)
            if name:
                seen.add(name)
            current.append(line)
        blocks.append(current)
        return [_trimmed(block) for block in blocks if any(self._label_of(line) for line in block)]

    def _label_of(self, line: Line) -> str | None:
        if not line.text:
            return None
        for candidate in self.named:
            if candidate.pattern.match(line.text):
                return candidate.name
        return None

    # --- the record ------------------------------------------------------------------------

    def read_enough(self, raw: _Entry) -> bool:
        def read(name: str) -> bool:
            return bool(raw.values.get(name, ("",))[0])

        return (read("title") or read("number")) and any(read(name) for name in _ENTRY_FIELDS)

    def entry(self, raw: _Entry, year: int | None, key_plan: bool) -> ForwardPlanEntry:
        profile = self.profile
        values = raw.values
        quotes: dict[str, Evidence] = {}

        def text(name: str) -> str:
            return values[name][0] if name in values else ""

        def quote(path: str, name: str) -> None:
            if name in values and values[name][1]:
                quotes[path] = evidence(values[name][1])

        number = profile.reference_in(text("number")) if text("number") else None
        title = text("title") or None
        if title and number is None:
            # "25/00055 - Award of …": the reference opens the title line.
            match = profile.reference.match(title.strip())
            if match:
                number = match.group(0)
                title = _TITLE_DASH.sub("", title.strip()[match.end() :]) or None
                quote("decision_no", "title")
        quote("decision_no", "number")
        quote("title", "title")
        maker = text("maker")
        quote("decision_maker", "maker")
        by = self.words("due_by").search(text("due")) if not maker else None
        if by:
            # ModernGov prints "Decision due: 14 January 2026 by Cabinet".
            maker = text("due")[by.end() :].strip(" .")
            quote("decision_maker", "due")
        decision_maker = maker if maker and not self.words("to_be_confirmed").search(maker) else None
        key = text("key")
        key_decision = True if profile.words("key_decision", "yes").search(key) else False if profile.words("key_decision", "no").search(key) else None
        if key_decision is None and key_plan:
            key_decision = True
        quote("key_decision", "key")
        first_published = first_date(text("first_published"), year)
        quote("first_published", "first_published")
        decision_due = first_day(text("due"), year)
        quote("decision_due", "due")
        quote("documents_field", "documents")
        quote("contact", "contact")
        return ForwardPlanEntry(
            decision_no=number,
            title=title,
            decision_maker=decision_maker,
            key_decision=key_decision,
            first_published=first_published,
            decision_due=decision_due,
            documents_field=self._documents(values),
            contact=text("contact") or None,
            lines=(raw.lines[0].number, raw.lines[-1].number),
            urgency=self._urgency(raw, first_published, year, quotes),
            exempt=self._exempt(text("restriction"), quotes, values),
            evidence=quotes,
        )

    def _documents(self, values: dict) -> str:
        if "documents" not in values:
            return "absent"
        value = values["documents"][0]
        if not value or self.words("to_be_confirmed").search(value):
            return "blank"
        if self.words("none_issued").search(value):
            return "none"
        return "given"

    def _urgency(self, raw: _Entry, first_published: str | None, year: int | None, quotes: dict[str, Evidence]) -> Urgency:
        """The route an entry's own fields and marks give: special urgency (reg 11) or the
        general exception (reg 10), whose notice is the entry itself unless it dates its own."""
        marked = {
            route: next((line for line in raw.lines if line.text and any(self.words(mark, "urgency").search(line.text) for mark in marks)), None)
            for route, marks in _ROUTE_MARKS.items()
        }
        reason = raw.values.get("urgency_reason")
        route = "special_urgency" if marked["special_urgency"] else "general_exception" if marked["general_exception"] or reason else "none"
        if route == "none":
            return Urgency()
        mark = marked[route] or (reason[1][0] if reason and reason[1] else raw.lines[0])
        quotes["urgency.route"] = evidence([mark])
        if reason:
            quotes["urgency.reason"] = evidence(reason[1] or raw.lines[:1])
        notice = raw.values.get("notice")
        notice_date = first_date(notice[0], year) if notice else None
        if notice_date and notice:
            quotes["urgency.notice_date"] = evidence(notice[1])
        elif route == "general_exception" and first_published:
            notice_date = first_published
            if "first_published" in quotes:
                quotes["urgency.notice_date"] = quotes["first_published"]
        agreed = raw.values.get("agreed_by")
        if agreed:
            quotes["urgency.agreed_by"] = evidence(agreed[1])
        entry_text = " ".join(line.text for line in raw.lines)
        return Urgency(
            route=route,
            reason=("given" if reason[0] else "blank") if reason else "absent",
            agreed_by=_without_dates(agreed[0]) if agreed and agreed[0] else None,
            agreed_date=first_date(agreed[0], year) if agreed else None,
            notice_date=notice_date,
            scrutiny_chair_informed=bool(self.words("scrutiny_chair", "urgency").search(entry_text)),
        )

    def _exempt(self, value: str, quotes: dict[str, Evidence], values: dict) -> ExemptInformation:
        """Whether the matter is to be taken in private, and under which Schedule 12A paragraphs;
        "Not known" or "To be confirmed" says neither."""
        if not value or self.words("to_be_confirmed").search(value):
            return ExemptInformation()
        if self.words("public", "restriction").search(value):
            status, paragraphs = "public", []
        elif self.words("exempt", "restriction").search(value):
            status = "exempt"
            paragraphs = sorted({int(d) for match in _PARAGRAPHS.finditer(value) for d in re.findall(r"\d", match["list"]) if int(d) in _SCHEDULE_PARAGRAPH})
        else:
            return ExemptInformation()
        quotes["exempt.status"] = evidence(values["restriction"][1])
        if paragraphs:
            quotes["exempt.paragraphs"] = quotes["exempt.status"]
        return ExemptInformation(status=status, paragraphs=paragraphs)


# --- small readers ---------------------------------------------------------------------------


def _field_value(found: Field) -> tuple[str, list[Line]]:
    """A field's value and the lines quoting it: the heading's line with what follows it on
    the lines under it, up to a blank line (an entry's last field must not run on into the
    plan's closing text)."""
    lines = list(found.heading)
    parts = [found.inline] if found.inline else []
    for line in found.body:
        if not line.text:
            if parts:
                break
            continue
        parts.append(line.text)
        lines.append(line)
    return " ".join(" ".join(parts).split()), lines


def _title_above(lines: list[Line], labels: Sequence[Label]) -> list[Line]:
    """The title lines just above a label that opens a new entry: unlabelled lines after a
    blank line, a field or the top, at most a few."""
    title: list[Line] = []
    for line in reversed(lines):
        # A print with no blank lines (a PDF's) sets the title straight under the last field.
        if not line.text or any(label.pattern.match(line.text) for label in labels):
            return title
        if len(title) >= _TITLE_LINES:
            return []
        title.insert(0, line)
    return title


def _title_lines(block: list[Line], labels: Sequence[Label]) -> list[Line]:
    """The title line that opens an entry above its first label (what follows it there is the
    entry's mark or note, "Urgent Decision – Immediate Implementation"), with the next line
    when the title wraps after a joining word."""
    above: list[Line] = []
    for line in block:
        if line.text and any(label.pattern.match(line.text) for label in labels):
            break
        if line.text:
            above.append(line)
    title = above[:1]
    if len(above) > 1 and _WRAPS.search(above[0].text):
        title.append(above[1])
    return title


def _after_heading(lines: list[Line], title: str | None) -> list[Line]:
    """The plan's lines after its heading (the masthead and heading are no entry's title)."""
    at = next((n for n, line in enumerate(lines) if title and " ".join(line.text.split()).strip(" :") == title), None)
    return lines[at + 1 :] if at is not None else lines


def _trimmed(lines: list[Line]) -> list[Line]:
    """`lines` without the blank lines at either end: an entry spans its own text."""
    filled = [n for n, line in enumerate(lines) if line.text]
    return lines[filled[0] : filled[-1] + 1]


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    found: list[list[Line]] = [[]]
    for line in lines:
        if line.text and not _RULE.match(line.text):
            found[-1].append(line)
        elif found[-1]:
            found.append([])
    return [paragraph for paragraph in found if paragraph]


def _without_dates(text: str) -> str | None:
    """A name given with the date it was agreed ("Cllr A Jones, Chair of Scrutiny, 3 March 2026")."""
    cut = find_dates(text)
    if cut:
        text = text[: cut[0][1]]
    return text.strip(" ,;-–—(") or None


def _plan_year(lines: list[Line]) -> int | None:
    """The year of the plan's first full date: entries print "5 Nov" with no year."""
    for line in lines:
        found = first_date(line.text)
        if found:
            return int(found[:4])
    return None


def _continue_row(entry: _Entry, values: dict[str, str], line: Line) -> None:
    for name, value in values.items():
        old, quoted = entry.values.get(name, ("", []))
        entry.values[name] = (f"{old} {value}".strip(), [*quoted, line])
    entry.lines.append(line)


def _pipe_cells(line: Line) -> list[str] | None:
    raw = line.raw.strip()
    if raw.count("|") < 2:
        return None
    cells = raw.strip("|").split("|")
    # A Markdown export may print its heading cells in bold.
    return [" ".join(cell.split()).strip("*_ ") for cell in cells]


def _tab_cells(line: Line) -> list[str] | None:
    if "\t" not in line.raw:
        return None
    return [" ".join(cell.split()) for cell in line.raw.strip("\n").split("\t")]


def _spaced_splitter(heading: Line):
    """Cells of rows printed in columns of spaces, each placed under the heading cell it starts
    below (a wrapped or empty cell leaves the others in their columns)."""
    starts = [match.end() for match in _SPACE_GAP.finditer(heading.raw)]
    first = len(heading.raw) - len(heading.raw.lstrip())
    starts = [first, *starts]

    def split(line: Line) -> list[str] | None:
        raw = line.raw
        # A row has its columns apart, or starts under a later column (a wrapped cell).
        if "\t" in raw or "|" in raw or not _SPACE_GAP.search(raw.rstrip()):
            return None
        cells = [""] * len(starts)
        position = 0
        for piece in _SPACE_GAP.split(raw):
            at = raw.index(piece, position) if piece else position
            position = at + len(piece)
            if not piece.strip():
                continue
            column = max((n for n, start in enumerate(starts) if at >= start - 2), default=0)
            cells[column] = f"{cells[column]} {piece.strip()}".strip()
        return cells

    return split
