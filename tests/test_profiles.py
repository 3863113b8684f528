"""Reader profiles: the shipped ones load and validate, problems are reported where they are,
extends joins, a paper's profile is chosen by what it shows, and the commands around them."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main
from govlint.engine.common.patterns import UnsafePattern, any_safe_pattern, safe_pattern
from govlint.engine.profiles.choose import choose_profile
from govlint.engine.profiles.loader import DEFAULT_PROFILE, ProfileError, load_profile, shipped_profile_names, shipped_profiles
from govlint.engine.profiles.schema import SHIPPED, profile_schema


def test_shipped_schema_is_what_the_model_generates():
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == profile_schema(), "run: python -m govlint.engine.profiles.schema"


def test_the_shipped_profiles_load_and_extend_the_general_one():
    names = shipped_profile_names()
    assert DEFAULT_PROFILE in names and {"kent-county-council", "moderngov"} <= set(names)
    general = load_profile(DEFAULT_PROFILE)
    for profile in shipped_profiles():
        if profile.id != DEFAULT_PROFILE:
            assert profile.extends == (DEFAULT_PROFILE,)
            # The parent's wordings come first, the child's own after them.
            parent_labels = general.label_phrases("record", "interests")
            assert profile.label_phrases("record", "interests")[: len(parent_labels)] == parent_labels


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path) -> list[str]:
    with pytest.raises(ProfileError) as raised:
        load_profile(str(path))
    return [str(problem) for problem in raised.value.problems]


def test_every_problem_is_reported_at_its_line_and_column(tmp_path):
    path = write(
        tmp_path,
        "bad.yaml",
        "id: bad\ntitle: A bad profile\nversion: 1\nreferences:\n  - '(a+)+$'\nlabels:\n  record:\n    makerr: [who decides]\nwording:\n  assessment:\n    completed: ['(unclosed']\n",
    )
    problems = problems_of(path)
    assert any(p.startswith(f"{path}:5:5: pattern '(a+)+$' refused: a repeat inside a repeat") for p in problems), problems
    assert any(p.startswith(f"{path}:8:5: unknown key 'makerr'") and "did you mean 'maker'" in p for p in problems), problems
    assert any(p.startswith(f"{path}:11:17: pattern '(unclosed' refused: not a valid regular expression") for p in problems), problems


def test_extends_a_shipped_profile_and_joins_its_lists(tmp_path):
    path = write(
        tmp_path,
        "borough.yaml",
        "id: borough\ntitle: A borough's forms\nversion: 2\nextends: [english-councils]\ndetect: [borough of somewhere]\n"
        "labels:\n  record:\n    maker: [decided by the portfolio holder]\n",
    )
    profile = load_profile(str(path))
    makers = profile.label_phrases("record", "maker")
    assert makers[-1] == "decided by the portfolio holder"
    assert "decision maker" in makers  # from the parent


def test_an_extends_cycle_and_a_missing_parent_are_problems(tmp_path):
    write(tmp_path, "a.yaml", "id: a\ntitle: A\nversion: 1\nextends: [b.yaml]\n")
    write(tmp_path, "b.yaml", "id: b\ntitle: B\nversion: 1\nextends: [a.yaml]\n")
    assert any("extends cycle" in p for p in problems_of(tmp_path / "a.yaml"))
    missing = write(tmp_path, "c.yaml", "id: c\ntitle: C\nversion: 1\nextends: [no-such-profile]\n")
    assert any("no profile file or profile named 'no-such-profile'" in p for p in problems_of(missing))


@pytest.mark.parametrize("pattern", ["(a+)+$", "(\\w+\\s?)*x", "(a|aa)*b{2,}(c+)+", "(x)\\1"])
def test_unsafe_patterns_are_refused(pattern):
    with pytest.raises(UnsafePattern):
        safe_pattern(pattern)


@pytest.mark.parametrize("pattern", ["\\d{2}/\\d{5}", "[A-Z]{2,6}(?:/[A-Z]{2,6})?[ /-]\\d{4}", "will\\s+be\\s+completed", "(?:ab)?(?:cd)?"])
def test_linear_patterns_are_accepted(pattern):
    assert safe_pattern(pattern).pattern == pattern


def test_safe_patterns_joined_are_one_safe_pattern_of_the_same_text():
    texts = ["\\d{2}/\\d{5}", "will\\s+be\\s+completed", "(?:ab)?(?:cd)?"]
    joined = any_safe_pattern(texts)
    assert joined == safe_pattern("(?:\\d{2}/\\d{5})|(?:will\\s+be\\s+completed)|(?:(?:ab)?(?:cd)?)")
    assert any_safe_pattern([]).search("anything") is None
    with pytest.raises(UnsafePattern, match="not a valid regular expression"):
        any_safe_pattern(["(?i)first", "second"])  # a global flag once inside a group
    with pytest.raises(UnsafePattern, match="longer than"):
        any_safe_pattern(["word"] * 400)


def test_the_profile_is_chosen_by_what_the_paper_shows():
    profiles = shipped_profiles()
    default = load_profile(DEFAULT_PROFILE)
    moderngov = ["Decision details", "Title", "Decision Maker: Cabinet", "Is Key decision?: Yes", "Decision status: Approved"]
    assert choose_profile(moderngov, profiles, default).id == "moderngov"
    # One shared phrase is chance: "Divisions affected" is on many councils' forms.
    assert choose_profile(["PROPOSED DECISION", "Divisions affected: All"], profiles, default).id == DEFAULT_PROFILE
    assert choose_profile(["nothing to see"], profiles, default).id == DEFAULT_PROFILE


def test_profiles_commands(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(main, ["profiles", "list"])
    assert listed.exit_code == 0 and f"{DEFAULT_PROFILE} (default)" in listed.output and "moderngov" in listed.output
    shown = runner.invoke(main, ["profiles", "show", "kent-county-council"])
    assert shown.exit_code == 0 and "extends: english-councils" in shown.output and "boilerplate" in shown.output
    good = write(tmp_path, "good.yaml", "id: good\ntitle: Good\nversion: 1\nextends: [english-councils]\n")
    assert runner.invoke(main, ["profiles", "validate", str(good)]).exit_code == 0
    bad = write(tmp_path, "bad.yaml", "id: Bad\ntitle: x\nversion: 1\n")
    result = runner.invoke(main, ["profiles", "validate", str(bad)])
    assert result.exit_code == 2 and f"{bad}:1:5:" in result.output
    unknown = runner.invoke(main, ["profiles", "show", "kent"])
    assert unknown.exit_code == 2 and "did you mean kent-county-council?" in unknown.output


def test_profile_option_and_config_name_the_profile(tmp_path):
    paper = write(tmp_path, "page.txt", "Decision details\n\nBridge\n\nDecision Maker: Cabinet\n\nIs Key decision?: Yes\n\nDecision status: Approved\n")
    runner = CliRunner()
    chosen = json.loads(runner.invoke(main, ["parse", "--format", "json", str(paper)]).output)
    assert chosen["files"][0]["reading"]["profile"] == "moderngov"
    named = json.loads(runner.invoke(main, ["parse", "--format", "json", "--profile", DEFAULT_PROFILE, str(paper)]).output)
    assert named["files"][0]["reading"]["profile"] == DEFAULT_PROFILE
    config = write(tmp_path, ".govlint.yaml", f"profile: {DEFAULT_PROFILE}\n")
    checked = runner.invoke(main, ["check", "--config", str(config), "--format", "json", str(paper)])
    assert checked.exit_code in (0, 1), checked.output
    # The config's profile is the one used: a profile it cannot find stops the run.
    missing = write(tmp_path, "other.yaml", "profile: profiles/borough.yaml\n")
    stopped = runner.invoke(main, ["check", "--config", str(missing), str(paper)])
    assert stopped.exit_code == 2 and f"no profile file or profile named '{tmp_path / 'profiles' / 'borough.yaml'}'" in stopped.output
    bad = runner.invoke(main, ["parse", "--profile", "no-such", str(paper)])
    assert bad.exit_code == 2 and "no profile file or profile named 'no-such'" in bad.output


def test_a_pack_names_the_profile_its_councils_papers_are_read_with(tmp_path):
    write(tmp_path, "harbour.yaml", "id: harbour\ntitle: Harbour\nversion: 1\nextends: [english-councils]\n")
    pack = write(
        tmp_path,
        "harbour-city.yaml",
        "id: harbour-city\ntitle: Harbour City\nversion: 1.0.0\nextends: [english-councils]\nreader_profile: harbour.yaml\n",
    )
    from govlint.engine.packs.loader import load_pack

    assert load_pack(str(pack)).reader_profile == str(tmp_path / "harbour.yaml")
    child = write(tmp_path, "harbour-child.yaml", "id: harbour-child\ntitle: Child\nversion: 1.0.0\nextends: [harbour-city.yaml]\n")
    assert load_pack(str(child)).reader_profile == str(tmp_path / "harbour.yaml")  # inherited
    # The pack's profile reads the papers unless --profile or the config names another.
    paper = write(tmp_path, "paper.txt", "RECORD OF DECISION\n\nDecision maker: Cabinet\nKey decision: No\n")
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--no-config", "--pack", str(pack), "--format", "json", str(paper)])
    assert result.exit_code in (0, 1), result.output
    broken = write(tmp_path, "broken.yaml", "id: broken\ntitle: Broken\nversion: 1.0.0\nextends: [english-councils]\nreader_profile: missing.yaml\n")
    stopped = runner.invoke(main, ["check", "--no-config", "--pack", str(broken), str(paper)])
    assert stopped.exit_code == 2 and "missing.yaml" in stopped.output
