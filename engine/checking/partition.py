"""A linked corpus cut into parts the corpus rules can run on apart, with the findings of the whole.

Why a part gives the same findings as the whole corpus. A part is a set of papers whose records
are checked (its home papers) and papers only looked into (its context). The corpus rules run
on the home records with a run (engine.packs.facts.Run) of home and context records. What a
rule decides on a record depends on:
- the record itself, with the fields linking sets (case, documents, ...): the papers are linked
  over the whole corpus before they are cut, so these are the whole corpus's;
- the records its joins (no_record/exists_record) find. Each join here has a key, a conjunct
  `field eq {record: path}`, and Run looks up its candidates in a hash index on `field`: the
  records of the join's kind holding a value of `field` equal (as `eq` compares, `_join_key`) to
  a value at `path` of the record checked (for a record `some` narrowed, one of the whole
  record's). A record no lookup gives cannot match, so what a join finds in a part that holds
  every candidate is what it finds in the whole.
So each key value of each join is a bucket: the papers holding it at `field` (the targets) and
those holding it at `path` (the papers whose records may look it up). A small bucket's papers
are put in one part (union-find); a wide one (every meeting of a committee) would chain the
corpus into one part, so its targets are given to each part whose home papers look it up, as
context. Every candidate of every join of a home record is then in its part. A paper's records
are all checked in one part, so the failures of a rule on a paper come in the same order.

The corpus is not cut (one part) when that argument does not hold: a join without a key (every
record of the kind is a candidate), a join inside another's `where` (evaluated on a context
record, whose own candidates may be missing), or a value that cannot be hashed.
"""
from __future__ import annotations

from dataclasses import dataclass

from govlint.engine.packs.facts import UNKEYED, join_key, join_of, paper_records
from govlint.engine.packs.model import Pack, RecordExists, subconditions
from govlint.engine.packs.reference import path_values
from govlint.engine.records.model import ParsedPaper

# A bucket of more papers than this is given as context rather than joined into one part: a
# case is a handful of documents, while a key that every meeting of a committee shares is not.
WIDE = 64


@dataclass(frozen=True)
class CorpusTask:
    """One part of a corpus: its home papers' positions in run order, and the papers themselves
    followed by its context papers."""

    home: tuple[int, ...]
    papers: tuple[ParsedPaper, ...]


def corpus_tasks(papers: list[ParsedPaper], packs: tuple[Pack, ...], count: int) -> list[CorpusTask]:
    """`papers` (linked, in run order) cut into at most `count` parts of about equal size."""
    whole = [CorpusTask(tuple(range(len(papers))), tuple(papers))]
    keys = _join_keys(packs)
    if count <= 1 or len(papers) <= 1 or keys is None:
        return whole
    buckets = _buckets(papers, keys)
    if buckets is None:
        return whole
    parents = list(range(len(papers)))

    def find(item: int) -> int:
        while parents[item] != item:
            parents[item] = parents[parents[item]]
            item = parents[item]
        return item

    wide = []
    for targets, lookups in buckets.values():
        members = sorted(targets | lookups)
        if len(members) > WIDE:
            wide.append((targets, lookups))
            continue
        for member in members[1:]:
            left, right = sorted((find(members[0]), find(member)))
            parents[right] = left
    groups: dict[int, list[int]] = {}
    for position in range(len(papers)):
        groups.setdefault(find(position), []).append(position)
    # Largest group first into the least loaded part (ties: the lower position), a fixed order.
    homes: list[list[int]] = [[] for _ in range(min(count, len(groups)))]
    loads = [0] * len(homes)
    for group in sorted(groups.values(), key=lambda members: (-len(members), members[0])):
        part = min(range(len(homes)), key=lambda index: (loads[index], index))
        homes[part] += group
        loads[part] += len(group)
    part_of = {position: part for part, home in enumerate(homes) for position in home}
    contexts: list[set[int]] = [set() for _ in homes]
    for targets, lookups in wide:
        for part in {part_of[position] for position in lookups}:
            contexts[part] |= targets
    tasks = []
    for home, context in zip(homes, contexts):
        home = sorted(home)
        looked_into = sorted(context - set(home))
        tasks.append(CorpusTask(tuple(home), tuple(papers[position] for position in home + looked_into)))
    return tasks


def _join_keys(packs: tuple[Pack, ...]) -> list[tuple[str, str, str]] | None:
    """(kind, field, outer path) of the key of every join of the packs' rules; None when one has
    no key or holds another join."""
    keys = set()
    for pack in packs:
        for rule in pack.rules:
            if not rule.enabled:
                continue
            for condition in [rule.when] + [case.when for case in rule.severity_cases if case.when]:
                for node in subconditions(condition):
                    if not isinstance(node, RecordExists):
                        continue
                    key = join_of(node.where)
                    if key is None or any(isinstance(inner, RecordExists) for inner in subconditions(node.where)):
                        return None
                    keys.add((node.kind, key.field, key.value.field))
    return sorted(keys)


def _buckets(papers: list[ParsedPaper], keys: list[tuple[str, str, str]]) -> dict[tuple, tuple[set[int], set[int]]] | None:
    """(kind, field, key value) -> (positions of the papers holding it at `field` in a record of
    the kind, positions of those holding it at the outer path); None for a value that cannot be hashed."""
    roots = tuple(sorted({path.split(".", 1)[0] for _, field, outer in keys for path in (field, outer)}))
    buckets: dict[tuple, tuple[set[int], set[int]]] = {}
    for position, paper in enumerate(papers):
        for record in paper_records(paper, roots):
            for kind, field, outer in keys:
                sides = [(outer, 1)] + ([(field, 0)] if record["kind"] == kind else [])
                for path, side in sides:
                    for value in path_values(record, path):
                        key = join_key(kind, field, value)
                        if key is UNKEYED:
                            return None
                        if key is not None:
                            buckets.setdefault((kind, field, key), (set(), set()))[side].add(position)
    return buckets
