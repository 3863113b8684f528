"""Findings: what a rule match means for a person, with the evidence to go and look at.

A finding quotes the paper where the gap is. For a field that is there but wrong, or blank
(its heading with nothing under it), that is the field's own evidence; for a field that is
absent there is nothing to quote, so the finding points at the record's header instead.

Messages are rendered from pack templates that monitoring officers write, so rendering does
only what the template language allows: `{field.path}` and `{param.name}` lookups with an
optional format spec. `str.format` is never called on a template, because it would follow
attribute access and indexing (`{title.__class__}`) into Python objects.
"""
from __future__ import annotations

import json
import string
from dataclasses import dataclass
from datetime import date

from govlint.engine.common.limits import FORMAT_WIDTH, MESSAGE_LENGTH, format_width
from govlint.engine.packs.facts import Run, has_join, joined_records, outer_paths
from govlint.engine.packs.reference import elements, evaluate, narrowed, path_values, stage_of
from govlint.engine.packs.model import AllOf, AnyOf, Compare, Condition, Count, DaysBetween, ForKind, Not, Pack, RecordExists, Rule, Some

MISSING = "(none)"
# Evidence that stands for the whole record when no field of the rule has any.
HEADER_FIELDS = ("title", "decision_no", "committee", "lines")
# What names a record a finding cites: its number, else its title, else its committee and date.
NAME_FIELDS = ("decision_no", "title", "committee", "date")
# A finding cites at most this many other records: a join that finds hundreds (every meeting of
# a year) still says where to look without making one finding a page long.
MAX_RELATED = 50
# Same pattern as the loader accepts; anything else in braces is left as written.
_NAME_CHARS = frozenset(string.ascii_lowercase + string.digits + "_.")


@dataclass(frozen=True)
class CitationRef:
    text: str
    url: str | None


@dataclass(frozen=True)
class Waiver:
    """An accepted gap, with its audit trail: who accepted it, why, and until when."""

    decision: str  # decision number the waiver covers
    rule: str  # rule id (or alias)
    reason: str
    approved_by: str
    expires: date
    defined_in: str | None = None  # "file:line" of the waiver entry


@dataclass(frozen=True)
class WaiverMark:
    """A waiver applied to a finding; an expired one no longer keeps the gate open."""

    waiver: Waiver
    expired: bool


@dataclass(frozen=True)
class Related:
    """Evidence from another record a finding rests on: the one an exists_record found."""

    kind: str  # the other record's kind: decision | meeting | forward_plan_entry
    record: str  # the other record in words (its record_key: number, title, committee and date)
    field: str | None  # the field quoted ("date", "decisions_considered[1]"); None: the record's header
    source: str
    line: int
    end_line: int
    text: str
    location: str | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    title: str  # the rule's title
    message: str
    decision_no: str | None
    decision_title: str | None
    kind: str  # record kind: decision | meeting
    stage: str | None  # decisions only: proposed | taken | report
    source: str
    line: int
    end_line: int
    evidence: str
    location: str | None  # "page 3", "table 2 row 4" for Word and PDF papers
    citations: tuple[CitationRef, ...]
    remediation: str
    pack_id: str
    pack_version: str
    # Set by the gate (engine.checking.gate): a fingerprint that survives lines moving, for baselines,
    # and the waiver that covers this finding, if any.
    fingerprint: str = ""
    waived: WaiverMark | None = None
    # The record in words that survive its paper being reflowed: the decision number, else its
    # title, else (minutes) the committee and date. Fingerprints are made from it.
    record_key: str = ""
    # The other documents the finding rests on (a rule joining records): each with its own
    # place and quote, in file order. Not part of the fingerprint.
    related: tuple[Related, ...] = ()


def sort_key(finding: Finding) -> tuple:
    """File order first, so a reader can walk a paper top to bottom; the rest only breaks ties."""
    return (
        finding.source,
        finding.line,
        finding.rule,
        finding.decision_no or "",
        finding.pack_id,
        finding.pack_version,
        finding.end_line,
        finding.message,
    )


