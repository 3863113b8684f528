"""Measured accuracy of the reader on the four real bundles, against the hand-checked gold.

Run with `pytest -s tests/test_corpus_accuracy.py` to see the per-field table.
"""
from __future__ import annotations

import jsonschema

from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import read_paper
from govlint.engine.records.model import to_dict
from tests.gold_compare import FieldScore, field_table, match_decisions, score_decisions

FIELD_ACCURACY_TARGET = 0.95


def parse_corpus(corpus_files) -> dict[str, dict]:
    return {path.stem: to_dict(parse_paper(read_paper(path))) for path in corpus_files}


def test_decisions_found_and_fields_match_gold(corpus_files, gold, records_schema):
    parsed = parse_corpus(corpus_files)
    jsonschema.validate({"files": list(parsed.values())}, records_schema)
    scores: dict[str, FieldScore] = {}
    missed_all, spurious_all = [], []
    for stem, expected in gold.items():
        pairs, missed, spurious = match_decisions(parsed[stem]["decisions"], expected["decisions"])
        missed_all += [f"{stem}: {d['decision_no']} lines {d['lines']}" for d in missed]
        spurious_all += [f"{stem}: {d['decision_no']} lines {d['lines']}" for d in spurious]
        score_decisions(pairs, stem, scores)
    print("\n" + field_table(scores))
    assert not missed_all, f"gold decisions not found: {missed_all}"
    assert not spurious_all, f"decisions not in gold: {spurious_all}"
    right = sum(s.right for s in scores.values())
    total = sum(s.total for s in scores.values())
    assert right / total >= FIELD_ACCURACY_TARGET, f"field accuracy {right}/{total} below {FIELD_ACCURACY_TARGET:.0%}"


def test_every_field_value_has_evidence_inside_its_paper(corpus_files):
    """A value a user cannot trace to a line is a bug: each evidence quote must be on its line."""
    for path in corpus_files:
        paper = read_paper(path)
        parsed = parse_paper(paper)
        for record in [*parsed.decisions, *parsed.meetings]:
            for name, evidence in record.evidence.items():
                assert 1 <= evidence.line <= evidence.end_line <= len(paper.lines), (path.name, name, evidence)
                quoted = " ".join(paper.line(n).raw.strip() for n in range(evidence.line, evidence.end_line + 1))
                first_words = evidence.text.split()[:3]
                assert " ".join(first_words) in " ".join(quoted.split()), (path.name, name, evidence.text, quoted)
