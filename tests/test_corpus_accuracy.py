"""Measured accuracy of the reader on every gold file of ../shared/corpus.

Run with `pytest -s tests/test_corpus_accuracy.py` (or `python -m bench.accuracy`) to see the
per-field table by folder. The floors are the targets the reader is held to (field accuracy
0.95 in every folder, decisions found 0.97 with at most one spurious, declarations 0.9),
set a little under what it reads now: a change that reads fewer fields right fails here.
"""
from __future__ import annotations

import jsonschema

from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import read_paper
from tests.gold_compare import FOLDERS, field_table, score_corpus

FIELD_ACCURACY_FLOOR = {"bundles": 0.95, "kcc-2025": 0.95, "layouts": 0.95}
OVERALL_FLOOR = 0.97
DECISIONS_FOUND_FLOOR = 0.97
MAX_SPURIOUS = 1
DECLARATIONS_FLOOR = 0.9


def test_decisions_found_and_fields_match_gold(gold_corpus, parsed_gold_corpus, records_schema):
    jsonschema.validate({"files": list(parsed_gold_corpus.values())}, records_schema)
    score = score_corpus(parsed_gold_corpus, gold_corpus)
    print("\n" + field_table(score))
    for folder in FOLDERS:
        right, total = score.accuracy(folder)
        assert right / total >= FIELD_ACCURACY_FLOOR[folder], f"{folder}: field accuracy {right}/{total}"
    right, total = score.accuracy()
    assert right / total >= OVERALL_FLOOR, f"field accuracy {right}/{total} below {OVERALL_FLOOR:.0%}"
    found, expected = sum(score.decisions_found.values()), sum(score.decisions_expected.values())
    assert found / expected >= DECISIONS_FOUND_FLOOR, f"decisions found {found}/{expected}: {score.missed}"
    assert len(score.spurious) <= MAX_SPURIOUS, f"decisions not in gold: {score.spurious}"
    assert score.declarations_found / score.declarations_expected >= DECLARATIONS_FLOOR, score.declarations_missed


def test_every_field_value_has_evidence_inside_its_paper(gold_corpus):
    """A value a user cannot trace to a line is a bug: each evidence quote must be on its line."""
    for gold_paper in gold_corpus:
        paper = read_paper(gold_paper.path)
        parsed = parse_paper(paper)
        for record in [*parsed.decisions, *parsed.meetings]:
            for name, evidence in record.evidence.items():
                assert 1 <= evidence.line <= evidence.end_line <= len(paper.lines), (gold_paper.stem, name, evidence)
                # Every line of the span: a form row read column by column gives several lines one number.
                quoted = " ".join(line.raw.strip() for line in paper.between(evidence.line, evidence.end_line))
                first_words = evidence.text.split()[:3]
                assert " ".join(first_words) in " ".join(quoted.split()), (gold_paper.stem, name, evidence.text, quoted)
