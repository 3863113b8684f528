"""Splitting a paper bundle into its logical documents (agenda, minutes, reports, records…).

A committee pack is many documents glued together with no form feeds, so boundaries are read
from what each document's own layout says about where it begins and ends:

- *headed* documents announce themselves: an agenda's "AGENDA", the minutes' "MINUTES of a
  meeting of", a report cover's "From:/To:/Subject:" block, a record's "… RECORD OF DECISION"
  heading followed by its "DECISION … TAKEN BY" / "DECISION NO" fields, a forward plan's
  "Notice of key decisions" / "Forthcoming Executive Decisions" heading followed by entries
  (their "Decision due" / "First published" fields, or a table headed by such labels), an
  "EQIA Submission Form", an "Appendix N" heading;
- *unheaded* documents (slide decks, attached plans, dashboards) are found because the
  document before them has visibly finished: a report's contact block, a record's "signed
  date" line, an "-END-" marker, a blank filler page, "Page 1 of N", or a presentation cover
  (title, committee name, date).

Each document runs from its start to the line before the next one, so the list covers the
whole file in order.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from govlint.engine.documents.layout import SIGNED_DATE
from govlint.engine.reading.lines import Paper
from govlint.engine.common.patterns import any_phrase
from govlint.engine.profiles.labels import HEADING_QUALIFIER, HEADING_END, NUMBERING, SECTION, any_start, profile_labels, record_headings
from govlint.engine.profiles.model import Profile
from govlint.engine.records.model import Document

_AGENDA = re.compile(r"^agenda$", re.IGNORECASE)
_MINUTES = re.compile(r"^minutes\s+of\s+(?:a|the)\s+meeting\b", re.IGNORECASE)
# The masthead above the minutes: council name, a rule, the committee name.
_MASTHEAD = re.compile(r"^(?:.*\b(?:council|committee|cabinet|board)|_{5,}|-{5,}|={5,})$", re.IGNORECASE)
# Lines before a paper's first heading that are only its masthead (the council's name, a site's
# breadcrumbs) belong to it, not to a document of their own.
_MASTHEAD_LINES = 4
_MASTHEAD_WORDS = 10
# A printed e-mail has From/To/Subject too, but also a "Sent:" line no report cover has.
_EMAIL_SENT = re.compile(r"^sent\s*:", re.IGNORECASE)
_EQIA = re.compile(
    r"^(?:EQIA|Equality\s+(?:Impact\s+)?(?:Analysis|Assessment))(?:\s+Submission)?\s+Form\b", re.IGNORECASE
)
_EQIA_TITLE = re.compile(r"^EQIA\s+Title\s*:?\s*(.*)$", re.IGNORECASE)
# "Appendix 1: …", "APPENDIX 1 - …", "Appendix B" alone, "Appendix 1 Funding Partners …";
# not "Appendix 1 details the …" or "Appendix A) to:" inside a sentence.
_APPENDIX = re.compile(r"^(?i:appendix)\s+(?:\d{1,2}|[A-Z])\b(?:\s*[:–—-]|\s+[A-Z(]|\s*$)")
_BARE_APPENDIX = re.compile(r"^appendix\s+\S+$", re.IGNORECASE)
_APPENDIX_LIST_GAP = 8
_CONTACT_HEADING = re.compile(
    r"^(?:\d{1,2}\.?\s*)?(?:contact\s+details|report\s+authors?|lead\s+officers?|relevant\s+directors?"
    r"|contact\s+officers?|responsible\s+officers?)\s*:?$",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b")
# Only ever searched for: an "@" between two non-space characters. Not \S+@\S+, which tries
# every start of a long unspaced run against the whole rest of it (quadratic in the line).
_EMAIL = re.compile(r"\S@\S")
_END_MARKER = re.compile(r"^(?:[-–—*_]+\s*end\s*[-–—*_]+|end\s+of\s+(?:document|report|appendix))$", re.IGNORECASE)
_PAGE_ONE = re.compile(r"^page\s+1\s+of\s+\d+$", re.IGNORECASE)
# Packs pad each document to an even page count; the filler page ends the document before.
_BLANK_PAGE = re.compile(r"^this\s+page\s+(?:is\s+)?intentionally\s+(?:left\s+)?blank\.?$", re.IGNORECASE)
# Link targets the PDF extractor appends below a page: they belong to no document.
_LINK = re.compile(r"^(?:mailto:|https?://|www\.)\S*$|^#\w+$", re.IGNORECASE)
_COMMITTEE_LINE = re.compile(r"^[A-Z][\w&,'’ -]{2,80}\bcommittee$", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*,?\s+\d{4}$",
    re.IGNORECASE,
)
# Stock answers of a form: never the title of the document after it.
_FORM_ANSWER = re.compile(r"^(?:yes|no|n/?a|none|not\s+(?:applicable|completed|known))\.?$", re.IGNORECASE)
_LABEL = re.compile(r"^[A-Z][\w ()/'’&-]{1,40}\s*:(?!//)")
_CONNECTOR = re.compile(r"(?:\b(?:and|of|for|the|to|in|on|&)|[-–—,])$", re.IGNORECASE)
_WORK_PROGRAMME = re.compile(r"\bwork\s+programme\b", re.IGNORECASE)
_NAMES_COMMITTEE = re.compile(r"\bcommittee\b", re.IGNORECASE)
_STANDING_ITEM = re.compile(r"\bstanding\s+item\b", re.IGNORECASE)
_OUTSIDE_CYCLE = re.compile(r"taken\s+outside\s+of\s+the\s+cabinet\s+committee\s+meeting\s+cycle", re.IGNORECASE)
_REFERS_TO_APPENDIX = re.compile(r"\bappend(?:ix|ices|ed)\b|\battached\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


def _any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """Where any of these case-blind patterns matches: one cheap test per line before the readers."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns), re.IGNORECASE)


