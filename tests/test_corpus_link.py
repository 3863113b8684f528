"""The corpus view (engine.corpus): records about one decision linked across papers into a case."""
from __future__ import annotations

import itertools
import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govlint.checks.shared import parse_papers
from govlint.engine.checking.record_files import paper_from_dict, read_record_file
from govlint.engine.corpus.link import DATE_WINDOW, MAX_LINKED, link_papers, number_key
from govlint.engine.corpus.titles import CLOSE, close_pairs, overlap, tokens
from govlint.engine.packs.rule_tests import build_record
from govlint.engine.records.model import to_dict

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


def fixture_papers(*names: str) -> list:
    papers, problems = parse_papers(tuple(str(FIXTURES / name) for name in names if not name.endswith(".json")), 20 * 1024 * 1024)
    assert not problems
    return papers + [paper for name in names if name.endswith(".json") for paper in read_record_file(FIXTURES / name)]


def paper(source: str, decisions=(), meetings=(), entries=()):
    def strip(kind: str, record: dict) -> dict:
        return {k: v for k, v in build_record({"kind": kind, **record}).items() if k != "kind"}

    return paper_from_dict({
        "source": source, "documents": [],
        "decisions": [strip("decision", d) for d in decisions],
        "meetings": [strip("meeting", m) for m in meetings],
        "forward_plan_entries": [strip("forward_plan_entry", e) for e in entries],
    })


def decision(number, title, day, decision_type="taken", **extra) -> dict:
    return {"decision_no": number, "title": title, "decision_date": day, "decision_type": decision_type,
            "committee_consultation": {"committee": None, "date": None, "status": "not_mentioned"}, "publication_date": None,
            "effective_date": None, "documents": [], "decision_numbers": [],
            **extra}


def cases(papers) -> dict[str, list[tuple[str, str]]]:
    """case -> (source, what) of every record and minute entry in it."""
    found: dict[str, list] = {}
    for p in papers:
        for d in p.decisions:
            found.setdefault(d.case, []).append((p.source, d.decision_type))
        for e in p.forward_plan_entries:
            found.setdefault(e.case, []).append((p.source, "forward_plan_entry"))
        for m in p.meetings:
            for c in m.decisions_considered:
                found.setdefault(c.case, []).append((p.source, f"minutes:{c.resolved}"))
    return found


class TestFixtures:
    def test_report_prod_rod_minutes_and_forward_plan_in_four_files_are_one_case(self):
        linked = link_papers(fixture_papers("fernleigh", "fernleigh/forward-plan.json"))
        found = cases(linked)
        files = {Path(source).name for source, _ in found["25/00041"]}
        assert files == {"report-and-prod.txt", "rod.txt", "minutes.txt", "forward-plan.txt"}
        assert sorted(what for _, what in found["25/00041"]) == ["forward_plan_entry", "minutes:endorse", "proposed", "taken"]
        [rod] = [d for p in linked for d in p.decisions if d.decision_type == "taken"]
        assert sorted((d.kind, Path(d.source).name) for d in rod.documents) == [
            ("committee_report", "report-and-prod.txt"),
            ("forward_plan_entry", "forward-plan.txt"),
            ("proposed_record_of_decision", "report-and-prod.txt"),
            ("record_of_decision", "rod.txt"),
        ]
        assert rod.decision_numbers == ["25/00041"]

    def test_a_council_without_numbers_is_linked_by_title_and_date(self):
        linked = link_papers(fixture_papers("ashcombe", "fernleigh"))
        ashcombe = [d for p in linked for d in p.decisions if "ashcombe" in p.source]
        assert len(ashcombe) == 2 and all(d.decision_no is None for d in ashcombe)
        assert len({d.case for d in ashcombe}) == 1
        assert ashcombe[0].case.startswith("Replacement of")
        assert {d.case for p in linked for d in p.decisions if "fernleigh" in p.source} == {"25/00041"}


class TestNumbers:
    def test_numbers_are_compared_as_printed_less_spacing_case_and_dashes(self):
        assert number_key(" cab/2025/031 ") == number_key("CAB/2025/031")
        assert number_key("ODR\u20132025\u201314") == number_key("ODR-2025-14")
        assert number_key("24/00096") != number_key("24-00096")

    def test_one_number_in_two_files_is_one_case_whatever_the_titles(self):
        linked = link_papers([paper("a.txt", [decision("20/00098", "Procurement restart", "2020-09-29", "proposed")]),
                              paper("b.txt", [decision("20/00098", "Contract award", "2020-11-25", "proposed")])])
        assert {d.case for p in linked for d in p.decisions} == {"20/00098"}
        assert [len(d.documents) for p in linked for d in p.decisions] == [2, 2]

    def test_minutes_entries_take_the_case_of_their_number(self):
        minutes = {"date": "2020-09-29", "decisions_considered": [{"decision_no": "20/00098", "resolved": "endorse"},
                                                                   {"decision_no": "20/00999", "resolved": "note"}]}
        linked = link_papers([paper("m.txt", meetings=[minutes]), paper("r.txt", [decision("20/00098", "Wellbeing service", "2020-10-05")])])
        [meeting] = linked[0].meetings
        assert [c.case for c in meeting.decisions_considered] == ["20/00098", "20/00999"]


