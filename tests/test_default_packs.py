"""With no pack named, each paper is checked with the pack of the reader profile it is read with.

A council's papers read with the general profile get the english-councils pack's findings and
none of Kent's; Kent's papers get Kent's; in one run, in any order and with any --jobs, each
paper gets exactly what it gets alone. --pack and the config's packs still run on every paper.
"""
from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main

REPO = Path(__file__).resolve().parents[1]
OTHER = REPO / "tests" / "fixtures" / "families" / "report_front_sheet.txt"  # read with english-councils
MODERNGOV = REPO / "tests" / "fixtures" / "families" / "moderngov_page.txt"  # read with moderngov
KENT = REPO / "examples" / "papers" / "02-prod-with-gaps.txt"  # read with kent-county-council
BOTH_PACKS = ["english-councils", "kent-county-council"]


def govlint(*args) -> str:
    result = CliRunner().invoke(main, [*map(str, args)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def check(*args) -> dict:
    return json.loads(govlint("check", "--no-config", "--fail-on", "never", "--format", "json", *args))


def findings_of(document: dict, paper: Path) -> list[dict]:
    return [finding for finding in document["findings"] if Path(finding["source"]).resolve() == paper]


def pack_ids(findings: list[dict]) -> set[str]:
    return {finding["pack"]["id"] for finding in findings}


def test_shipped_profiles_name_their_councils_packs():
    from govlint.engine.profiles.loader import load_profile

    assert load_profile("kent-county-council").pack == "kent-county-council"
    assert load_profile("english-councils").pack == "english-councils"
    assert load_profile("moderngov").pack == "english-councils"  # inherited through extends


def test_a_paper_of_another_council_gets_the_english_councils_pack_and_no_kent_finding():
    document = check(OTHER)
    assert document["findings"] and pack_ids(document["findings"]) == {"english-councils"}
    assert not [f for f in document["findings"] if f["rule"].startswith("kcc-")]
    assert document["findings"] == check(OTHER, "--pack", "english-councils")["findings"]
    assert document["packs"] == [{"id": pack, "version": "1.0.0"} for pack in BOTH_PACKS]
    # Named, a pack still runs on every paper, whatever council it is from.
    assert [f for f in check(OTHER, "--pack", "kent-county-council")["findings"] if f["rule"].startswith("kcc-")]


def test_a_moderngov_page_gets_the_pack_its_profile_inherits():
    document = check(MODERNGOV)
    assert pack_ids(document["findings"]) <= {"english-councils"}
    assert document["findings"] == check(MODERNGOV, "--pack", "english-councils")["findings"]


def test_a_kent_paper_gets_the_kent_pack_and_a_shared_rule_once():
    document = check(KENT)
    assert document["findings"] and pack_ids(document["findings"]) == {"kent-county-council"}
    # Rules both packs inherit from the statutory baseline are reported once, by Kent's pack.
    assert document["findings"] == check(KENT, "--pack", "kent-county-council")["findings"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_papers_of_several_councils_in_one_run_get_what_each_gets_alone(jobs):
    papers = [OTHER, MODERNGOV, KENT]
    alone = {paper: findings_of(check(paper), paper) for paper in papers}
    shuffled = papers[:]
    random.Random(jobs).shuffle(shuffled)
    together = check("--jobs", jobs, *shuffled)
    assert {paper: findings_of(together, paper) for paper in papers} == alone
    assert len(together["findings"]) == sum(map(len, alone.values()))
    assert govlint("check", "--no-config", "--fail-on", "never", "--format", "json", "--jobs", jobs, *shuffled) == govlint(
        "check", "--no-config", "--fail-on", "never", "--format", "json", *papers
    )


def test_every_format_that_lists_packs_lists_the_packs_run(tmp_path):
    sarif = json.loads(govlint("check", "--no-config", "--fail-on", "never", "--format", "sarif", OTHER, KENT))
    assert [pack["id"] for pack in sarif["runs"][0]["properties"]["packs"]] == BOTH_PACKS
    assert {result["properties"]["pack"]["id"] for result in sarif["runs"][0]["results"]} == set(BOTH_PACKS)
    out = tmp_path / "report.json"
    CliRunner().invoke(main, ["report", "--no-config", str(OTHER), str(KENT), "-o", str(out), "--format", "json"], catch_exceptions=False)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [pack["id"] for pack in report["packs"]] == BOTH_PACKS
    # Each decision is reported against the rules of the pack that checked it, and a report
    # over papers of councils the packs do not name names no council.
    packs_by_decision: dict[tuple, set[str]] = {}
    for row in report["rows"]:
        packs_by_decision.setdefault((row["decision_no"], row["title"]), set()).add(row["pack"].split("@")[0])
    assert sorted(map(sorted, packs_by_decision.values())) == [["english-councils"], ["kent-county-council"]]
    assert report["council"] is None


def test_one_profile_for_every_paper_implies_its_pack(tmp_path):
    assert [pack["id"] for pack in check(KENT, "--profile", "english-councils")["packs"]] == ["english-councils"]
    kent_on_other = check(OTHER, "--profile", "kent-county-council")
    assert [pack["id"] for pack in kent_on_other["packs"]] == ["kent-county-council"]
    # A profile file names its pack relative to itself; a profile extending it inherits it.
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "harbour-city.yaml").write_text(
        "id: harbour-city\ntitle: Harbour City\nversion: 1.0.0\nextends: [english-councils]\n", encoding="utf-8"
    )
    (tmp_path / "harbour.yaml").write_text(
        "id: harbour-city\ntitle: Harbour City notices\nversion: 1\nextends: [english-councils]\npack: packs/harbour-city.yaml\n", encoding="utf-8"
    )
    (tmp_path / "harbour-north.yaml").write_text(
        "id: harbour-north\ntitle: Harbour City North notices\nversion: 1\nextends: [harbour.yaml]\n", encoding="utf-8"
    )
    for profile in ("harbour.yaml", "harbour-north.yaml"):
        document = check(OTHER, "--profile", tmp_path / profile)
        assert [pack["id"] for pack in document["packs"]] == ["harbour-city"]
        assert document["findings"] and pack_ids(document["findings"]) == {"harbour-city"}


def test_records_read_with_no_known_profile_are_checked_with_the_default_profiles_pack():
    from govlint.checks.shared import configured_packs
    from govlint.engine.checking.run import check_papers
    from govlint.engine.extraction.paper import parse_paper
    from govlint.engine.reading.files import read_paper

    _, packs = configured_packs((), None, no_config=True)
    kent = parse_paper(read_paper(KENT))
    assert kent.reading.profile == "kent-county-council"
    elsewhere = replace(kent, reading=replace(kent.reading, profile=""))  # records written by another system
    checked = check_papers([elsewhere], packs)
    assert checked.findings and {finding.pack_id for finding in checked.findings} == {"english-councils"}
    assert {(pack_id, rule) for entry in checked.checked for pack_id, rule in entry.rules} and all(
        pack_id == "english-councils" for entry in checked.checked for pack_id, _ in entry.rules
    )


def test_check_help_says_what_the_default_is():
    text = " ".join(CliRunner().invoke(main, ["check", "--help"]).output.split())
    assert "each paper checked with the pack of the reader profile it is read with" in text


# A rule that flags a decision when the run holds another decision with (or without) a number.
JOINING_PACK = """\
id: {id}
title: A rule that joins records across papers
version: 0.1.0
rules:
  - id: {id}
    title: Another decision {op} a number is in the run
    severity: info
    applies_to: {{kinds: [decision]}}
    when:
      exists_record:
        kind: decision
        where: {{field: decision_no, {op}: true}}
    message: "{{title}}"
"""


def test_a_corpus_rule_flags_only_its_packs_papers_and_joins_every_record(tmp_path):
    from govlint.engine.checking.run import check_papers
    from govlint.engine.extraction.paper import parse_paper
    from govlint.engine.packs.loader import load_pack
    from govlint.engine.reading.files import read_paper

    def pack(pack_id: str, op: str, profile: str):
        (tmp_path / f"{pack_id}.yaml").write_text(JOINING_PACK.format(id=pack_id, op=op), encoding="utf-8")
        return replace(load_pack(str(tmp_path / f"{pack_id}.yaml")), for_profiles=(profile,))

    kent, other = (parse_paper(read_paper(paper)) for paper in (KENT, OTHER))
    assert kent.decisions[0].decision_no and not other.decisions[0].decision_no
    # Each pack flags only its papers' decisions, by what it finds in the other council's paper,
    # whose records it does not check.
    packs = [pack("numbered", "exists", "english-councils"), pack("unnumbered", "missing", "kent-county-council")]
    flagged = {(finding.rule, Path(finding.source).resolve()) for finding in check_papers([kent, other], packs).findings}
    assert flagged == {("numbered", OTHER), ("unnumbered", KENT)}
    # Alone, neither paper holds what the rule for it looks for.
    assert not check_papers([kent], packs).findings and not check_papers([other], packs).findings
