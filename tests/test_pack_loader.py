"""The pack loader: small packs written here, every problem at its line and column."""
from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import pytest

from govlint.engine.packs.loader import PackError, load_pack, packs_dir
from govlint.engine.packs.model import AllOf, Compare, DaysBetween, Not, Outer, Param, RecordExists, SeverityCase

SCHEMAS = Path(__file__).resolve().parents[1] / "engine" / "schemas"

BASE = """\
id: base
title: Base pack
version: 1.0.0
sources:
  - id: exec-regs-2012
    citation: SI 2012/2089
    url: https://www.legislation.gov.uk/uksi/2012/2089/contents
parameters:
  key_decision_threshold_gbp: 1000000
rules:
  - id: key-decision-threshold
    aliases: [key-decision-threshold-consistency]
    title: Spending over the threshold but not marked key
    severity: error
    severities:
      - {stages: [proposed], severity: info}
    applies_to: {kinds: [decision], stages: [proposed, taken]}
    when:
      all:
        - {field: max_money_gbp, gte: {param: key_decision_threshold_gbp}}
        - not: {field: key_decision, eq: true}
    message: "£{max_money_gbp:,.2f} is over £{param.key_decision_threshold_gbp:,.0f}"
    evidence: [max_money_gbp]
    citations: [{source: exec-regs-2012, provision: reg 8(1)}]
    remediation: Mark it key.
    effective_from: 2012-09-10
  - id: committee-not-consulted
    title: No committee meeting considered the decision
    severity: warning
    applies_to: {kinds: [decision]}
    when:
      no_record:
        kind: meeting
        where:
          all:
            - {field: decisions_considered.decision_no, eq: {record: decision_no}}
            - {days_between: {from: date, to: {record: decision_date}, clear: true}, gte: 0}
    message: "{decision_no} was not considered by a committee"
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path, search_path: tuple = ()) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(path, search_path=search_path or (path.parent,))
    return [str(problem) for problem in caught.value.problems]


def pack_with_rule(tmp_path: Path, rule: str, name: str = "p") -> Path:
    """A pack `name` with BASE's parameters and source, and one rule (YAML at rule-item indent)."""
    header = BASE.split("rules:")[0].replace("id: base", f"id: {name}")
    return write(tmp_path, f"{name}.yaml", header + "rules:\n" + textwrap.indent(textwrap.dedent(rule), "  "))


def test_a_valid_pack_loads_to_the_model(tmp_path):
    path = write(tmp_path, "base.yaml", BASE)
    pack = load_pack(path, search_path=(tmp_path,))

    assert (pack.id, pack.title, pack.version, pack.extends) == ("base", "Base pack", "1.0.0", ())
    assert pack.parameters == {"key_decision_threshold_gbp": 1000000}
    threshold, consulted = pack.rules
    assert threshold.id == "key-decision-threshold"
    assert threshold.aliases == ("key-decision-threshold-consistency",)
    assert (threshold.severity, threshold.kinds, threshold.stages) == ("error", ("decision",), ("proposed", "taken"))
    assert threshold.severity_cases == (SeverityCase("info", ("proposed",), None),)
    assert threshold.when == AllOf((Compare("max_money_gbp", "gte", Param("key_decision_threshold_gbp")), Not(Compare("key_decision", "eq", True))))
    assert threshold.evidence_fields == ("max_money_gbp",)
    assert threshold.citations[0].text() == "SI 2012/2089, reg 8(1)"
    assert threshold.citations[0].source.url == "https://www.legislation.gov.uk/uksi/2012/2089/contents"
    assert threshold.effective_from == date(2012, 9, 10) and threshold.effective_to is None
    assert (threshold.defined_in.path, threshold.defined_in.line, threshold.defined_in.column) == (str(path), 11, 5)
    assert consulted.severity == "warning"
    assert consulted.stages == ("proposed", "taken", "report")  # all stages when not given
    assert consulted.when == RecordExists(
        "meeting",
        AllOf((Compare("decisions_considered.decision_no", "eq", Outer("decision_no")), DaysBetween("date", Outer("decision_date"), "gte", 0, clear=True))),
        negated=True,
    )


