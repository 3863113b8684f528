"""Findings on every gold paper of the corpus, against the gold `expected_findings`.

Every paper is checked in one run with govlint's default packs, as a user with no pack named
would run it: each paper with the pack of the reader profile it is read with (KCC's for papers
read with the KCC profile, english-councils for the others).

Only the core rule ids of REQUIREMENTS 5.1 are scored (gold marks other gaps `other`).
A finding belongs to the gold decision of its file with the same decision number, else to
the one whose lines it overlaps, else to the file's only decision. Each miss or false finding is put down to the reader or to
the rule by also checking the gold records themselves: if the rule gets the gold record
right, the parse was at fault.

Run with `pytest -s tests/test_findings_accuracy.py` to see the per-rule table.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from govlint.checks.shared import configured_packs
from govlint.engine.checking.run import check_papers
from govlint.engine.records.model import CommitteeConsultation, Decision, ParsedPaper, Reading

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


def _gold_paper(stem: str, expected: dict, profile: str) -> ParsedPaper:
    """The gold decisions as a parsed paper read with `profile` (the reader's for the paper), so
    its pack can be run on the gold's own field values."""
    decisions = []
    for gold in expected["decisions"]:
        values = {k: v for k, v in gold.items() if k not in _GOLD_ONLY}
        values["committee_consultation"] = CommitteeConsultation(**values["committee_consultation"])
        # The gold does not annotate a DPIA's processing gate; no gold record states one.
        values.setdefault("dpia_before_processing", False)
        decisions.append(Decision(**{**values, "lines": tuple(values.get("lines") or (1, 1))}))
    return ParsedPaper(stem, [], decisions, [], reading=Reading(profile=profile))


def _gold_papers(gold: dict[str, dict], parsed: dict[str, ParsedPaper]) -> dict[str, ParsedPaper]:
    return {stem: _gold_paper(stem, expected, parsed[stem].reading.profile) for stem, expected in gold.items()}


def _gold_index(finding, decisions: list[dict]) -> int | None:
    by_number = [i for i, d in enumerate(decisions) if finding.decision_no and d["decision_no"] == finding.decision_no]
    by_lines = [
        i for i, d in enumerate(decisions) if d.get("lines") and d["lines"][0] <= finding.end_line and finding.line <= d["lines"][1]
    ]
    only = [0] if len(decisions) == 1 else []
    return (by_number or by_lines or only or [None])[0]


def _findings(papers: dict[str, ParsedPaper], gold: dict[str, dict],
              rules: tuple[str, ...] = CORE_RULES) -> tuple[dict[tuple[str, int], set[str]], list[str]]:
    """`rules` found per (gold stem, index of the gold decision), and findings that match no gold decision."""
    found: dict[tuple[str, int], set[str]] = {}
    unmatched = []
    stems = {paper.source: stem for stem, paper in papers.items()}
    _, packs = configured_packs((), None, no_config=True)
    for finding in check_papers(list(papers.values()), packs).findings:
        if finding.rule not in rules or finding.kind != "decision":
            continue
        stem = stems[finding.source]
        index = _gold_index(finding, gold[stem]["decisions"])
        if index is None:
            unmatched.append(f"{finding.rule} {stem}:{finding.line} {finding.decision_no}")
        else:
            found.setdefault((stem, index), set()).add(finding.rule)
    return found, unmatched


def score(gold_corpus, parsed: dict[str, ParsedPaper]) -> dict[str, RuleScore]:
    gold = {paper.stem: paper.gold for paper in gold_corpus}
    scores = {rule: RuleScore() for rule in CORE_RULES}
    found, unmatched = _findings(parsed, gold)
    on_gold, _ = _findings(_gold_papers(gold, parsed), gold)
    for spurious in unmatched:
        rule = spurious.split()[0]
        scores[rule].fp += 1
        scores[rule].errors.append(f"false finding {spurious} on no gold decision (reader)")
    for stem, expected in gold.items():
        for index, decision in enumerate(expected["decisions"]):
            got = found.get((stem, index), set())
            wanted = {f["rule"] for f in decision["expected_findings"]} & set(CORE_RULES)
            gold_got = on_gold.get((stem, index), set())
            where = f"{stem} {decision['decision_no']} lines {decision.get('lines')}"
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


@pytest.fixture(scope="module")
def parsed_papers(gold_corpus) -> dict[str, ParsedPaper]:
    from govlint.engine.extraction.paper import parse_paper
    from govlint.engine.reading.files import read_paper

    return {paper.stem: parse_paper(read_paper(paper.path)) for paper in gold_corpus}


def test_findings_match_gold(gold_corpus, parsed_papers):
    scores = score(gold_corpus, parsed_papers)
    print("\n" + table(scores))
    tp, fp, fn = (sum(getattr(s, name) for s in scores.values()) for name in ("tp", "fp", "fn"))
    assert tp / (tp + fp) >= PRECISION_TARGET, f"precision {tp}/{tp + fp} below {PRECISION_TARGET:.0%}"
    assert tp / (tp + fn) >= RECALL_TARGET, f"recall {tp}/{tp + fn} below {RECALL_TARGET:.0%}"


# Disagreements of the packs with the gold on the gold's own records (rules, not the reader):
# judgement calls the record fields cannot carry (a noting report with "Ward(s): All", a small
# contract for all wards, alternatives that restate the purpose, a scrutiny meeting set after
# the decision date); a DPIA in progress, which REQUIREMENTS 5.1 reports at info unless
# processing waits for it, where the gold lists no finding (and does not annotate the gate).
# Lowered as the packs learn them; never raised.
KNOWN_RULE_DISAGREEMENTS = 9


def test_no_rule_flags_a_field_the_gold_says_is_fine(gold_corpus, parsed_papers):
    """On the gold records themselves, a core rule fires where gold expects it."""
    gold = {paper.stem: paper.gold for paper in gold_corpus}
    on_gold, unmatched = _findings(_gold_papers(gold, parsed_papers), gold)
    wrong = list(unmatched)
    for stem, expected in gold.items():
        for index, decision in enumerate(expected["decisions"]):
            fired = on_gold.get((stem, index), set())
            wanted = {f["rule"] for f in decision["expected_findings"]} & set(CORE_RULES)
            wrong += [f"{stem} {decision['decision_no']}: {rule} fires" for rule in sorted(fired - wanted)]
            wrong += [f"{stem} {decision['decision_no']}: {rule} does not fire" for rule in sorted(wanted - fired)]
    print("\n".join(wrong))
    assert len(wrong) <= KNOWN_RULE_DISAGREEMENTS, "\n".join(wrong)


# The gaps the gold marks "other" (outside the core rules) and the rule of REQUIREMENTS 5.2 that
# covers each, by paper and decision number: the 28-day notice contradicted by the RoD's own
# narrative, and a record with "Forward Plan Reference: Not applicable" (fed-28-clear-days);
# a number on two decisions (record-decision-number); an outside-cycle report giving no reason
# and no record (kcc-outside-cycle-12-35, one finding for both); no Financial or Legal
# Implications (implications-sections-complete). A title naming the wrong quarter is covered
# by no rule. Each is found when its papers are checked together, as a council would.
OTHER_GAPS = {
    ("000_f262f526448a12a6", "20/00084"): "fed-28-clear-days",
    ("001_c9f6cae08955503c", "20/00098"): "record-decision-number",
    ("001_c9f6cae08955503c", "20/00106"): "kcc-outside-cycle-12-35",
    ("kcc25_24-00108_prod", "24/00108"): "implications-sections-complete",
    ("l_cmis_sedgebury", "SCC/DR/2025/0147"): "fed-28-clear-days",
}


def test_the_gaps_the_gold_marks_other_are_found_by_their_rules(gold_corpus, parsed_papers):
    gold = {paper.stem: paper.gold for paper in gold_corpus}
    marked = {(stem, d["decision_no"]) for stem, g in gold.items() for d in g["decisions"]
              if any(f["rule"] == "other" for f in d["expected_findings"])}
    assert set(OTHER_GAPS) <= marked
    found, _ = _findings(parsed_papers, gold, tuple(set(OTHER_GAPS.values())))
    missed = [
        f"{stem} {number}: {rule}"
        for (stem, number), rule in sorted(OTHER_GAPS.items())
        for index, decision in enumerate(gold[stem]["decisions"])
        if decision["decision_no"] == number and rule not in found.get((stem, index), set())
    ]
    assert not missed, missed