# A committee line may begin anywhere, so on a line of prose its pattern would try every
# position; the word it must end with is tested in one step at the end. Anchored: it is read
# with match, and a search from every position of a long line would be quadratic.
_ENDS_COMMITTEE = re.compile(r"\A.*+(?<=committee)", re.IGNORECASE)
_ENDING = _any_of(_END_MARKER, _BLANK_PAGE, _PAGE_ONE, _ENDS_COMMITTEE)
# A record heading's wording may follow a council or body name and a dash ("KENT COUNTY
# COUNCIL – PROPOSED RECORD OF DECISION", "CABINET - RECORD OF DECISIONS"), no longer than this.
_HEADING_PREFIX_WORDS = 8
# Words before a forward plan's heading phrase: the council's or the body's name.
_PLAN_HEADING_PREFIX_WORDS = 4
# The report labels a front sheet shows within its first lines, its opening one included.
_FRONT_SHEET_LABELS = 3


class _Forms:
    """What the profile says opens each kind of headed document, compiled once per profile."""

    def __init__(self, profile: Profile):
        self.profile = profile
        proposed = profile.heading_phrases("proposed_record_of_decision")
        taken = profile.heading_phrases("record_of_decision")
        self.records = record_headings(profile)
        # Every record heading ends with one of these words, or with them and who took the
        # decisions: one cheap test rules most lines out.
        last_words = sorted({phrase.split()[-1].lower() for phrase in (*proposed, *taken) if phrase.split()})
        ends = "|".join(f"(?<={re.escape(word)})" for word in last_words) or "(?!)"
        self.ends_heading = re.compile(rf"\A.*+(?:{ends})|\A.*\b(?:{'|'.join(map(re.escape, last_words)) or '(?!)'}){HEADING_QUALIFIER}$", re.IGNORECASE)
        opening = profile.heading_phrases("committee_report")
        self.report_opening = re.compile(rf"^{any_phrase(opening)}{HEADING_END}", re.IGNORECASE)
        self.record_labels = profile_labels(profile, "record")
        self.report_labels = profile_labels(profile, "report")
        plan = profile.heading_phrases("forward_plan")
        # A plan's heading may follow the council's or the body's name ("Cabinet Forward Plan",
        # "FENMOOR BOROUGH COUNCIL - NOTICE OF KEY DECISIONS"): a few words, or a dash after them.
        self.plan_heading = re.compile(
            rf"^(?:[^.:;]{{0,80}}[-–—:]\s*|(?:[^.:;\s]+\s+){{0,{_PLAN_HEADING_PREFIX_WORDS}}})?{any_phrase(plan)}\b", re.IGNORECASE
        )
        # What shows a forward plan's entries: their own dates, which no other form prints, as a
        # label ("Decision due: …"), a cell of a table row ("| Decision due |"), or as column
        # headings side by side (a text export's columns of spaces are gone from the cleaned
        # text, so both dates must be there).
        published = any_phrase(profile.label_phrases("forward_plan", "first_published"))
        due = any_phrase(profile.label_phrases("forward_plan", "due"))
        self.plan_label = re.compile(rf"^{NUMBERING}(?:{published}|{due}){HEADING_END}|(?:^|\|\s*)(?:{published}|{due})\s*(?:\||$)", re.IGNORECASE)
        self.plan_columns = (re.compile(rf"\b{published}\b", re.IGNORECASE), re.compile(rf"\b{due}\b", re.IGNORECASE))
        self.heading = _any_of(_AGENDA, _MINUTES, _EQIA, self.report_opening, self.ends_heading, self.plan_heading)

    def label(self, family: str, text: str) -> tuple[str, str] | None:
        """(label name, inline value) when `text` opens with one of the family's labels."""
        labels = self.record_labels if family == "record" else self.report_labels
        if not any_start(labels).match(text):
            return None
        for label in labels:
            match = label.match(text)
            if match and label is not SECTION:
                return label.name, match["value"] or ""
        return None