def findings_from_matches(pack: Pack, matches, records: list[dict], run: Run | None = None) -> list[Finding]:
    """Findings for rule_engine matches of `pack` on `records` (the list the matches index into).

    `run` (the records with their join indexes, shared between packs) finds the other records a
    joining rule rests on; one is made from `records` when not given.
    """
    run = run or Run(records)
    findings = [finding_of(pack, match.rule, match.severity, records[match.record_index], run) for match in matches]
    return sorted(findings, key=sort_key)


def finding_of(pack: Pack, rule: Rule, severity: str, record: dict, run: Run) -> Finding:
    """The finding of `rule` of `pack` firing on `record`; `run` finds the other records it rests on."""
    evidence = choose_evidence(rule.evidence_fields, record)
    return Finding(
        rule=rule.id,
        severity=severity,
        title=rule.title,
        message=render_message(rule.message, record, pack.parameters),
        decision_no=record.get("decision_no"),
        decision_title=record.get("title"),
        kind=record["kind"],
        stage=stage_of(record),
        source=record["source"],
        line=evidence["line"],
        end_line=evidence["end_line"],
        evidence=evidence["text"],
        location=evidence.get("location"),
        citations=citation_refs(rule),
        remediation=rule.remediation,
        pack_id=pack.id,
        pack_version=pack.version,
        record_key=record_key(record),
        related=related_evidence(rule.when, record, pack.parameters, run) if has_join(rule.when) else (),
    )


def related_evidence(condition: Condition, record: dict, params: dict, run: Run) -> tuple[Related, ...]:
    """The evidence of the other records `condition` found for `record`, in file order.

    Of each record found, the evidence of the fields its `where` names (for a field in a list,
    of the elements that satisfy the test), else its header.
    """
    found: dict[tuple, Related] = {}
    for join, other in joined_records(condition, record, params, run):
        found.update(_cited(join, other, record, params, run))
    return tuple(found[key] for key in sorted(found)[:MAX_RELATED])


def _cited(join: RecordExists, other: dict, outer: dict, params: dict, run: Run) -> tuple[tuple[tuple, Related], ...]:
    """(order, evidence) of each field of `other` that `join` found it by, else of its header.

    Which fields are quoted depends on the checked record only through the `{record: ...}`
    values of the tests on a list's elements, so it is worked out once for each such value.
    """
    if id(join) not in run.derived:
        leaves = _leaf_fields(join.where)
        read = sorted({outer for leaf, path in leaves if _on_elements(leaf, path) for outer in outer_paths(leaf)})
        run.derived[id(join)] = (join, leaves, tuple(read))
    _, leaves, paths = run.derived[id(join)]
    key = (id(join), id(other), id(params), tuple(tuple(path_values(outer, path)) for path in paths))
    try:
        hash(key)
    except TypeError:  # a value that cannot be hashed: worked out for this record alone
        return _related(leaves, other, outer, params, run)
    if key not in run.derived:
        run.derived[key] = _related(leaves, other, outer, params, run)
        run.derived.setdefault(id(params), params)
    return run.derived[key]


def _related(leaves: list[tuple[Condition, str]], other: dict, outer: dict, params: dict, run: Run) -> tuple[tuple[tuple, Related], ...]:
    cited = _named_evidence(leaves, other, outer, params, run) or [(None, choose_evidence((), other))]
    key = record_key(other)
    found = [Related(other["kind"], key, name, other["source"], item["line"], item["end_line"], item["text"], item.get("location")) for name, item in cited]
    # Ordered by place, then the rest; the key tells any two apart (None from "" too).
    return tuple(((r.source, r.line, r.end_line, r.kind, r.record, r.field or "", r.text, r.location or "", r.field is not None, r.location is not None), r)
                 for r in found)


def _on_elements(leaf: Condition, path: str) -> bool:
    """Whether `_named_evidence` tests `leaf` on each element of a list (else it quotes the field)."""
    return isinstance(leaf, Some) or "." in path


