"""Findings of the Kent pack on the four real bundles, against the gold `expected_findings`.

Only the core rule ids of REQUIREMENTS 5.1 are scored (gold marks other gaps `other`).
Parsed decisions are paired with gold ones by decision number, else by overlapping lines.
Each miss or false finding is put down to the reader or to the rule by running the pack on
the gold record itself: if the rule gets the gold record right, the parse was at fault.

Run with `pytest -s tests/test_findings_accuracy.py` to see the per-rule table.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine import rule_engine
from engine.facts import paper_records
from engine.pack_loader import load_pack
from engine.parse import parse_paper
from engine.reading import read_paper
from tests.gold_compare import match_decisions

PACK = "kent-county-council"
CORE_RULES = (
    "key-decision-threshold",
    "key-decision-criteria-missing",
    "eqia-missing",
    "dpia-missing",
    "committee-consultation-missing",
    "interests-not-recorded",
    "alternatives-not-recorded",
    "not-signed",
)
PRECISION_TARGET = 0.9
RECALL_TARGET = 0.9
_GOLD_ONLY = ("expected_findings", "notes")


@dataclass
class RuleScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)  # "false finding …" / "missed …", with the cause

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _core_findings(pack, records: list[dict]) -> list[set[str]]:
    """For each record, the core rules that fire on it."""
    fired: list[set[str]] = [set() for _ in records]
    for match in rule_engine.run(pack, records):
        if match.rule.id in CORE_RULES:
            fired[match.record_index].add(match.rule.id)
    return fired


def _gold_record(decision: dict) -> dict:
    return {**{k: v for k, v in decision.items() if k not in _GOLD_ONLY}, "kind": "decision", "evidence": {}}


def score(pack, corpus_files, gold) -> dict[str, RuleScore]:
    scores = {rule: RuleScore() for rule in CORE_RULES}
    for path in corpus_files:
        records = [r for r in paper_records(parse_paper(read_paper(path))) if r["kind"] == "decision"]
        found = _core_findings(pack, records)
        expected_decisions = gold[path.stem]["decisions"]
        on_gold = _core_findings(pack, [_gold_record(d) for d in expected_decisions])
        pairs, missed, spurious = match_decisions(records, expected_decisions)
        for parsed, expected in pairs + [(None, d) for d in missed] + [(r, None) for r in spurious]:
            got = found[records.index(parsed)] if parsed is not None else set()
            wanted = {f["rule"] for f in expected["expected_findings"]} & set(CORE_RULES) if expected else set()
            gold_got = on_gold[expected_decisions.index(expected)] if expected else set()
            where = f"{path.name} {(expected or parsed)['decision_no']} lines {(expected or parsed)['lines']}"
            for rule in got | wanted:
                tally = scores[rule]
                if rule in got and rule in wanted:
                    tally.tp += 1
                    continue
                cause = "reader" if expected is None or parsed is None or (rule in gold_got) == (rule in wanted) else "rule"
                if rule in got:
                    tally.fp += 1
                    tally.errors.append(f"false finding {where} ({cause})")
                else:
                    tally.fn += 1
                    tally.errors.append(f"missed {where} ({cause})")
    return scores


def table(scores: dict[str, RuleScore]) -> str:
    rows = [f"{'rule':<32} {'tp':>3} {'fp':>3} {'fn':>3} precision recall"]
    for rule, s in scores.items():
        rows.append(f"{rule:<32} {s.tp:>3} {s.fp:>3} {s.fn:>3} {s.precision():9.0%} {s.recall():6.0%}")
    total = RuleScore(*(sum(getattr(s, name) for s in scores.values()) for name in ("tp", "fp", "fn")))
    rows.append(f"{'ALL':<32} {total.tp:>3} {total.fp:>3} {total.fn:>3} {total.precision():9.0%} {total.recall():6.0%}")
    rows += [f"  {rule}: {error}" for rule, s in scores.items() for error in s.errors]
    return "\n".join(rows)


def test_kent_pack_findings_match_gold(corpus_files, gold):
    scores = score(load_pack(PACK), corpus_files, gold)
    print("\n" + table(scores))
    tp, fp, fn = (sum(getattr(s, name) for s in scores.values()) for name in ("tp", "fp", "fn"))
    assert tp / (tp + fp) >= PRECISION_TARGET, f"precision {tp}/{tp + fp} below {PRECISION_TARGET:.0%}"
    assert tp / (tp + fn) >= RECALL_TARGET, f"recall {tp}/{tp + fn} below {RECALL_TARGET:.0%}"


def test_no_rule_flags_a_field_the_gold_says_is_fine(corpus_files, gold):
    """On the gold records themselves, a core rule fires exactly where gold expects it."""
    pack = load_pack(PACK)
    wrong = []
    for path in corpus_files:
        decisions = gold[path.stem]["decisions"]
        for decision, fired in zip(decisions, _core_findings(pack, [_gold_record(d) for d in decisions])):
            wanted = {f["rule"] for f in decision["expected_findings"]} & set(CORE_RULES)
            wrong += [f"{path.name} {decision['decision_no']}: {rule} fires" for rule in sorted(fired - wanted)]
            wrong += [f"{path.name} {decision['decision_no']}: {rule} does not fire" for rule in sorted(wanted - fired)]
    assert not wrong, "\n".join(wrong)