# Lines that are never a document's content.
_FILLER = _any_of(_LINK, _BLANK_PAGE)

# How far a header's fields may sit from its first line, counted in non-empty lines.
_REPORT_HEADER_SPAN = 20
_RECORD_HEADER_SPAN = 10
# A contact block has ended once this many content lines pass with no phone or e-mail.
_CONTACT_TAIL = 5
# A cover page's title sits at most this many lines above its committee line.
_COVER_TITLE_LINES = 4
_TITLE_WORDS = 8
# A boundary inferred from a closing block and a heading found just below it are one start;
# one inferred just below a heading is inside that document's header.
_MERGE_WINDOW = 6


class _Texts(tuple):
    """The cleaned text of a paper's lines, indexed by position in reading order.

    A position is not a line number: a two-column row gives two lines with one number, so
    `numbers` maps positions to source lines. Every reader asks for the next content lines,
    so their positions (`content`, ascending) are worked out once per paper.
    """

    numbers: tuple[int, ...]
    content: list[int]
    forms: _Forms


@lru_cache(maxsize=None)
def _forms(profile: Profile) -> _Forms:
    return _Forms(profile)


def _texts(paper: Paper, profile: Profile) -> _Texts:
    texts = _Texts(line.text for line in paper.lines)
    texts.forms = _forms(profile)
    texts.numbers = tuple(line.number for line in paper.lines)
    texts.content = [i for i, text in enumerate(texts) if text and not _FILLER.match(text)]
    return texts


@dataclass(frozen=True)
class _Start:
    at: int  # position in reading order (see _Texts)
    kind: str | None  # None: unheaded, kind decided from its neighbours
    title: str | None = None
    decision_no: str | None = None


def split_documents(paper: Paper, profile: Profile) -> list[Document]:
    texts = _texts(paper, profile)
    if not texts:
        return []
    headed = _headed_starts(texts)
    starts = _merge(headed, _unheaded_starts(texts, headed))
    if not starts or (_first_content(texts, 0, starts[0].at) is not None and not _only_masthead(texts, starts[0])):
        starts.insert(0, _Start(0, None))
    else:
        starts[0] = _Start(0, starts[0].kind, starts[0].title, starts[0].decision_no)
    return _documents(texts, _on_new_lines(texts, starts))


def _only_masthead(texts: _Texts, first: _Start) -> bool:
    """Whether the lines before the first headed document are only a masthead."""
    before = _content(texts, 0, first.at)
    return first.kind is not None and len(before) <= _MASTHEAD_LINES and all(_words(texts[i]) <= _MASTHEAD_WORDS and not texts[i].endswith(".") for i in before)


# --- small readers over the cleaned text --------------------------------------------------


def _content(texts: _Texts, start: int, stop: int | None = None) -> list[int]:
    """Positions of content lines in [start, stop): non-empty, and not filler (link targets, blank pages)."""
    content = texts.content
    first = bisect_left(content, start)
    return content[first:] if stop is None else content[first : bisect_left(content, stop, first)]


def _first_content(texts: _Texts, start: int, stop: int) -> int | None:
    # No slice: called once per boundary, a copy of the rest of a long paper each time is quadratic.
    first = bisect_left(texts.content, start)
    return texts.content[first] if first < len(texts.content) and texts.content[first] < stop else None


