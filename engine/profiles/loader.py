"""Reader profiles loaded from YAML, with every problem reported at its file:line:col.

A profile names a shipped profile or a file. `extends` joins a parent's entries before its own
(lists are joined parent first, without repeats); the shipped profiles extend the general
English one. Patterns are compiled here, once, and refused when they could take more than
linear time on a paper (`engine.common.patterns`).
"""
from __future__ import annotations

import os
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from govlint.engine.common.cache import cached
from govlint.engine.common.errors import ProblemsError
from govlint.engine.common.locations import Location
from govlint.engine.common.names import names_a_file
from govlint.engine.common.patterns import UnsafePattern, safe_pattern
from govlint.engine.common.yaml_positions import Problem, YamlDoc, closest, read_checked
from govlint.engine.profiles.labels import profile_labels
from govlint.engine.profiles.model import LABEL_FAMILIES, Profile

SCHEMA = Path(__file__).parents[1] / "schemas" / "profile.schema.json"
SUFFIX = ".yaml"
DEFAULT_PROFILE = "english-councils"
# The top-level keys whose values are lists or nested mappings of lists, joined on `extends`.
_JOINED = ("detect", "references", "documents", "labels", "boilerplate", "furniture", "wording")
_REGEX_KEYS = ("references", "furniture")


class ProfileError(ProblemsError):
    """A profile (or one it extends) is invalid; `problems` lists every problem found."""


def profiles_dir() -> Path:
    """The directory of the profiles shipped with govlint."""
    return Path(__file__).parent


def shipped_profile_names() -> list[str]:
    return sorted(path.name[: -len(SUFFIX)] for path in profiles_dir().glob(f"*{SUFFIX}"))


@lru_cache(maxsize=None)
def shipped_profiles() -> tuple[Profile, ...]:
    """Every shipped profile, loaded once per process."""
    return tuple(load_profile(name) for name in shipped_profile_names())


def load_profile(name_or_path: str | os.PathLike) -> Profile:
    """The profile with its `extends` resolved, or ProfileError with every problem found."""
    reference = str(name_or_path)

    def build() -> tuple[Profile, list[Path]]:
        read: list[Path] = []
        profile = _load(reference, (), read=read)
        # Made now to be kept with the profile (Profile.kept): its labels, and what its wordings require.
        for family in LABEL_FAMILIES:
            profile_labels(profile, family)
        for topic, values in profile.wording.items():
            for value in values:
                profile.required(profile.wording_pattern(topic, value))
        return profile, read

    return cached("profile", [reference, os.path.realpath(_locate(reference, None) or reference)], build)


@lru_cache(maxsize=None)
def named_profile(name_or_path: str) -> Profile:
    """`load_profile`, once per process for each name: every paper of a run reads with it."""
    return load_profile(name_or_path)


def _locate(reference: str, relative_to: Path | None) -> Path | None:
    if names_a_file(reference):
        path = Path(os.path.normpath((relative_to or Path()) / reference))
        return path if path.is_file() else None
    path = profiles_dir() / f"{reference}{SUFFIX}"
    return path if path.is_file() else None


def _load(reference: str, stack: tuple[str, ...], relative_to: Path | None = None, read: list[Path] | None = None) -> Profile:
    """The profile `reference` names; the paths of the files it is read from are added to `read`."""
    path = _locate(reference, relative_to)
    if path is None:
        names = shipped_profile_names()
        close = [name for name in names if name.startswith(reference.lower())] or closest(reference, names)
        where = "relative to the profile naming it" if names_a_file(reference) else f"among {', '.join(names)}" + (f"; did you mean {close[0]}?" if close else "")
        raise ProfileError([Problem(Location(reference, 0), f"no profile file or profile named {reference!r} {where}")])
    if read is not None:
        read.append(path)
    checked = read_checked(path, SCHEMA, "profile", "a profile is a mapping of keys (id, title, version, labels, …)")
    if checked.doc is None:
        raise ProfileError(checked.problems)
    doc = checked.doc
    # Every problem at once: the schema's, and each pattern that does not compile or is unsafe.
    problems = checked.problems + _pattern_problems(doc)
    parents = []
    for index, parent in enumerate(doc.data.get("extends", [])):
        key = os.path.realpath(_locate(parent, path.parent) or parent)
        if key in stack or key == os.path.realpath(path):
            problems.append(Problem(doc.at(("extends", index)), f"extends cycle through {parent!r}"))
            continue
        try:
            parents.append(_load(parent, stack + (os.path.realpath(path),), path.parent, read))
        except ProfileError as error:
            problems += [Problem(doc.at(("extends", index)), f"in the profile it extends: {problem}") for problem in error.problems]
    if problems:
        raise ProfileError(problems)
    return _build(doc, path, parents)


def _pattern_problems(doc: YamlDoc) -> list[Problem]:
    """Every regular expression in the profile that does not compile or is not linear-time safe."""
    problems = []
    def texts(value) -> list:
        return [(i, text) for i, text in enumerate(value) if isinstance(text, str)] if isinstance(value, list) else []

    places = [((key, i), text) for key in _REGEX_KEYS for i, text in texts(doc.data.get(key))]
    wording = doc.data.get("wording")
    for topic, values in (wording.items() if isinstance(wording, dict) else ()):
        for value, listed in (values.items() if isinstance(values, dict) else ()):
            places += [(("wording", topic, value, i), text) for i, text in texts(listed)]
    for where, text in places:
        try:
            safe_pattern(text)
        except UnsafePattern as error:
            problems.append(Problem(doc.at(where), f"pattern {text!r} refused: {error}"))
    return problems


def _join(parent, child):
    """Lists joined parent first without repeats; mappings joined key by key."""
    if isinstance(parent, dict) and isinstance(child, dict):
        return {key: _join(parent.get(key), child.get(key)) for key in [*parent, *[k for k in child if k not in parent]]}
    if parent is None:
        return child
    if child is None:
        return parent
    joined = {}
    for item in [*parent, *child]:
        joined.setdefault(_frozen(item), item)
    return list(joined.values())


def _frozen(value):
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


def _build(doc: YamlDoc, path: Path, parents: list[Profile]) -> Profile:
    data = doc.data
    joined = {key: None for key in _JOINED}
    for parent in parents:
        for key in _JOINED:
            joined[key] = _join(joined[key], _thawed(getattr(parent, key)))
    for key in _JOINED:
        joined[key] = _join(joined[key], data.get(key))
    values = {key: _frozen(value) for key, value in joined.items() if value is not None}
    known = {f.name for f in fields(Profile)}
    money_in_decision = data.get("money_in_decision", parents[-1].money_in_decision if parents else True)
    return Profile(
        money_in_decision=money_in_decision,
        id=data["id"],
        title=data["title"],
        version=str(data["version"]),
        path=str(path),
        extends=tuple(data.get("extends", ())),
        **{key: value for key, value in values.items() if key in known},
    )


def _thawed(value):
    if isinstance(value, dict):
        return {key: _thawed(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_thawed(item) for item in value]
    return value