def test_many_problems_are_all_reported_at_their_line_and_column(tmp_path):
    path = pack_with_rule(
        tmp_path,
        """\
        - id: broken
          title: Broken
          severty: error
          applies_to: {kinds: [decision]}
          when:
            all:
              - {field: eqia_statu, eq: not_mentioned}
              - {field: eqia_status, eq: not_mentiond}
              - {field: max_money_gbp, gte: {param: treshold}}
              - {field: title, matches: "(unclosed"}
              - {field: title, gt: 5}
          message: "{foo} {param.nope}"
          citations: [{source: regz}]
        """,
    )
    assert problems(path) == [
        f"{path}:13:5: unknown key 'severty'; did you mean 'severity'?",
        f"{path}:17:19: no field 'eqia_statu' in decision records; did you mean 'eqia_status'?",
        f"{path}:18:36: 'eqia_status' is never 'not_mentiond'; did you mean 'not_mentioned'?",
        f"{path}:19:47: no parameter 'treshold'; known: key_decision_threshold_gbp",
        f"{path}:20:35: invalid regular expression: missing ) at position 9",
        f"{path}:21:19: gt compares numbers or dates; 'title' is text or null",
        f"{path}:22:14: no field 'foo' in decision records",
        f"{path}:22:14: message template: no parameter 'nope'; known: key_decision_threshold_gbp",
        f"{path}:23:26: no source 'regz'; known: exec-regs-2012",
    ]


def test_unknown_keys_are_reported_at_the_key(tmp_path):
    path = write(tmp_path, "p.yaml", "id: p\ntitle: P\nversion: 1.0.0\ncolour: blue\nrules: []\n")
    assert problems(path) == [
        f"{path}:4:1: unknown key 'colour'; expected one of: id, title, version, description, council, extends, reader_profile, sources, parameters, overrides, rules"
    ]


def test_missing_keys_and_wrong_types(tmp_path):
    path = write(tmp_path, "p.yaml", "id: p\nversion: 1.0\nrules:\n  - id: r\n    title: R\n    severity: fatal\n")
    assert problems(path) == [
        f"{path}:1:1: missing required key 'title'",
        f"{path}:2:10: expected text, found the number 1.0; put it in quotes",
        f"{path}:4:5: missing required key 'applies_to'",
        f"{path}:4:5: missing required key 'when'",
        f"{path}:4:5: missing required key 'message'",
        f"{path}:6:15: 'fatal' is not one of: error, warning, info",
    ]


def test_fields_are_checked_against_the_kind_of_record(tmp_path):
    path = pack_with_rule(
        tmp_path,
        """\
        - id: meeting-rule
          title: Meeting rule
          applies_to: {kinds: [meeting]}
          when:
            all:
              - {field: declarations.item, missing: true}
              - {field: decision_type, eq: taken}
              - exists_record:
                  kind: decision
                  where: {field: decision_no, eq: {record: decisions_considered.decision_no}}
              - exists_record:
                  kind: decision
                  where: {field: decision_no, eq: {record: eqia_status}}
          message: "{committee} on {date}"
        """,
    )
    assert problems(path) == [
        f"{path}:17:19: no field 'decision_type' in meeting records; did you mean 'decisions_considered'?",
        f"{path}:23:54: no field 'eqia_status' in meeting records; known: committee, date, lines, present, declarations, decisions_considered, evidence, items",
    ]


def test_record_values_only_inside_where_and_comparisons_fit_the_field(tmp_path):
    path = pack_with_rule(
        tmp_path,
        """\
        - id: misc
          title: Misc
          applies_to: {kinds: [decision]}
          when:
            any:
              - {field: decision_no, eq: {record: decision_no}}
              - {field: urgent, eq: yes please}
              - {field: decision_type, eq: no}
              - {field: decision_date, lt: "2020-02-30"}
              - {field: decision_date, gt: 2020-13-01}
              - {days_between: {from: title, to: decision_date}, gte: 28}
              - {field: title, exists: true, eq: x}
          message: "{max_money_gbp:d} {decision_no[0]}"
        """,
    )
    assert problems(path) == [
        f"{path}:16:37: {{record: …}} is allowed only inside the where of no_record or exists_record",
        f"{path}:17:31: 'urgent' is true/false; the text 'yes please' never matches",
        f"{path}:18:38: 'decision_type' is text; false (unquoted yes/no/on/off are true/false in YAML: quote them for text) never matches",
        f"{path}:19:38: 'decision_date' is a date; the text '2020-02-30' is not a date (YYYY-MM-DD)",
        f"{path}:20:38: cannot read '2020-13-01': month must be in 1..12",
        f"{path}:21:33: 'title' is not a date field",
        f"{path}:22:11: field needs exactly one comparison of eq, ne, gt, gte, lt, lte, in, matches, exists, missing (found exists, eq)",
        f"{path}:23:14: message template: {{max_money_gbp:d}}: Unknown format code 'd' for object of type 'float'",
        f"{path}:23:14: message template: {{decision_no[0]}} is not allowed: use {{field.path}} or {{param.name}}, optionally with :format",
    ]


