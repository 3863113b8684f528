"""Baselines: the findings a repository already had, so that a gate reports only new ones.

A finding is known by a fingerprint made of facts that stay put when a paper is edited
elsewhere: the rule, the record (decision number, else title, else committee and date), the
paper's path relative to the repository root and the quoted evidence with its spacing and
case normalised. Line numbers are left out on purpose, so inserting text above a gap does
not make it new; changing the quoted text does, since the gap may then be a different one.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import replace

from govlint.engine.checking.findings import Finding
from govlint.engine.common.errors import GovlintError
from govlint.engine.common.limits import SETTINGS_FILE_SIZE, Refused, load_json, read_regular_file

BASELINE_VERSION = 1


class BaselineError(GovlintError):
    """A baseline file that cannot be used; the message names the file and the reason."""


def _normal(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def fingerprint(finding: Finding, root: str) -> str:
    source = os.path.relpath(os.path.abspath(finding.source), os.path.abspath(root)).replace(os.sep, "/")
    # The pack's id but not its version: upgrading a pack must not make every old gap new.
    facts = [finding.pack_id, finding.rule, finding.kind, finding.stage or "", _normal(finding.record_key), source, _normal(finding.evidence)]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def with_fingerprints(findings: tuple[Finding, ...], root: str) -> tuple[Finding, ...]:
    return tuple(replace(finding, fingerprint=fingerprint(finding, root)) for finding in findings)


def hide_known(findings: tuple[Finding, ...], known: Counter) -> tuple[tuple[Finding, ...], int]:
    """The findings not in the baseline, and how many were hidden.

    The baseline is a multiset: two identical gaps recorded once leave one of them new.
    """
    left = Counter(known)
    new = []
    for finding in findings:
        if left[finding.fingerprint] > 0:
            left[finding.fingerprint] -= 1
        else:
            new.append(finding)
    return tuple(new), len(findings) - len(new)


def baseline_document(findings: tuple[Finding, ...], packs: tuple[tuple[str, str], ...], tool_version: str) -> dict:
    """The baseline file's content: fingerprints sorted (stable diffs), each with what a reviewer
    needs to recognise the finding."""
    entries = sorted(
        ({"fingerprint": f.fingerprint, "rule": f.rule, "decision": f.decision_no or f.record_key, "source": f.source} for f in findings),
        key=lambda entry: (entry["fingerprint"], entry["source"]),
    )
    return {
        "version": BASELINE_VERSION,
        "tool_version": tool_version,
        "packs": [{"id": pack_id, "version": version} for pack_id, version in packs],
        "findings": entries,
    }


def write_baseline(path: str, document: dict) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    except OSError as error:
        raise BaselineError(f"{path}: cannot write the baseline: {error}") from error


def read_baseline(path: str) -> Counter:
    """The fingerprints recorded in the baseline file at `path`, with their counts."""
    try:
        document = load_json(read_regular_file(path, SETTINGS_FILE_SIZE.bytes, SETTINGS_FILE_SIZE).decode("utf-8"))
    except (Refused, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    if not isinstance(document, dict) or document.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not a govlint baseline (version {BASELINE_VERSION}); write it again with --write-baseline")
    entries = document.get("findings")
    if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries):
        raise BaselineError(f"{path}: the baseline's findings must each have a fingerprint")
    return Counter(entry["fingerprint"] for entry in entries)
