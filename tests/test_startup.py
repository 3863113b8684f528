"""What a run does before it reads a paper: the shipped packs and profiles are validated here,
at test time, and a run takes their loaded form from the cache (engine.common.cache) instead
of validating them again; a command imports only what it runs."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govlint.engine.checking.config import CONFIG_NAME, read_config
from govlint.engine.common import cache
from govlint.engine.common import yaml_positions
from govlint.engine.packs.loader import PackError, SCHEMAS, list_available_packs, load_pack, packs_dir
from govlint.engine.profiles.loader import SCHEMA as PROFILE_SCHEMA
from govlint.engine.profiles.loader import ProfileError, load_profile, profiles_dir, shipped_profile_names

REPO = Path(__file__).resolve().parents[1]
PAPER = sorted((REPO / "examples" / "papers").glob("02-*.txt"))[0]


@pytest.fixture
def cache_in(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(cache.ENVIRONMENT, str(directory))
    return directory


@pytest.fixture
def no_validation(monkeypatch):
    """Loading that would have to read and validate a file fails the test."""

    def refused(*args):
        raise AssertionError(f"validated again: {args[0]}")

    def switch_off():
        monkeypatch.setattr(yaml_positions, "schema_problems", refused)

    return switch_off


@pytest.mark.parametrize("name", list_available_packs())
def test_each_shipped_pack_is_valid(name, monkeypatch):
    monkeypatch.setenv(cache.ENVIRONMENT, "")
    path = packs_dir() / f"{name}.yaml"
    checked = yaml_positions.read_checked(path, SCHEMAS / "pack.schema.json", "pack", "")
    assert checked.doc is not None and checked.problems == []
    assert load_pack(name).rules


@pytest.mark.parametrize("name", shipped_profile_names())
def test_each_shipped_profile_is_valid(name, monkeypatch):
    monkeypatch.setenv(cache.ENVIRONMENT, "")
    path = profiles_dir() / f"{name}.yaml"
    checked = yaml_positions.read_checked(path, PROFILE_SCHEMA, "profile", "")
    assert checked.doc is not None and checked.problems == []
    assert load_profile(name).id == name


def test_a_cached_pack_is_the_pack_and_is_not_validated_again(cache_in, no_validation, monkeypatch):
    monkeypatch.setenv(cache.ENVIRONMENT, "")
    fresh = load_pack("kent-county-council")
    monkeypatch.setenv(cache.ENVIRONMENT, str(cache_in))
    first = load_pack("kent-county-council")
    assert list(cache_in.glob("pack-*.pickle"))
    no_validation()
    again = load_pack("kent-county-council")
    assert repr(again) == repr(first) == repr(fresh)
    assert again is not first  # read from the entry, not kept in memory


def test_a_cached_profile_is_the_profile(cache_in, no_validation):
    first = load_profile("kent-county-council")
    no_validation()
    again = load_profile("kent-county-council")
    assert repr(again) == repr(first)
    assert again.labels == first.labels and again.wording == first.wording


def test_a_cached_profile_holds_its_labels_and_what_its_wordings_require(cache_in, monkeypatch):
    from govlint.engine.profiles import labels, model

    first = load_profile("kent-county-council")
    made = {family: labels.profile_labels(first, family) for family in labels.LABEL_FAMILIES}
    required = {(topic, value): first.required(first.words(topic, value)) for topic, values in first.wording.items() for value in values}

    def refused(*args):
        raise AssertionError(f"made again: {args[0]}")

    monkeypatch.setattr(labels, "label", refused)
    monkeypatch.setattr(model, "required_words", refused)
    again = load_profile("kent-county-council")
    for family, held in made.items():
        read = labels.profile_labels(again, family)
        assert [(x.name, x.text, x.start, x.flags) for x in read] == [(x.name, x.text, x.start, x.flags) for x in held]
        assert read[-1] is labels.SECTION and len(read) > 5
    assert {key: again.required(again.words(*key)) for key in required} == required
    assert any(required.values())


def _user_packs(folder: Path, threshold: int) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "base.yaml").write_text(
        "id: base\ntitle: Base\nversion: '1.0.0'\ndescription: d\nextends: [kent-county-council]\n"
        f"parameters:\n  key_decision_threshold_gbp: {threshold}\n",
        encoding="utf-8",
    )
    (folder / "mine.yaml").write_text("id: mine\ntitle: Mine\nversion: '1.0.0'\ndescription: d\nextends: [./base.yaml]\n", encoding="utf-8")
    return folder / "mine.yaml"


def test_a_user_pack_is_read_again_when_a_file_it_extends_changes(cache_in, tmp_path, no_validation):
    pack = _user_packs(tmp_path / "packs", 500_000)
    assert load_pack(pack).parameters["key_decision_threshold_gbp"] == 500_000
    _user_packs(tmp_path / "packs", 750_000)  # only the parent changes
    assert load_pack(pack).parameters["key_decision_threshold_gbp"] == 750_000
    no_validation()
    assert load_pack(pack).parameters["key_decision_threshold_gbp"] == 750_000


def test_an_invalid_pack_is_never_cached(cache_in, tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text("id: bad\ntitle: Bad\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PackError):
            load_pack(pack)
    assert not list(cache_in.glob("pack-*"))
    with pytest.raises(ProfileError):
        load_profile(pack)


@pytest.mark.parametrize("damage", [b"", b"govlint-cache-1\n\x80\x05garbage", b"something else entirely"])
def test_a_corrupt_entry_is_ignored_and_written_again(cache_in, damage):
    first = load_pack("kent-county-council")
    (entry,) = cache_in.glob("pack-*.pickle")
    entry.write_bytes(damage)
    assert repr(load_pack("kent-county-council")) == repr(first)
    assert entry.read_bytes().startswith(b"govlint-cache-1\n") and len(entry.read_bytes()) > 100


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_directory_others_can_write_to_is_not_read(cache_in, no_validation):
    load_profile("moderngov")
    cache_in.chmod(0o777)
    try:
        no_validation()
        with pytest.raises(AssertionError, match="validated again"):
            load_profile("moderngov")
    finally:
        cache_in.chmod(0o700)


def test_the_cache_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENVIRONMENT, "")
    assert cache.cache_dir() is None
    monkeypatch.delenv(cache.ENVIRONMENT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform not in ("win32", "darwin"):
        assert cache.cache_dir() == tmp_path / "govlint"


def _modules_after(command: list[str], cache_dir: Path, cwd: Path = REPO) -> set[str]:
    """The modules imported by the time a govlint command (run in a fresh interpreter) exits."""
    code = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.__stderr__))\n"
        "from govlint.checks.cli import main\n"
        "sys.argv = ['govlint', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = {**os.environ, cache.ENVIRONMENT: str(cache_dir)}
    run = subprocess.run([sys.executable, "-c", code, *command], cwd=cwd, env=env, capture_output=True, text=True)
    return set(json.loads(run.stderr.strip().splitlines()[-1]))


def _imported(modules: set[str], *prefixes: str) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_parse_imports_only_what_reading_needs(tmp_path):
    _modules_after(["parse", str(PAPER)], tmp_path / "cache")  # the reader profiles cached
    modules = _modules_after(["parse", str(PAPER)], tmp_path / "cache")
    assert "govlint.engine.extraction.paper" in modules  # it did read the paper
    unwanted = _imported(
        modules, "govlint.engine.report", "govlint.engine.store", "govlint.checks.serve", "govlint.checks.report_cmd",
        "govlint.checks.serve_cmd", "govlint.checks.fetch_cmd", "govlint.engine.moderngov.markup", "jinja2", "sqlalchemy",
        "lxml", "durable_rules_engine", "jsonschema", "yaml",
    )
    assert unwanted == []


def test_a_check_with_cached_packs_and_config_imports_neither_jsonschema_nor_yaml(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / CONFIG_NAME).write_text("packs: [kent-county-council]\nfail_on: error\n", encoding="utf-8")
    first = _modules_after(["check", str(PAPER)], tmp_path / "cache", project)
    assert {"jsonschema", "yaml"} <= first  # the first run read and validated the config, packs and profiles it cached
    again = _modules_after(["check", str(PAPER)], tmp_path / "cache", project)
    assert "durable_rules_engine" in again
    assert _imported(again, "jsonschema", "yaml", "jinja2", "sqlalchemy", "lxml", "difflib", "govlint.checks.serve", "govlint.engine.store") == []


def test_entries_not_written_for_a_month_are_removed_when_one_is_written(cache_in):
    load_profile("moderngov")
    cache_in.joinpath("pack-stale.pickle").write_bytes(b"govlint-cache-1\n")
    recent = cache_in / "pack-recent.pickle"
    recent.write_bytes(b"govlint-cache-1\n")
    month_ago = os.path.getmtime(recent) - 31 * 24 * 3600
    os.utime(cache_in / "pack-stale.pickle", (month_ago, month_ago))
    load_pack("kent-county-council")
    assert not (cache_in / "pack-stale.pickle").exists() and recent.exists()
    assert len(list(cache_in.glob("profile-*.pickle"))) == 1


def test_a_config_with_problems_is_read_again_each_time(cache_in, tmp_path):
    path = tmp_path / CONFIG_NAME
    path.write_text("packs: [kent-county-council]\nfail_on: sometimes\n", encoding="utf-8")
    for _ in range(2):
        _, problems = read_config(path)
        assert problems
    assert not list(cache_in.glob("config-*"))
    path.write_text("packs: [kent-county-council]\nfail_on: error\n", encoding="utf-8")
    assert read_config(path)[1] == [] and list(cache_in.glob("config-*"))
    config, problems = read_config(path)
    assert (config.packs, config.fail_on, problems) == (("kent-county-council",), "error", [])


# Patterns unlike each other in what `re` makes of them: named groups, conditionals, flags set
# inside, look-behind, Unicode classes, a case-blind class.
_PATTERNS = [
    (r"^(?P<number>\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?(number)\w+|(?!))(?P<value>.*)$", re.IGNORECASE | re.MULTILINE),
    (r"(?<![\w/])(?:EMD|ROD)\s*\d{2}/\d{5}(?![\w/])", 0),
    (r"(?i)key\s+decision[?*]?\s*:\s*(yes|no)\b", re.MULTILINE),
    (r"[–—-]\s*(?:£|GBP)\s?[\d,]+(?:\.\d\d)?\s*(?:m|million|k)?", re.IGNORECASE | re.VERBOSE),
    (r"\bcafé\b|\W+ß", re.IGNORECASE),
]


def _run_with_patterns_kept(monkeypatch, compile_patterns) -> None:
    """One run as a fresh process sees it: `re`'s cache and the module's state empty."""
    from govlint.engine.common import compiled_patterns

    re.purge()
    monkeypatch.setattr(compiled_patterns, "_kept", {})
    monkeypatch.setattr(compiled_patterns, "_seen", frozenset())
    monkeypatch.setattr(compiled_patterns, "_read", False)
    with compiled_patterns.kept():
        compile_patterns()


def _no_compiling(monkeypatch):
    def refused(pattern, flags=0):
        raise AssertionError(f"compiled again: {pattern!r}")

    monkeypatch.setattr(re._compiler, "compile", refused)


def test_patterns_compiled_by_two_runs_are_taken_ready_by_the_next_and_are_the_same(cache_in, monkeypatch):
    fresh = [re._compiler.compile(text, flags) for text, flags in _PATTERNS]
    for _ in range(2):
        _run_with_patterns_kept(monkeypatch, lambda: [re.compile(text, flags) for text, flags in _PATTERNS])
    with monkeypatch.context() as patched:
        _no_compiling(patched)
        ready = []
        _run_with_patterns_kept(patched, lambda: ready.extend(re.compile(text, flags) for text, flags in _PATTERNS))
    # Patterns compare equal only with the same text, flags and compiled code.
    assert ready == fresh
    assert [p.groupindex for p in ready] == [p.groupindex for p in fresh] and [p.groups for p in ready] == [p.groups for p in fresh]
    text = "4.1 Key Decision*: Yes - £1,200k at the CAFÉ, EMD 24/00032\nkey decision: no STRASSE"
    found = [[(m.span(), m.groups()) for m in p.finditer(text)] for p in ready]
    assert found == [[(m.span(), m.groups()) for m in p.finditer(text)] for p in fresh] and all(found)


def test_a_pattern_one_run_compiled_is_not_kept(cache_in, monkeypatch):
    _run_with_patterns_kept(monkeypatch, lambda: re.compile(r"only\s+once"))
    _run_with_patterns_kept(monkeypatch, lambda: re.compile(r"every\s+run"))
    _run_with_patterns_kept(monkeypatch, lambda: re.compile(r"every\s+run"))
    with monkeypatch.context() as patched:
        _no_compiling(patched)
        _run_with_patterns_kept(patched, lambda: re.compile(r"every\s+run"))
        with pytest.raises(AssertionError) as refused:  # (`match=` would compile a pattern)
            _run_with_patterns_kept(patched, lambda: re.compile(r"only\s+once"))
    assert str(refused.value) == r"compiled again: 'only\\s+once'"


@pytest.mark.parametrize("damage", [b"", b"govlint-cache-1\n\x80\x05garbage", None])
def test_a_damaged_patterns_entry_is_not_used(cache_in, monkeypatch, damage):
    for _ in range(2):
        _run_with_patterns_kept(monkeypatch, lambda: re.compile(r"(?P<word>\w+)\s+again"))
    (entry,) = cache_in.glob("patterns-*.pickle")
    if damage is None:  # intact as a pickle, but code the matcher refuses
        from govlint.engine.common import cache as kept_entries, compiled_patterns

        rows, seen = kept_entries.read_entry(compiled_patterns._KIND, compiled_patterns._KEY)
        text, flags, (pattern, final_flags, code, *groups) = rows[0]
        kept_entries.write_entry(compiled_patterns._KIND, compiled_patterns._KEY, ([(text, flags, (pattern, final_flags, code[:-4], *groups))], seen))
    else:
        entry.write_bytes(damage)
    compiled = []
    _run_with_patterns_kept(monkeypatch, lambda: compiled.append(re.compile(r"(?P<word>\w+)\s+again")))
    assert compiled[0] == re._compiler.compile(r"(?P<word>\w+)\s+again", 0)


def test_a_one_paper_check_compiles_none_of_its_patterns_once_they_are_kept(tmp_path):
    code = (
        "import atexit, re, sys\n"
        "compiled = []\n"
        "compile = re._compiler.compile\n"
        "re._compiler.compile = lambda pattern, flags=0: compiled.append(pattern) or compile(pattern, flags)\n"
        "from govlint.checks.cli import main\n"
        "before = len(compiled)\n"  # Python's and click's own, compiled as they are imported
        "atexit.register(lambda: print(before, len(compiled) - before, file=sys.__stderr__))\n"
        "sys.argv = ['govlint', 'check', sys.argv[1]]\n"
        "main()\n"
    )
    env = {**os.environ, cache.ENVIRONMENT: str(tmp_path / "cache")}
    counts = []
    for _ in range(4):
        run = subprocess.run([sys.executable, "-c", code, str(PAPER)], cwd=REPO, env=env, capture_output=True, text=True)
        counts.append([int(n) for n in run.stderr.split()[-2:]])
    # The second run keeps what the first compiled too, but for what `re`'s cache dropped in the
    # first (which loads the packs and profiles too), kept by the third; the fourth compiles at
    # most the few that modules imported to read the entry compile, and bytes patterns (not kept).
    assert counts[0][1] > 100 and counts[1][1] > 100 and counts[3][1] < 5, counts


def test_a_packs_durable_ruleset_is_made_once_and_kept_for_that_pack_alone(cache_in, monkeypatch):
    from dataclasses import replace

    from govlint.engine.packs import runtime

    made = runtime._compile(load_pack("kent-county-council"))
    assert made.handle and made.targets and list(cache_in.glob("ruleset-*.pickle"))

    def refused(pack):
        raise AssertionError(f"compiled again: {pack.id}")

    monkeypatch.setattr(runtime, "compile_pack", refused)
    assert runtime._compile(load_pack("kent-county-council")) == made  # another process's pack, read from the cache
    pack = load_pack("kent-county-council")
    changed = replace(pack, rules=tuple(replace(rule, severity="info") for rule in pack.rules))
    with pytest.raises(AssertionError, match="compiled again"):
        runtime._compile(changed)