def _next_content(texts: _Texts, start: int, count: int) -> list[int]:
    first = bisect_left(texts.content, start)
    return texts.content[first : first + count]


def _words(text: str) -> int:
    return len(text.split())


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" :")


def _wrapped_value(texts: _Texts, at: int, first: str, max_lines: int = 4) -> str:
    """A label's value that may wrap onto later lines, up to the next label line."""
    parts = [first] if first else []
    for i in _next_content(texts, at + 1, max_lines):
        if _LABEL.match(texts[i]) or texts.forms.label("record", texts[i]):
            break
        # A value wraps onto the next line or two, not across a page of blanks.
        if parts and i - at > 3 * max_lines:
            break
        parts.append(texts[i])
        at = i
    return _tidy(" ".join(parts))


def _is_contact(text: str) -> bool:
    return bool(_PHONE.search(text) or _EMAIL.search(text))


def _title_like(text: str) -> bool:
    return (
        _words(text) <= _TITLE_WORDS
        and not text.endswith(".")
        and not _is_contact(text)
        and not _FORM_ANSWER.match(text)
    )


def _heading_title(texts: _Texts, at: int) -> str | None:
    """A heading that may wrap: one short continuation line, more after a dangling word."""
    lines = _next_content(texts, at, 6)
    if not lines:
        return None
    parts = [texts[lines[0]]]
    free_join = True
    for i in lines[1:]:
        text = texts[i]
        if _LABEL.match(text) or _COMMITTEE_LINE.match(text) or not _title_like(text):
            break
        if _CONNECTOR.search(parts[-1]):
            parts.append(text)
        elif free_join and _words(text) <= 4:
            parts.append(text)
            free_join = False
        else:
            break
    return _tidy(" ".join(parts)) or None


# --- headed documents ---------------------------------------------------------------------


def _headed_starts(texts: _Texts) -> list[_Start]:
    readers = (_agenda, _minutes, _report, _record, _eqia, _forward_plan)
    starts: list[_Start] = []
    for i in texts.content:
        if not texts.forms.heading.match(texts[i]):
            continue
        for reader in readers:
            found = reader(texts, i)
            if found:
                starts.append(found)
                break
    starts.extend(_appendix_headings(texts))
    starts.sort(key=lambda start: start.at)
    return _drop_repeats(starts)


def _agenda(texts: _Texts, i: int) -> _Start | None:
    if not _AGENDA.match(texts[i]):
        return None
    following = _next_content(texts, i + 1, 1)
    return _Start(i, "agenda", _tidy(texts[following[0]]) if following else None)


def _masthead_top(texts: _Texts, i: int) -> int:
    """Where a heading's document starts: the masthead above it (council name, rules) is its own."""
    start = i
    for j in reversed(_content(texts, i - 10, i)):
        if not _MASTHEAD.match(texts[j]):
            break
        start = j
    return start


def _minutes(texts: _Texts, i: int) -> _Start | None:
    if not _MINUTES.match(texts[i]):
        return None
    return _Start(_masthead_top(texts, i), "minutes", _minutes_title(texts, i))


def _minutes_title(texts: _Texts, i: int) -> str:
    parts = [texts[i]]
    for j in range(i + 1, min(i + 4, len(texts))):
        if not texts[j] or _LABEL.match(texts[j]):
            break
        parts.append(texts[j])
    return _tidy(" ".join(parts))


def _report(texts: _Texts, i: int) -> _Start | None:
    """A report's front sheet: an opening label ("From:", "Report to:") and enough of the
    profile's report labels under it ("To:", "Subject:", "Key decision:", "Ward(s):")."""
    forms = texts.forms
    if not forms.report_opening.match(texts[i]):
        return None
    header = _next_content(texts, i + 1, _REPORT_HEADER_SPAN)
    found = {j: forms.label("report", texts[j]) for j in [i, *header]}
    # A short cover (a verbal update) can be followed at once by the next report's cover.
    opening = found[i][0] if found[i] else None
    header = header[: next((n for n, j in enumerate(header) if found[j] and found[j][0] == opening), len(header))]
    if any(_EMAIL_SENT.match(texts[j]) for j in header):
        return None
    names = {found[j][0] for j in [i, *header] if found[j]}
    title = next((j for j in header if found[j] and found[j][0] == "title"), None)
    if len(names) < _FRONT_SHEET_LABELS or title is None:
        return None
    value = _wrapped_value(texts, title, found[title][1].strip())
    return _Start(i, "committee_report", value or None, _decision_number(texts, header))