def _named_evidence(leaves: list[tuple[Condition, str]], other: dict, outer: dict, params: dict, run: Run) -> list[tuple[str, dict]]:
    """(evidence key, evidence) of each field of `other` that the `leaves` of a `where` test and the reader quoted."""
    evidence = other.get("evidence") or {}
    found = []
    for leaf, path in leaves:
        head = path if isinstance(leaf, Some) else path.partition(".")[0]
        if _on_elements(leaf, path):
            # Each element of the list on its own: the ones that pass the test are those to quote.
            passing = [
                (f"{head}[{index}]", evidence[f"{head}[{index}]"])
                for index, item in enumerate(elements(other, head))
                if f"{head}[{index}]" in evidence and evaluate(leaf, narrowed(other, head, item), params, run.records, outer)
            ]
            if passing:
                found += passing
                continue
        for key in (path, head):
            if key in evidence:
                found.append((key, evidence[key]))
                break
    return found


def _leaf_fields(condition: Condition) -> list[tuple[Condition, str]]:
    """(test, field path) for the fields of the record a condition tests; not those of a nested join."""
    if isinstance(condition, (AllOf, AnyOf)):
        return [found for part in condition.conditions for found in _leaf_fields(part)]
    if isinstance(condition, (Not, ForKind)):
        return _leaf_fields(condition.condition if isinstance(condition, Not) else condition.where)
    if isinstance(condition, (Compare, Count)):
        return [(condition, condition.field)]
    if isinstance(condition, DaysBetween):
        return [(condition, end) for end in (condition.start, condition.end) if isinstance(end, str)]
    if isinstance(condition, Some):
        # Its elements are quoted as a whole: those that satisfy all its tests at once.
        return [(condition, condition.field)]
    return []


def record_key(record: dict) -> str:
    named = record.get(NAME_FIELDS[0]) or record.get(NAME_FIELDS[1])
    return named or " ".join(str(record.get(name) or "") for name in NAME_FIELDS[2:]).strip()


def citation_refs(rule: Rule) -> tuple[CitationRef, ...]:
    return tuple(CitationRef(c.text(), c.link) for c in rule.citations)


def choose_evidence(fields: tuple[str, ...], record: dict) -> dict:
    """The evidence of the first of `fields` the record has any for, else the record's header.

    The reader records a blank field's heading as its evidence, so a blank field is quoted
    at its heading; an absent field has no evidence and falls through to the header. A field
    made of parts ("exempt") is quoted where the reader first read one of them ("exempt.status").
    """
    found = record.get("evidence") or {}
    for name in fields + HEADER_FIELDS:
        if name in found:
            return found[name]
        part = next((key for key in found if key.startswith(f"{name}.")), None)
        if part is not None:
            return found[part]
    first = record["lines"][0]
    return {"line": first, "end_line": first, "text": record.get("title") or "", "location": None}


def render_message(template: str, record: dict, params: dict) -> str:
    """The template with each `{field.path}` / `{param.name}` replaced by its value.

    A missing value renders as "(none)"; a format spec that does not suit the value (a number
    format on a text) falls back to the plain value. Anything else in braces stays as written.
    """
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        return template  # unbalanced braces: the loader refuses these, so this is a hand-built rule
    out = []
    for literal, name, spec, conversion in parts:
        out.append(literal)
        if name is None:
            continue
        if not _allowed(name, spec, conversion):
            out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
            continue
        # A hand-built rule skips the loader's check: a width past the limit is not applied.
        out.append(_formatted(_lookup(name, record, params), spec if format_width(spec) <= FORMAT_WIDTH.count else ""))
    message = "".join(out)
    # Values come from papers: a 5,000-character title must not make every message a page long.
    return message if len(message) <= MESSAGE_LENGTH.count else message[: MESSAGE_LENGTH.count - 1] + "…"


def _allowed(name: str, spec: str, conversion: str | None) -> bool:
    parts = name.split(".")
    return (
        bool(name)
        and set(name) <= _NAME_CHARS
        and all(part and not part[0].isdigit() for part in parts)
        and conversion is None
        and "{" not in spec
    )


def _lookup(name: str, record: dict, params: dict):
    if name.startswith("param."):
        return params.get(name[len("param."):])
    # Every value on the path: one for a plain field, each element's for a path through a list.
    return [value for value in path_values(record, name) if value is not None]


def _formatted(value, spec: str) -> str:
    if value is None or value == []:
        return MISSING
    if isinstance(value, list):
        return ", ".join(_formatted(item, spec) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    try:
        return format(value, spec)
    except (ValueError, TypeError):
        return str(value)
