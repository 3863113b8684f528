"""The rule-pack model: packs, rules and their conditions as typed, immutable data.

`engine.packs.loader` builds these from YAML (and is the only place that knows YAML);
`engine.packs.runtime` compiles them for durable_rules; `engine.packs.reference` evaluates
them directly in Python (the reference semantics the compiled form is tested against).

Conditions are data, never code. Field paths are dotted paths in the record model
(`committee_consultation.status`); a path through a list (`decisions_considered.decision_no`)
means "some element of the list". Dates are ISO strings in records and compare as dates.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterator, Union

from govlint.engine.common.locations import Location

SEVERITIES = ("error", "warning", "info")
RECORD_KINDS = ("decision", "meeting", "forward_plan_entry", "paper")
# The stage of a decision record, from its decision_type: proposed (PROD), taken (RoD),
# report (a committee report with no record of its own).
STAGES = ("proposed", "taken", "report")
COMPARISONS = ("eq", "ne", "gt", "gte", "lt", "lte", "in", "matches", "exists", "missing")


@dataclass(frozen=True)
class Param:
    """A value taken from the pack's parameters, e.g. `{param: key_decision_threshold_gbp}`."""

    name: str


@dataclass(frozen=True)
class Outer:
    """Inside a cross-record condition: a field of the record being checked (`{record: decision_no}`)."""

    field: str


Scalar = Union[str, int, float, bool, None]
Value = Union[Scalar, tuple, Param, Outer]


@dataclass(frozen=True)
class Compare:
    """`field` compared with `value` by `op` (one of COMPARISONS; exists/missing take no value)."""

    field: str
    op: str
    value: Value = None


@dataclass(frozen=True)
class DaysBetween:
    """Days from `start` to `end` (dates; field paths or Outer), compared with `value` by `op`.

    `clear` counts clear days, excluding both end days (REQUIREMENTS 6.1): days - 1.
    A comparison with a missing date is false.
    """

    start: Union[str, Outer]
    end: Union[str, Outer]
    op: str
    value: Value
    clear: bool = False


@dataclass(frozen=True)
class Count:
    """How many values a list field holds (0 when missing), compared with `value` by `op`:
    "lists three or more electoral divisions". With `distinct`, equal values count once:
    "its documents give two different totals"."""

    field: str
    op: str
    value: Value
    distinct: bool = False


@dataclass(frozen=True)
class AllOf:
    conditions: tuple["Condition", ...]


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple["Condition", ...]


@dataclass(frozen=True)
class Not:
    condition: "Condition"


@dataclass(frozen=True)
class RecordExists:
    """There is (or, with `negated`, there is no) other record of `kind` matching `where`.

    `where` is evaluated on the other record; `Outer` values in it refer to the record being
    checked. The other record must come from the same run (the same set of papers).
    """

    kind: str
    where: "Condition"
    negated: bool = False


@dataclass(frozen=True)
class Some:
    """Some element of the list at `field` satisfies `where` together.

    A path through a list is existential on its own, so two comparisons on one list may be
    satisfied by two different elements ("a declaration is a DPI" and "a declaration did not
    withdraw"). `where` is evaluated on the record with that list narrowed to one element at a
    time: its paths stay the record's own, and the list's paths see that element only.
    """

    field: str
    where: "Condition"


@dataclass(frozen=True)
class ForKind:
    """The record is of `kind` and `where` holds for it: the part of a rule that checks several
    kinds of record (a RoD and a forward-plan entry) that is about one kind, with that kind's fields."""

    kind: str
    where: "Condition"


Condition = Union[Compare, DaysBetween, Count, AllOf, AnyOf, Not, RecordExists, Some, ForKind]


def subconditions(condition: Condition) -> Iterator[Condition]:
    """`condition` and every condition inside it, whatever its kind."""
    yield condition
    for inner in getattr(condition, "conditions", ()):
        yield from subconditions(inner)
    for name in ("condition", "where"):
        if getattr(condition, name, None) is not None:
            yield from subconditions(getattr(condition, name))


@dataclass(frozen=True)
class Source:
    """A legal or policy source a rule cites, declared once per pack."""

    id: str
    citation: str
    url: str | None = None
    # legislation and judgment are the law itself; guidance (ICO, EHRC) and council (the
    # council's constitution and practice) explain or apply it, and are cited after the law.
    kind: str | None = None


SOURCE_KINDS = ("legislation", "judgment", "guidance", "council")
PRIMARY_KINDS = ("legislation", "judgment")


@dataclass(frozen=True)
class Citation:
    source: Source
    provision: str | None = None  # "reg 8(1)", "s.149(1)"
    url: str | None = None  # the provision's own page (…/regulation/8), when it has one

    @property
    def link(self) -> str | None:
        return self.url or self.source.url

    def text(self) -> str:
        return f"{self.source.citation}, {self.provision}" if self.provision else self.source.citation


@dataclass(frozen=True)
class SeverityCase:
    """A severity that replaces the rule's default when the stage and/or condition match."""

    severity: str
    stages: tuple[str, ...] = ()
    when: Condition | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str
    kinds: tuple[str, ...]
    stages: tuple[str, ...]
    when: Condition
    message: str  # template: {field.path} and {param.name}, with format specs
    citations: tuple[Citation, ...]
    remediation: str
    severity_cases: tuple[SeverityCase, ...] = ()
    evidence_fields: tuple[str, ...] = ()  # whose evidence to quote, first found wins
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    effective_from: date | None = None
    effective_to: date | None = None
    defined_in: Location | None = None
    # Where the rule as run was changed from its definition: packs that override it, the config.
    changed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pack:
    """A pack with its `extends` already resolved: all rules it runs and all its parameters."""

    id: str
    title: str
    version: str
    description: str
    sources: tuple[Source, ...]
    parameters: dict = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    extends: tuple[str, ...] = ()
    path: str | None = None
    council: str | None = None  # the council a council pack is for, inherited by packs extending it
    # The reader profile the council's papers are read with (a name, or a file resolved against
    # the pack's directory); None: each paper's own. Inherited unless the pack names its own.
    reader_profile: str | None = None
    # Set by a run with no pack named, which checks each paper with its reader profile's pack:
    # the ids of the profiles whose papers this pack checks, sorted (its repr is a digest of the
    # run's packs: checks.scale). None: every paper.
    for_profiles: tuple[str, ...] | None = None