def _record(texts: _Texts, i: int) -> _Start | None:
    forms = texts.forms
    text = texts[i]
    proposed = forms.records.proposed.search(text)
    heading = proposed or forms.records.taken.search(text)
    if not heading or not _heading_prefix(text[: heading.start()]):
        return None
    header = _next_content(texts, i + 1, _RECORD_HEADER_SPAN)
    # What makes a record heading real: a link label in Background Documents has no fields.
    if not any(forms.label("record", texts[j]) for j in header):
        return None
    kind = "proposed_record_of_decision" if proposed else "record_of_decision"
    return _Start(_masthead_top(texts, i), kind, _record_title(texts, header), _decision_number(texts, header))


def _heading_prefix(prefix: str) -> bool:
    """Whether what stands before a record heading's wording is a council or body name
    ("KENT COUNTY COUNCIL –", "CABINET -"), not the start of a sentence that mentions a record."""
    prefix = prefix.strip()
    if not prefix:
        return True
    if len(prefix.split()) > _HEADING_PREFIX_WORDS:
        return False
    return prefix[-1] in "-–—:" or prefix.lower().endswith("council") or not any(c.islower() for c in prefix)


def _record_title(texts: _Texts, header: list[int]) -> str | None:
    for j in _next_content(texts, header[0], _REPORT_HEADER_SPAN):
        label = texts.forms.label("record", texts[j])
        if label and label[0] == "title":
            return _wrapped_value(texts, j, label[1].strip()) or None
    return None


def _decision_number(texts: _Texts, header: list[int]) -> str | None:
    """The reference field's value, on its line or up to two lines below it; also where the
    reference label shares a line with another ("DECISION TO BE TAKEN BY: DECISION NO:").

    A placeholder ("To be allocated by Democratic Services") carries no number, so gives None.
    """
    forms = texts.forms
    for j in header:
        rest, label = texts[j], forms.label("record", texts[j])
        while label and label[0] != "number" and label[1].strip():
            rest = label[1].strip()
            label = forms.label("record", rest)
        if not label or label[0] != "number":
            continue
        if label[1].strip():
            return forms.profile.reference_in(label[1].strip())
        below = " ".join(texts[k] for k in _next_content(texts, j + 1, 2))
        match = forms.profile.reference.search(below)
        return match.group(0) if match else None
    return None


def _eqia(texts: _Texts, i: int) -> _Start | None:
    if not _EQIA.match(texts[i]):
        return None
    title = None
    for j in _next_content(texts, i + 1, _RECORD_HEADER_SPAN):
        match = _EQIA_TITLE.match(texts[j])
        if match:
            # The form puts each answer on the line under its question.
            title = match.group(1) or next((texts[k] for k in _next_content(texts, j + 1, 1)), None)
            break
    return _Start(i, "eqia_form", _tidy(title) if title else None)


# A plan's first entry may follow a page of preamble (the period, the threshold, where copies
# of documents can be had); its heading is a title, not a sentence.
_PLAN_ENTRY_REACH = 40
_PLAN_HEADING_WORDS = 14


def _forward_plan(texts: _Texts, i: int) -> _Start | None:
    """A forward plan: its heading, with an entry's own dates ("Decision due", "Date first
    published") as labels or column headings below it; a sentence that names the plan is no
    heading, and a heading with no entries under it opens nothing."""
    forms = texts.forms
    text = texts[i]
    if not forms.plan_heading.match(text) or _words(text) > _PLAN_HEADING_WORDS or text.endswith((".", ",")):
        return None
    if not any(_plan_entry_line(forms, texts[j]) for j in _next_content(texts, i + 1, _PLAN_ENTRY_REACH)):
        return None
    return _Start(_masthead_top(texts, i), "forward_plan", _tidy(text))


def _plan_entry_line(forms: _Forms, text: str) -> bool:
    if forms.plan_label.search(text):
        return True
    return _words(text) <= _PLAN_HEADING_WORDS * 2 and all(pattern.search(text) for pattern in forms.plan_columns)


