"""Records about one decision, across the papers of a run, linked into one case.

A decision leaves documents in several papers: the forward plan announces it, the committee
report and the PROD go to the Cabinet Committee, the minutes record what the committee
resolved, the RoD is published on its own. Each paper is read alone, so each gives its own
records; this stage links them, so that rules can compare them (`case` is the key they join on).

- By decision number: records printing one number (as printed, spacing, case and dashes aside)
  are one case, and so are the minutes' entries for it (`decisions_considered`).
- Else by title and date: records whose titles are close (engine.corpus.titles) and whose
  dates are at most DATE_WINDOW apart are one case. Two records with different numbers are
  linked by title only when their titles are nearly the same and their cases do not both hold
  a document of one kind dated differently (two RoDs are two decisions): such a case is where
  the numbers disagree, and `decision_numbers` shows it.

Every decision of a case gets the documents of all its papers (`documents`) and every number
printed about it (`decision_numbers`, its own first). The result depends on the papers, never on
their order: records are visited in a fixed order (source, then position), and every choice
(which number names the case) is made on that order.
"""
from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from govlint.engine.corpus.titles import MIN_TOKENS, close_pairs, jaccard, tokens
from govlint.engine.records.model import Decision, DecisionDocument, ForwardPlanEntry, ParsedPaper

# A report goes to committee, the RoD follows within weeks, the forward plan announces the
# decision a month or more before: further apart than this, one title is two decisions.
DATE_WINDOW = timedelta(days=120)
# Two numbers are one decision by title only when the titles are this alike (Jaccard).
SAME_TITLE = 0.9
# A case is a handful of documents; linking by title stops short of this many records, so that a
# title every paper repeats cannot chain a whole corpus into one case.
MAX_LINKED = 64

# The fields of a record the linking reads (a run keeps them of every paper).
LINK_FIELDS = ("decision_no", "title", "decision_type", "decision_date", "committee_consultation", "publication_date", "lines",
               "documents", "decision_numbers", "max_money_gbp", "decision_due", "first_published", "decisions_considered", "date")

# Which document names the case when its records print different numbers: the RoD's number
# (REQUIREMENTS 6.5.4: a conflict belongs to the record of the decision), then the PROD's, …
_RANK = {"record_of_decision": 0, "proposed_record_of_decision": 1, "committee_report": 2, "forward_plan_entry": 3, "minutes": 4}
_DOCUMENT_OF_TYPE = {"taken": "record_of_decision", "proposed": "proposed_record_of_decision", "report_only": "committee_report"}
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")


def number_key(printed: str | None) -> str | None:
    """A decision number as printed, with the differences printing makes (spacing, case, dashes) gone."""
    if not printed:
        return None
    return _SPACE.sub("", _DASHES.sub("-", printed)).upper() or None


@dataclass(frozen=True)
class _Mention:
    """One record (or one minute's entry) that speaks of a decision."""

    where: tuple  # (paper, "decision" | "forward_plan_entry" | "considered", index[, index])
    order: tuple  # (source, first line, rank, where): the fixed visiting order
    number: str | None  # number_key of the number printed
    printed: str | None
    words: frozenset[str]
    title: str | None
    day: date | None
    document: str  # the kind of document it is (_RANK's keys)


class _Cases:
    """Union-find over mentions; each root knows its numbers, documents and size."""

    def __init__(self, mentions: list[_Mention]):
        self.parent = list(range(len(mentions)))
        self.numbers = [{m.number} - {None} for m in mentions]
        self.documents = [{(m.document, m.day)} if m.document != "minutes" else set() for m in mentions]
        self.size = [1] * len(mentions)

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, left: int, right: int) -> None:
        left, right = sorted((self.find(left), self.find(right)))
        if left != right:
            self.parent[right] = left
            self.numbers[left] |= self.numbers[right]
            self.documents[left] |= self.documents[right]
            self.size[left] += self.size[right]

    def may_join_by_title(self, left: int, right: int, alike: float) -> bool:
        left, right = self.find(left), self.find(right)
        if left == right or self.size[left] + self.size[right] > MAX_LINKED:
            return False
        if self.numbers[left] and self.numbers[right] and alike < SAME_TITLE:
            return False
        days = {}
        for kind, day in self.documents[left]:
            days.setdefault(kind, set()).add(day)
        return not any(kind in days and day not in days[kind] for kind, day in self.documents[right])


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _mentions(papers: list[ParsedPaper]) -> list[_Mention]:
    found = []
    for p, paper in enumerate(papers):
        for i, decision in enumerate(paper.decisions):
            document = _DOCUMENT_OF_TYPE[decision.decision_type]
            day = _date(decision.decision_date) or _date(decision.committee_consultation.date) or _date(decision.publication_date)
            found.append(_Mention((p, "decision", i), (paper.source, decision.lines[0], _RANK[document], i), number_key(decision.decision_no),
                                  decision.decision_no, tokens(decision.title), decision.title, day, document))
        for i, entry in enumerate(paper.forward_plan_entries):
            day = _date(entry.decision_due) or _date(entry.first_published)
            found.append(_Mention((p, "forward_plan_entry", i), (paper.source, entry.lines[0], _RANK["forward_plan_entry"], i),
                                  number_key(entry.decision_no), entry.decision_no, tokens(entry.title), entry.title, day, "forward_plan_entry"))
        for i, meeting in enumerate(paper.meetings):
            for j, considered in enumerate(meeting.decisions_considered):
                found.append(_Mention((p, "considered", i, j), (paper.source, meeting.lines[0], _RANK["minutes"], i, j),
                                      number_key(considered.decision_no), considered.decision_no, frozenset(), None, _date(meeting.date), "minutes"))
    return sorted(found, key=lambda mention: mention.order)


