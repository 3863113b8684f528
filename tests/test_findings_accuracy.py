"""Findings of the Kent pack on the four real bundles, against the gold `expected_findings`.

Only the core rule ids of REQUIREMENTS 5.1 are scored (gold marks other gaps `other`).
A finding belongs to the gold decision of its file with the same decision number, else to
the one whose lines it overlaps. Each miss or false finding is put down to the reader or to
the rule by also checking the gold records themselves: if the rule gets the gold record
right, the parse was at fault.

Run with `pytest -s tests/test_findings_accuracy.py` to see the per-rule table.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govlint.engine.checking.run import check_papers
from govlint.engine.packs.loader import load_pack
from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import read_paper
from govlint.engine.records.model import CommitteeConsultation, Decision, ParsedPaper

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


def _gold_paper(stem: str, expected: dict) -> ParsedPaper:
    """The gold decisions as a parsed paper, so the pack can be run on the gold's own field values."""
    decisions = []
    for gold in expected["decisions"]:
        values = {k: v for k, v in gold.items() if k not in _GOLD_ONLY}
        values["committee_consultation"] = CommitteeConsultation(**values["committee_consultation"])
        decisions.append(Decision(**{**values, "lines": tuple(values["lines"])}))
    return ParsedPaper(f"{stem}.txt", [], decisions, [])


def _core_findings_by_gold(papers: list[ParsedPaper], pack, gold) -> tuple[dict[tuple[str, int], set[str]], list[str]]:
    """Core rules found per (file stem, index of the gold decision), and findings that match no gold decision."""
    found: dict[tuple[str, int], set[str]] = {}
    unmatched = []
    for finding in check_papers(papers, [pack]).findings:
        if finding.rule not in CORE_RULES or finding.kind != "decision":
            continue
        stem = Path(finding.source).stem
        decisions = gold[stem]["decisions"]
        by_number = [i for i, d in enumerate(decisions) if finding.decision_no and d["decision_no"] == finding.decision_no]
        by_lines = [i for i, d in enumerate(decisions) if d["lines"][0] <= finding.end_line and finding.line <= d["lines"][1]]
        index = (by_number or by_lines or [None])[0]
        if index is None:
            unmatched.append(f"{finding.rule} {finding.source}:{finding.line} {finding.decision_no}")
        else:
            found.setdefault((stem, index), set()).add(finding.rule)
    return found, unmatched


def score(pack, corpus_files, gold) -> dict[str, RuleScore]:
    scores = {rule: RuleScore() for rule in CORE_RULES}
    parsed = [parse_paper(read_paper(path)) for path in corpus_files]
    found, unmatched = _core_findings_by_gold(parsed, pack, gold)
    on_gold, _ = _core_findings_by_gold([_gold_paper(p.stem, gold[p.stem]) for p in corpus_files], pack, gold)
    for spurious in unmatched:
        rule = spurious.split()[0]
        scores[rule].fp += 1
        scores[rule].errors.append(f"false finding {spurious} on no gold decision (reader)")
    for path in corpus_files:
        for index, decision in enumerate(gold[path.stem]["decisions"]):
            got = found.get((path.stem, index), set())
            wanted = {f["rule"] for f in decision["expected_findings"]} & set(CORE_RULES)
            gold_got = on_gold.get((path.stem, index), set())
            where = f"{path.name} {decision['decision_no']} lines {decision['lines']}"
            for rule in got | wanted:
                tally = scores[rule]
                if rule in got and rule in wanted:
                    tally.tp += 1
                    continue
                cause = "reader" if (rule in gold_got) == (rule in wanted) else "rule"
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
    on_gold, unmatched = _core_findings_by_gold([_gold_paper(p.stem, gold[p.stem]) for p in corpus_files], load_pack(PACK), gold)
    wrong = list(unmatched)
    for path in corpus_files:
        for index, decision in enumerate(gold[path.stem]["decisions"]):
            fired = on_gold.get((path.stem, index), set())
            wanted = {f["rule"] for f in decision["expected_findings"]} & set(CORE_RULES)
            wrong += [f"{path.name} {decision['decision_no']}: {rule} fires" for rule in sorted(fired - wanted)]
            wrong += [f"{path.name} {decision['decision_no']}: {rule} does not fire" for rule in sorted(wanted - fired)]
    assert not wrong, "\n".join(wrong)