def _appendix_headings(texts: _Texts) -> list[_Start]:
    candidates = [i for i in texts.content if _APPENDIX.match(texts[i]) and _words(texts[i]) <= 16]
    starts = []
    for n, i in enumerate(candidates):
        # A run of "Appendix A – …", "Appendix B – …" a few lines apart is a list of contents.
        near = [j for j in candidates[max(n - 1, 0) : n + 2] if j != i and abs(j - i) <= _APPENDIX_LIST_GAP]
        if near:
            continue
        # A bare "Appendix B" takes the heading under it as its title.
        below = _heading_title(texts, i + 1) if _BARE_APPENDIX.match(texts[i]) else None
        title = _tidy(f"{texts[i]} {below or ''}")
        starts.append(_Start(i, "appendix", title))
    return starts


def _drop_repeats(starts: list[_Start]) -> list[_Start]:
    """One start per document where its heading was found twice: an agenda under an agenda,
    and a front sheet with two opening labels ("Report to: Cabinet", then "Report of: Director
    of Housing"), each finding the same title in the header below it."""
    kept: list[_Start] = []
    for start in starts:
        previous = kept[-1] if kept else None
        if previous and start.kind == previous.kind == "agenda":
            continue
        if previous and start.kind == previous.kind == "committee_report" and (start.title, start.decision_no) == (previous.title, previous.decision_no):
            continue
        kept.append(start)
    return kept


# --- unheaded documents -------------------------------------------------------------------


def _unheaded_starts(texts: _Texts, headed: list[_Start]) -> list[_Start]:
    """Where a document begins only because the one before it has visibly ended."""
    found: list[int] = []
    bounds = [start.at for start in headed] + [len(texts)]
    for start, stop in zip(headed, bounds[1:]):
        closing = _closing_line(texts, start, stop)
        if closing is not None:
            found.append(closing + 1)
    for i, text in enumerate(texts):
        if not (text and _ENDING.match(text)):
            continue
        if _END_MARKER.match(text) or _BLANK_PAGE.match(text):
            found.append(i + 1)
        elif _PAGE_ONE.match(text):
            found.append(i)
        elif _COMMITTEE_LINE.match(text) and _cover_date_follows(texts, i):
            found.append(_cover_top(texts, i))
    firsts = {_first_content(texts, i, len(texts)) for i in found}
    return [_Start(i, None) for i in sorted(firsts - {None})]


def _closing_line(texts: _Texts, start: _Start, stop: int) -> int | None:
    """The last line of a headed document's closing block, if it has one before `stop`."""
    if start.kind == "committee_report":
        return _contact_block_end(texts, start.at, stop)
    if start.kind in ("proposed_record_of_decision", "record_of_decision"):
        return next((i for i in _content(texts, start.at, stop) if SIGNED_DATE.match(texts[i])), None)
    return None


def _contact_block_end(texts: _Texts, start: int, stop: int) -> int | None:
    heading = next((i for i in _content(texts, start, stop) if _CONTACT_HEADING.match(texts[i])), None)
    if heading is None:
        return None
    last = None
    quiet = 0
    for i in _content(texts, heading + 1, stop):
        if _is_contact(texts[i]):
            last, quiet = i, 0
        elif not _CONTACT_HEADING.match(texts[i]):
            quiet += 1
            if quiet > _CONTACT_TAIL:
                break
    return last


def _cover_date_follows(texts: _Texts, i: int) -> bool:
    return any(_DATE_LINE.match(texts[j]) for j in _next_content(texts, i + 1, 2))


def _cover_top(texts: _Texts, i: int) -> int:
    """The first line of a presentation cover: its title lines sit just above the committee."""
    top = i
    for j in reversed(_content(texts, i - 3 * _COVER_TITLE_LINES, i)[-_COVER_TITLE_LINES:]):
        if not _title_like(texts[j]):
            break
        top = j
    return top


def _merge(headed: list[_Start], unheaded: list[_Start]) -> list[_Start]:
    """One start per boundary: a heading found just below an inferred boundary moves up to it."""
    merged = list(headed)
    heads = [start.at for start in headed]  # ascending: looked up by bisection, not scanned per start
    for start in unheaded:
        n = bisect_left(heads, start.at)
        if n < len(heads) and heads[n] - start.at <= _MERGE_WINDOW:
            old = merged[n]
            merged[n] = _Start(min(start.at, old.at), old.kind, old.title, old.decision_no)
            continue
        # Just under a heading is that document's own header, not a new document.
        above = heads[bisect_left(heads, start.at - _MERGE_WINDOW) : n]
        if not above:
            merged.append(start)
    return sorted(merged, key=lambda start: start.at)