class TestTitles:
    def test_close_titles_near_in_date_are_one_case_and_far_apart_are_two(self):
        linked = link_papers([
            paper("report.txt", [decision(None, "Replacement of the Market Hall Roof, Ashcombe", "2026-03-02", "report_only")]),
            paper("rod.txt", [decision(None, "Replacement of Market Hall Roof", "2026-03-10")]),
            paper("old.txt", [decision(None, "Replacement of Market Hall Roof", "2023-01-10")]),
        ])
        by_source = {p.source: p.decisions[0].case for p in linked}
        assert by_source["report.txt"] == by_source["rod.txt"] != by_source["old.txt"]

    def test_titles_of_other_matters_are_not_linked(self):
        linked = link_papers([paper("a.txt", [decision(None, "Market Hall Roof Replacement", "2026-03-10")]),
                              paper("b.txt", [decision(None, "Market Hall Lease Renewal", "2026-03-10")])])
        assert len({p.decisions[0].case for p in linked}) == 2

    def test_an_undated_record_is_linked_only_where_its_title_can_mean_one_case(self):
        one = [paper("report.txt", [decision(None, "Leisure Centre Management Contract", None, "report_only")]),
               paper("rod.txt", [decision(None, "Leisure Centre Management Contract", "2025-09-10")])]
        assert len({p.decisions[0].case for p in link_papers(one)}) == 1
        two = one + [paper("rod-2021.txt", [decision(None, "Leisure Centre Management Contract", "2021-09-10")])]
        linked = {p.source: p.decisions[0].case for p in link_papers(two)}
        assert len(set(linked.values())) == 3

    def test_two_numbers_with_one_title_are_one_case_showing_the_conflict(self):
        linked = link_papers([
            paper("report.txt", [decision("20/00098", "Contract Award for Community Wellbeing Services", "2020-11-25", "report_only")]),
            paper("rod.txt", [decision("20/00112", "Contract award for community wellbeing services", "2020-12-02")]),
        ])
        report, rod = (p.decisions[0] for p in linked)
        # The Record of Decision's number names the case (REQUIREMENTS 6.5.4); each record lists its own number first.
        assert report.case == rod.case == "20/00112"
        assert rod.decision_numbers == ["20/00112", "20/00098"]
        assert report.decision_numbers == ["20/00098", "20/00112"]

    def test_two_records_of_decision_are_two_decisions_however_alike_their_titles(self):
        linked = link_papers([paper("q1.txt", [decision("CAB/2025/010", "Revenue Budget Monitoring Quarter", "2025-06-10")]),
                              paper("q2.txt", [decision("CAB/2025/034", "Revenue Budget Monitoring Quarter", "2025-09-10")])])
        assert [p.decisions[0].case for p in linked] == ["CAB/2025/010", "CAB/2025/034"]

    def test_a_title_every_paper_repeats_does_not_chain_the_corpus_into_one_case(self):
        papers = [paper(f"p{i:03}.txt", [decision(None, "Cabinet Member Decision Notice", f"2025-01-{1 + i % 28:02}", "report_only")])
                  for i in range(MAX_LINKED * 2)]
        sizes = {}
        for p in link_papers(papers):
            sizes[p.decisions[0].case] = sizes.get(p.decisions[0].case, 0) + 1
        assert max(sizes.values()) <= MAX_LINKED

    def test_the_date_window_is_inclusive(self):
        start = "2025-01-01"
        end = (date(2025, 1, 1) + DATE_WINDOW).isoformat()
        linked = link_papers([paper("a.txt", [decision(None, "Depot Disposal Mill Lane", start, "report_only")]),
                              paper("b.txt", [decision(None, "Depot Disposal Mill Lane", end)])])
        assert len({p.decisions[0].case for p in linked}) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from("abcdefghij"), min_size=2, max_size=6), min_size=1, max_size=25, unique=True))
def test_close_pairs_finds_what_comparing_every_pair_finds(sets):
    every = [(i, j) for i, j in itertools.combinations(range(len(sets)), 2) if overlap(sets[i], sets[j]) >= CLOSE]
    assert close_pairs(sets) == every


def test_title_tokens_forgive_case_punctuation_accents_and_plurals():
    assert tokens("CARERS’ SHORT BREAKS SERVICE") == tokens("Carers short break services")
    assert tokens("Café Lease – Renewal") == tokens("cafe lease renewal")


@pytest.mark.parametrize("seed", range(5))
def test_the_links_do_not_depend_on_the_order_of_the_papers(seed):
    papers = fixture_papers("fernleigh", "fernleigh/forward-plan.json", "ashcombe") + [
        paper("x.txt", [decision("20/00098", "Community Wellbeing Services", "2020-11-25", "report_only")]),
        paper("y.txt", [decision(None, "Community wellbeing service", "2020-12-01")]),
        paper("z.txt", [decision("20/00112", "Community Wellbeing Services", "2020-12-02")]),
    ]
    expected = [to_dict(p) for p in link_papers(papers)]
    random.Random(seed).shuffle(papers)
    assert [to_dict(p) for p in link_papers(papers)] == expected