def _link_by_number(mentions: list[_Mention], cases: _Cases) -> None:
    first: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        if mention.number:
            cases.union(first.setdefault(mention.number, index), index)


def _link_by_title(mentions: list[_Mention], cases: _Cases) -> None:
    """Dated mentions of one token set linked along their dates, then each to the nearest in date
    of a close token set; last, each undated mention to the one case its title can only mean."""
    by_words: dict[frozenset[str], list[int]] = {}
    for index, mention in enumerate(mentions):
        if len(mention.words) >= MIN_TOKENS:
            by_words.setdefault(mention.words, []).append(index)
    groups = sorted(by_words.items(), key=lambda item: item[1][0])
    dated = [_by_day(members, mentions) for _, members in groups]
    for days, members in dated:
        for earlier, later in zip(members, members[1:]):
            if _near(mentions[earlier], mentions[later]) and cases.may_join_by_title(earlier, later, 1.0):
                cases.union(earlier, later)
    sets = [words for words, _ in groups]
    close: dict[int, list[int]] = {}
    for left, right in close_pairs(sets):
        close.setdefault(left, []).append(right)
        close.setdefault(right, []).append(left)
        alike = jaccard(sets[left], sets[right])
        for index in dated[left][1]:
            nearest = _nearest(mentions[index], dated[right], mentions)
            if nearest is not None and cases.may_join_by_title(index, nearest, alike):
                cases.union(index, nearest)
    for group, (_, members) in enumerate(groups):
        undated = [index for index in members if mentions[index].day is None]
        if not undated:
            continue
        # Without a date, a title that several cases carry could be any of them: an undated
        # record joins the case of the dated ones only when they are all one case.
        dated_alike = [(index, 1.0) for index in dated[group][1]]
        dated_alike += [(index, jaccard(sets[group], sets[near])) for near in close.get(group, ()) for index in dated[near][1]]
        roots = set()
        for index, _ in dated_alike:
            roots.add(cases.find(index))
            if len(roots) > 1:
                break
        if len(roots) > 1:
            continue
        alike = min((value for _, value in dated_alike), default=1.0)
        target = dated_alike[0][0] if dated_alike else undated[0]
        for index in undated:
            if cases.may_join_by_title(index, target, alike):
                cases.union(index, target)


def _near(left: _Mention, right: _Mention) -> bool:
    return abs(left.day - right.day) <= DATE_WINDOW


def _by_day(members: list[int], mentions: list[_Mention]) -> tuple[list[int], list[int]]:
    """The members with a date, ordered by it, with their dates as day numbers alongside."""
    ordered = sorted((mentions[index].day.toordinal(), index) for index in members if mentions[index].day)
    return [day for day, _ in ordered], [index for _, index in ordered]


def _nearest(mention: _Mention, others: tuple[list[int], list[int]], mentions: list[_Mention]) -> int | None:
    """The mention of `others` dated nearest `mention`, if near enough to be one decision."""
    days, dated = others
    if not dated:
        return None
    at = bisect.bisect_left(days, mention.day.toordinal())
    best = min((i for i in (at - 1, at) if 0 <= i < len(dated)), key=lambda i: (abs(days[i] - mention.day.toordinal()), dated[i]))
    return dated[best] if _near(mention, mentions[dated[best]]) else None