# --- assembling ---------------------------------------------------------------------------


def _on_new_lines(texts: _Texts, starts: list[_Start]) -> list[_Start]:
    """The starts that each open a later source line than the start before.

    A document is a span of source lines, so two starts on one two-column row, or a start in
    a right-hand column above where the left one ended, cannot both begin one: the first stands.
    """
    kept: list[_Start] = []
    for start in starts:
        if not kept or texts.numbers[start.at] > texts.numbers[kept[-1].at]:
            kept.append(start)
    return kept


def _documents(texts: _Texts, starts: list[_Start]) -> list[Document]:
    """Each start's document, numbered in source lines, up to the line before the next start."""
    placed: list[tuple[Document, range]] = []  # with the positions each document covers
    stops = [start.at for start in starts[1:]] + [len(texts)]
    ends = [texts.numbers[start.at] - 1 for start in starts[1:]] + [max(texts.numbers)]
    for start, stop, end in zip(starts, stops, ends):
        kind, title, number = start.kind, start.title, start.decision_no
        if kind is None:
            title = _unheaded_title(texts, start.at, stop)
            kind = _unheaded_kind(texts, start.at, stop, title, placed)
            if kind == "work_programme":
                title = _work_programme_title(texts, start.at, stop) or title
        elif kind == "committee_report" and number is None and title and _OUTSIDE_CYCLE.search(title):
            number = _only_decision_no(texts, start.at, stop)
        placed.append((Document(kind, texts.numbers[start.at], end, title, number), range(start.at, stop)))
    return [document for document, _ in placed]


def _only_decision_no(texts: _Texts, start: int, stop: int) -> str | None:
    """The one decision an outside-the-cycle cover report is about, if it names just one."""
    numbers = {match.group(0) for i in range(start, stop) for match in texts.forms.profile.reference.finditer(texts[i])}
    return numbers.pop() if len(numbers) == 1 else None


def _unheaded_kind(
    texts: _Texts, start: int, stop: int, title: str | None, before: list[tuple[Document, range]]
) -> str:
    owner = _owning_report(before)
    report_title = (owner[0].title or "") if owner else ""
    opening = " ".join(texts[i] for i in _content(texts, start, stop)[:6])
    if _WORK_PROGRAMME.search(opening) or _WORK_PROGRAMME.search(report_title):
        return "work_programme"
    if owner is None:
        return "other"
    body = " ".join(texts[i] for i in owner[1])
    if _REFERS_TO_APPENDIX.search(body) or _similar(title or "", report_title):
        return "appendix"
    return "other"


def _owning_report(before: list[tuple[Document, range]]) -> tuple[Document, range] | None:
    """The report whose attachments these are: the report just before, past its appendices."""
    for document, span in reversed(before):
        if document.kind == "appendix":
            continue
        return (document, span) if document.kind == "committee_report" else None
    return None


def _similar(a: str, b: str) -> bool:
    left, right = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return bool(left and right) and len(left & right) / min(len(left), len(right)) >= 0.6


def _unheaded_title(texts: _Texts, start: int, stop: int) -> str | None:
    """The first heading of a document with no title field, past its cover's committee and date."""
    for i in _content(texts, start, stop)[:8]:
        text = texts[i]
        if _COMMITTEE_LINE.match(text) or _DATE_LINE.match(text) or _LABEL.match(text) or _PAGE_ONE.match(text):
            continue
        return _heading_title(texts, i)
    return None


def _work_programme_title(texts: _Texts, start: int, stop: int) -> str | None:
    """The programme's own heading ("… Committee - Work Programme 2020/21"), wherever it sits."""
    lines = [i for i in _content(texts, start, stop) if _words(texts[i]) <= 12]
    for n, i in enumerate(lines):
        text = texts[i]
        if not _WORK_PROGRAMME.search(text) or _STANDING_ITEM.search(text):
            continue
        if _NAMES_COMMITTEE.search(text):
            return _tidy(text)
        previous = texts[lines[n - 1]] if n else ""
        if _COMMITTEE_LINE.match(previous) and lines[n - 1] == i - 1:
            return _tidy(previous + " " + text)
    return None