def test_duplicate_rule_ids_and_aliases(tmp_path):
    path = pack_with_rule(
        tmp_path,
        """\
        - id: one
          aliases: [uno]
          title: One
          applies_to: {kinds: [decision]}
          when: {field: urgent, eq: true}
          message: x
        - id: two
          aliases: [uno]
          title: Two
          applies_to: {kinds: [decision]}
          when: {field: urgent, eq: true}
          message: x
        - id: one
          title: One again
          applies_to: {kinds: [decision]}
          when: {field: urgent, eq: true}
          message: x
        """,
    )
    assert problems(path) == [
        f"{path}:18:15: 'uno' is already the id or an alias of rule 'one' ({path}:11:5)",
        f"{path}:23:9: 'one' is already the id or an alias of rule 'one' ({path}:11:5)",
    ]


def test_unsafe_yaml_tags_are_rejected_without_running_anything(tmp_path):
    marker = tmp_path / "ran"
    path = write(tmp_path, "p.yaml", f'id: p\ntitle: !!python/object/apply:os.system ["touch {marker}"]\nversion: 1.0.0\n')
    assert problems(path) == [
        f"{path}:2:8: the YAML tag !!python/object/apply:os.system is not allowed: packs hold plain data (text, numbers, true/false, dates, lists, mappings)"
    ]
    assert not marker.exists()


def test_yaml_syntax_errors_and_duplicate_keys(tmp_path):
    broken = write(tmp_path, "broken.yaml", "id: broken\ntitle: [unclosed\n")
    assert problems(broken) == [f"{broken}:3:1: invalid YAML: expected ',' or ']', but got '<stream end>'"]
    twice = write(tmp_path, "twice.yaml", "id: twice\ntitle: A\ntitle: B\nversion: 1.0.0\n")
    assert problems(twice) == [f"{twice}:3:1: duplicate key 'title' (first given on line 2)"]


def test_pack_id_must_match_the_file_name(tmp_path):
    path = write(tmp_path, "other.yaml", "id: p\ntitle: P\nversion: 1.0.0\n")
    assert problems(path) == [f"{path}:1:5: the pack id 'p' must match the file name (other.yaml)"]


CHILD = """\
id: my-council
title: My council
version: 0.1.0
extends: [{parent}]
parameters:
  key_decision_threshold_gbp: 500000
overrides:
  key-decision-threshold-consistency: {{severity: warning}}
  committee-not-consulted: {{enabled: false}}
rules:
  - id: urgent-decision
    title: Urgent decision
    applies_to: {{kinds: [decision]}}
    when: {{field: urgent, eq: true}}
    message: "{{decision_no}} was urgent"
    citations: [{{source: exec-regs-2012}}]
"""


@pytest.mark.parametrize("parent", ["base", "./base.yaml"])
def test_extends_by_name_or_path_with_overrides_and_parameters(tmp_path, parent):
    write(tmp_path, "base.yaml", BASE)
    child = write(tmp_path, "my-council.yaml", CHILD.format(parent=parent))
    pack = load_pack(child, search_path=(tmp_path,))

    assert pack.extends == ("base",)
    assert pack.parameters == {"key_decision_threshold_gbp": 500000}
    assert [rule.id for rule in pack.rules] == ["key-decision-threshold", "committee-not-consulted", "urgent-decision"]
    threshold, consulted, urgent = pack.rules
    assert (threshold.severity, threshold.enabled) == ("warning", True)
    assert threshold.severity_cases == (SeverityCase("info", ("proposed",), None),)  # not overridden
    assert (consulted.severity, consulted.enabled) == ("warning", False)
    assert threshold.defined_in.path.endswith("base.yaml") and urgent.defined_in.path == str(child)
    assert urgent.citations[0].source.id == "exec-regs-2012"  # a parent's source
    assert load_pack("my-council", search_path=(tmp_path,)).rules == pack.rules