def _case_names(mentions: list[_Mention], cases: _Cases) -> dict[int, str]:
    """Each root's case key: the number of its highest-ranked document that prints one, else its title and date."""
    members: dict[int, list[int]] = {}
    for index in range(len(mentions)):
        members.setdefault(cases.find(index), []).append(index)
    names: dict[int, str] = {}
    taken: set[str] = set()
    for root in sorted(members):
        ranked = sorted(members[root], key=lambda index: (mentions[index].order[2], mentions[index].order))
        numbered = [index for index in ranked if mentions[index].number]
        if numbered:
            name = mentions[numbered[0]].printed.strip()
        else:
            titled = [index for index in ranked if mentions[index].title] or ranked
            chosen = mentions[titled[0]]
            words = " ".join(_SPACE.split(chosen.title.strip())) if chosen.title else f"{chosen.order[0]}:{chosen.order[1]}"
            name = f"{words} ({chosen.day.isoformat()})" if chosen.day else words
        unique, count = name, 1
        while unique in taken:
            count += 1
            unique = f"{name} #{count}"
        taken.add(unique)
        names[root] = unique
    return names


def _documents_of(paper: ParsedPaper, record: Decision | ForwardPlanEntry) -> list[DecisionDocument]:
    """The documents a record stands for: those its reader listed, else the record itself as one."""
    if isinstance(record, Decision):
        if record.documents:
            return [replace(document, lines=tuple(document.lines)) for document in record.documents]
        kind = _DOCUMENT_OF_TYPE[record.decision_type]
        return [DecisionDocument(kind, paper.source, tuple(record.lines), record.decision_no, record.title, record.max_money_gbp)]
    return [DecisionDocument("forward_plan_entry", paper.source, tuple(record.lines), record.decision_no, record.title, None)]


def _document_order(document: DecisionDocument) -> tuple:
    return (document.source, tuple(document.lines), _RANK[document.kind], document.decision_no or "", document.title or "",
            document.max_money_gbp if document.max_money_gbp is not None else -1.0)


def _with(record, **changes):
    """A copy of a (mutable) record with `changes`: `dataclasses.replace` runs the constructor,
    which costs a third of the stage on a large corpus."""
    copied = copy.copy(record)
    for name, value in changes.items():
        setattr(copied, name, value)
    return copied


def link_papers(papers: list[ParsedPaper]) -> list[ParsedPaper]:
    """The papers (sorted by source) with `case`, `documents` and `decision_numbers` set across all of them."""
    papers = sorted(papers, key=lambda paper: paper.source)
    mentions = _mentions(papers)
    cases = _Cases(mentions)
    _link_by_number(mentions, cases)
    _link_by_title(mentions, cases)
    names = _case_names(mentions, cases)
    case_of = {mention.where: names[cases.find(index)] for index, mention in enumerate(mentions)}

    documents: dict[str, set[DecisionDocument]] = {}
    numbers: dict[str, dict[str, str]] = {}  # case -> number_key -> first printed form
    for mention in mentions:
        paper = papers[mention.where[0]]
        case = case_of[mention.where]
        printed = numbers.setdefault(case, {})
        if mention.number:
            printed.setdefault(mention.number, mention.printed.strip())
        if mention.where[1] == "considered":
            continue
        record = (paper.decisions if mention.where[1] == "decision" else paper.forward_plan_entries)[mention.where[2]]
        listed = _documents_of(paper, record)
        documents.setdefault(case, set()).update(listed)
        extra = [d.decision_no for d in listed] + (record.decision_numbers if isinstance(record, Decision) else [])
        for number in extra:
            if number_key(number):
                printed.setdefault(number_key(number), number.strip())
    ordered = {case: sorted(found, key=_document_order) for case, found in documents.items()}

    def decision(p: int, i: int, record: Decision) -> Decision:
        case = case_of[(p, "decision", i)]
        own = number_key(record.decision_no)
        first = [numbers[case][own]] if own else []
        rest = sorted(printed for key, printed in numbers[case].items() if key != own)
        return _with(record, case=case, documents=ordered[case], decision_numbers=first + rest)

    linked = []
    for p, paper in enumerate(papers):
        meetings = [
            _with(meeting, decisions_considered=[replace(entry, case=case_of[(p, "considered", i, j)])
                                                 for j, entry in enumerate(meeting.decisions_considered)])
            for i, meeting in enumerate(paper.meetings)
        ]
        linked.append(replace(
            paper,
            decisions=[decision(p, i, record) for i, record in enumerate(paper.decisions)],
            forward_plan_entries=[_with(entry, case=case_of[(p, "forward_plan_entry", i)]) for i, entry in enumerate(paper.forward_plan_entries)],
            meetings=meetings,
        ))
    return linked