def test_a_misspelt_inherited_parameter_is_an_error_not_a_silent_new_one(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    child = write(tmp_path, "my-council.yaml", CHILD.format(parent="base").replace("key_decision_threshold_gbp: 500000", "key_decision_treshold_gbp: 500000"))
    assert problems(child) == [f"{child}:6:3: no rule uses parameter 'key_decision_treshold_gbp'; did you mean 'key_decision_threshold_gbp'?"]
    # A parameter the child's own rules use is fine, and an override records the pack that made it.
    used = CHILD.format(parent="base").replace("key_decision_threshold_gbp: 500000", "urgent_flag: true").replace("eq: true}", "eq: {param: urgent_flag}}")
    pack = load_pack(write(tmp_path, "my-council.yaml", used), search_path=(tmp_path,))
    assert pack.parameters["urgent_flag"] is True and pack.rules[0].changed_by == ("my-council",)


@pytest.mark.parametrize("name, nearest", [("kent", "kent-county-council"), ("kentt", "kent-county-council"), ("englnd", "england-executive-decisions")])
def test_an_unknown_pack_name_suggests_the_nearest(name, nearest):
    with pytest.raises(PackError) as caught:
        load_pack(name)
    assert str(caught.value) == f"{name}: no pack named {name!r}; did you mean {nearest!r}?"


def test_extends_problems(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    child = write(
        tmp_path,
        "child.yaml",
        """\
        id: child
        title: Child
        version: 1.0.0
        extends: [base]
        parameters:
          key_decision_threshold_gbp: a million
        overrides:
          no-such-rule: {severity: info}
          own-rule: {enabled: false}
        rules:
          - id: key-decision-threshold
            title: Redefined
            applies_to: {kinds: [decision]}
            when: {field: urgent, eq: true}
            message: x
          - id: own-rule
            title: Own
            applies_to: {kinds: [decision]}
            when: {field: urgent, eq: true}
            message: x
        """,
    )
    assert problems(child) == [
        f"{child}:6:31: parameter 'key_decision_threshold_gbp' is a number in pack 'base', which this value replaces: give a number",
        f"{child}:8:3: no inherited rule 'no-such-rule'; known: key-decision-threshold, key-decision-threshold-consistency, committee-not-consulted",
        f"{child}:9:3: it is defined in this pack: change it there",
        f"{child}:11:9: 'key-decision-threshold' is already the id or an alias of rule 'key-decision-threshold' ({tmp_path / 'base.yaml'}:11:5); to change an inherited rule, use overrides",
    ]


def test_missing_parent_and_cycles(tmp_path):
    lonely = write(tmp_path, "lonely.yaml", "id: lonely\ntitle: L\nversion: 1.0.0\nextends: [nowhere, ./gone.yaml]\n")
    assert problems(lonely) == [
        f"{lonely}:4:11: cannot find the pack 'nowhere' in {tmp_path}",
        f"{lonely}:4:20: cannot find the pack './gone.yaml' relative to this file",
    ]
    a = write(tmp_path, "a.yaml", "id: a\ntitle: A\nversion: 1.0.0\nextends: [b]\n")
    write(tmp_path, "b.yaml", "id: b\ntitle: B\nversion: 1.0.0\nextends: [a]\n")
    assert problems(a) == [f"{tmp_path / 'b.yaml'}:4:11: extends cycle: a.yaml -> b.yaml -> a.yaml"]


def test_a_diamond_inherits_each_rule_once(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    for side in ("left", "right"):
        write(tmp_path, f"{side}.yaml", f"id: {side}\ntitle: {side}\nversion: 1.0.0\nextends: [base]\n")
    top = write(tmp_path, "top.yaml", "id: top\ntitle: Top\nversion: 1.0.0\nextends: [left, right]\n")
    pack = load_pack(top, search_path=(tmp_path,))
    assert [rule.id for rule in pack.rules] == ["key-decision-threshold", "committee-not-consulted"]


def test_not_found_and_problem_text():
    with pytest.raises(PackError) as caught:
        load_pack("no-such-pack", search_path=(Path("/nonexistent"),))
    assert str(caught.value) == "no-such-pack: no pack named 'no-such-pack' in /nonexistent"


def test_packs_dir_is_the_rules_package():
    """The installed govlint.rules (the checkout's rules/ in an editable install) holds the shipped packs."""
    shipped = sorted(path.name for path in (Path(__file__).resolve().parents[1] / "rules").glob("*.yaml"))
    assert sorted(path.name for path in packs_dir().glob("*.yaml")) == shipped


def _properties(schema: dict, path: str = ""):
    """(path, property schema) for every property declared anywhere in `schema`."""
    if isinstance(schema, dict):
        for name, value in schema.get("properties", {}).items():
            yield f"{path}.{name}", value
        for key, value in schema.items():
            if key != "if":  # a test on the data, not keys an editor offers
                yield from _properties(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _properties(value, f"{path}[{index}]")


@pytest.mark.parametrize("name", ["pack.schema.json", "rule-tests.schema.json"])
def test_every_schema_property_has_a_description_for_editors(name):
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))

    def described(value: dict) -> bool:
        if "description" in value:
            return True
        ref = value.get("$ref", "")
        if ref.startswith("#/$defs/"):
            return described(schema["$defs"][ref.split("/")[-1]])
        return ref.startswith("records.schema.json#")  # described by the record schema

    undocumented = [path for path, value in _properties(schema) if not described(value)]
    assert undocumented == []


def test_rule_test_records_have_exactly_the_record_fields(records_schema):
    schema = json.loads((SCHEMAS / "rule-tests.schema.json").read_text(encoding="utf-8"))
    for kind in ("decision", "meeting"):
        assert set(schema["$defs"][kind]["properties"]) == {"kind"} | set(records_schema["$defs"][kind]["properties"])


def test_count_takes_a_list_field_and_a_whole_number(tmp_path):
    path = pack_with_rule(
        tmp_path,
        """\
        - id: counted
          title: Counted
          applies_to: {kinds: [decision]}
          when:
            any:
              - {count: electoral_divisions, gte: 3}
              - {count: title, gte: 1}
              - {count: money_gbp, gt: two}
          message: "m"
        """,
    )
    found = problems(path)
    assert any(p.startswith(f"{path}:") and "count takes a list field; 'title' is not one" in p for p in found), found
    assert any("count is compared with a whole number, not" in p for p in found), found
    assert not any("electoral_divisions" in p for p in found), found


def test_count_is_the_number_of_values_in_the_list():
    from govlint.engine.packs.model import Count
    from govlint.engine.packs.reference import evaluate

    three = {"kind": "decision", "electoral_divisions": ["Abbey", "Castle", "Priory"]}
    assert evaluate(Count("electoral_divisions", "gte", 3), three, {}, [])
    assert not evaluate(Count("electoral_divisions", "gte", 4), three, {}, [])
    assert evaluate(Count("electoral_divisions", "eq", 0), {"kind": "decision", "electoral_divisions": None}, {}, [])


def test_distinct_counts_equal_values_once_and_goes_with_count_only(tmp_path):
    from govlint.engine.packs.model import Count
    from govlint.engine.packs.reference import evaluate

    path = pack_with_rule(
        tmp_path,
        """\
        - id: totals
          title: Totals
          applies_to: {kinds: [decision]}
          when:
            any:
              - {count: documents.max_money_gbp, distinct: true, gte: 2}
              - {field: title, exists: true, distinct: true}
          message: "m"
        """,
    )
    found = problems(path)
    assert len(found) == 1 and "distinct goes with count only" in found[0], found
    two = Count("documents.max_money_gbp", "gte", 2, distinct=True)
    same = {"kind": "decision", "documents": [{"max_money_gbp": 1500000}, {"max_money_gbp": 1500000.0}, {"max_money_gbp": None}]}
    differ = {"kind": "decision", "documents": [{"max_money_gbp": 1500000}, {"max_money_gbp": 1450000}]}
    assert not evaluate(two, same, {}, [])
    assert evaluate(Count("documents.max_money_gbp", "gte", 2), same, {}, [])
    assert evaluate(two, differ, {}, [])
    dates = {"kind": "meeting", "present": []}
    assert evaluate(Count("present", "eq", 0, distinct=True), dates, {}, [])


DPI_RULE = """\
        - id: dpi
          title: DPI
          applies_to: {kinds: [meeting]}
          when:
            some:
              field: declarations
              where:
                all:
                  - {field: declarations.category, eq: disclosable_pecuniary}
                  - {field: declarations.withdrew, eq: false}
          message: "m"
"""


def test_some_needs_one_element_to_satisfy_every_part(tmp_path):
    from govlint.engine.packs.model import Some
    from govlint.engine.packs.reference import evaluate

    path = pack_with_rule(
        tmp_path,
        DPI_RULE + """\
        - id: not-a-list
          title: Bad
          applies_to: {kinds: [decision]}
          when:
            any:
              - some: {field: title, where: {field: title, exists: true}}
              - some: {field: documents.lines, where: {field: title, exists: true}}
              - some: {field: documentz, where: {field: title, exists: true}}
          message: "m"
        """,
    )
    found = problems(path)
    assert any("'title' is not a list" in p for p in found), found
    assert any("'documents.lines' passes through the list 'documents'" in p for p in found), found
    assert any("no field 'documentz'" in p for p in found), found
    assert len(found) == 3, found
    dpi = load_pack(pack_with_rule(tmp_path, DPI_RULE, name="q"), search_path=(tmp_path,)).rules[0].when
    assert isinstance(dpi, Some)
    split = {"kind": "meeting", "declarations": [
        {"member": "A", "category": "disclosable_pecuniary", "withdrew": True},
        {"member": "B", "category": "other", "withdrew": False},
    ]}
    one = {"kind": "meeting", "declarations": split["declarations"] + [{"member": "C", "category": "disclosable_pecuniary", "withdrew": False}]}
    assert not evaluate(dpi, split, {}, [])
    assert evaluate(dpi.where, split, {}, [])  # the same parts on the whole list: two members
    assert evaluate(dpi, one, {}, [])
    assert not evaluate(dpi, {"kind": "meeting", "declarations": []}, {}, [])


def test_some_inside_a_join_sees_the_element_and_the_record_it_is_in():
    """{record: …} inside `some` names the narrowed record's element; a join inside never finds
    the record itself."""
    from govlint.engine.packs.model import Some
    from govlint.engine.packs.reference import evaluate

    unmatched = Some("declarations", AllOf((
        Compare("declarations.category", "eq", "disclosable_pecuniary"),
        RecordExists("decision", Compare("decision_no", "eq", Outer("declarations.decision_no")), negated=True),
    )))
    meeting = {"kind": "meeting", "decision_no": "24/00001", "declarations": [
        {"category": "disclosable_pecuniary", "decision_no": "24/00001"},
        {"category": "other", "decision_no": "24/00002"},
    ]}
    decision = {"kind": "decision", "decision_no": "24/00001"}
    assert not evaluate(unmatched, meeting, {}, [meeting, decision])
    assert evaluate(unmatched, meeting, {}, [meeting])
    itself = Some("declarations", RecordExists("meeting", Compare("declarations.decision_no", "eq", Outer("declarations.decision_no"))))
    assert not evaluate(itself, meeting, {}, [meeting])
    assert evaluate(itself, meeting, {}, [meeting, dict(meeting)])


def test_a_rule_on_two_kinds_checks_each_kind_s_fields_under_for_kind(tmp_path):
    from govlint.engine.packs.model import ForKind
    from govlint.engine.packs.reference import evaluate

    path = pack_with_rule(
        tmp_path,
        """\
        - id: notice
          title: Notice
          applies_to: {kinds: [decision, forward_plan_entry]}
          when:
            any:
              - for_kind: {kind: decision, where: {field: forward_plan.status, eq: not_listed}}
              - for_kind: {kind: forward_plan_entry, where: {field: decision_due, missing: true}}
              - for_kind: {kind: forward_plan_entry, where: {field: forward_plan.status, eq: not_listed}}
              - for_kind: {kind: meeting, where: {field: date, missing: true}}
              - {field: decision_due, missing: true}
          message: "{decision_no}: due {decision_due}, taken {decision_date}, {commitee}"
          evidence: [forward_plan, decision_due, evidense]
        """,
    )
    found = problems(path)
    assert [p.split(": ", 1)[1] for p in found] == [
        "no field 'forward_plan.status' in forward_plan_entry records",
        "the condition is about decision, forward_plan_entry records, never 'meeting' ones",
        "no field 'decision_due' in decision records; did you mean 'decision_date'?",
        "no field 'commitee' in decision or forward_plan_entry records",
        "no field 'evidense' in decision or forward_plan_entry records; did you mean 'evidence'?",
    ], found
    part = ForKind("forward_plan_entry", Compare("decision_due", "missing"))
    assert evaluate(part, {"kind": "forward_plan_entry", "decision_due": None}, {}, [])
    assert not evaluate(part, {"kind": "decision", "decision_due": None}, {}, [])
