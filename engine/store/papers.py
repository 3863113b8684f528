"""Papers read through the store: a paper whose bytes the same reader has read before is not read again.

A paper's records depend on its bytes, its kind (the file suffix picks the reader) and the
reader: govlint's version, the code of the reading stages and the shipped profiles. The first
two make the paper's content key, the last the reader digest; both are sha256 digests, so a
changed byte anywhere gives a new key and the paper is read afresh. The records are stored
without the path they were read from, so a paper moved or copied is still found.
"""
from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from govlint.engine.reading.files import UnreadablePaper, read_bytes
from govlint.engine.checking.record_files import paper_from_dict
from govlint.engine.records.model import ParsedPaper, to_dict
from govlint.engine.store.store import Store

if TYPE_CHECKING:  # the rule engine is imported only by runs that check
    from govlint.engine.checking.run import PaperCheck, RunPlan

# The packages whose code turns a paper's bytes into records; a change to any file in them
# invalidates every stored paper.
_READER_PACKAGES = ("common", "reading", "documents", "records", "extraction", "profiles", "schemas")
# Papers looked up in the store at once: one query, and the most stored records held before
# they are checked (or read records before they are stored).
LOOKUP = 512


@cache
def reader_digest(profile: str | None = None) -> str:
    """The reader's digest; `profile`: the reader profile every paper is read with (a name or a
    file, as --profile takes it; None: each paper's own, among the shipped ones)."""
    from govlint.engine import __version__

    engine = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(__version__.encode("utf-8"))
    for package in _READER_PACKAGES:
        for path in sorted((engine / package).rglob("*")):
            if path.suffix in (".py", ".yaml", ".json") and path.is_file():
                digest.update(f"\0{path.relative_to(engine).as_posix()}\0".encode("utf-8"))
                digest.update(path.read_bytes())
    if profile:
        from govlint.engine.profiles.loader import named_profile

        # The profile as loaded (its `extends` resolved): a profile file of one's own counts by content.
        digest.update(b"\0profile\0" + repr(named_profile(profile)).encode("utf-8"))
    return digest.hexdigest()


def content_key(name: str, max_bytes: int) -> str | None:
    """The paper's content key, or None when its bytes cannot be read (the reader says why)."""
    try:
        data = read_bytes(name, max_bytes)
    except UnreadablePaper:
        return None
    return f"{hashlib.sha256(data).hexdigest()}:{os.path.splitext(name)[1].lower()}"


def paper_blob(paper: ParsedPaper) -> bytes:
    """The paper's records as the store keeps them: zlib-compressed JSON, without the path they were read from."""
    return zlib.compress(json.dumps(to_dict(replace(paper, source="")), separators=(",", ":")).encode("utf-8"))


def paper_from_blob(blob: bytes, name: str) -> ParsedPaper:
    """The paper `paper_blob` kept, as read from `name`."""
    return replace(paper_from_dict(json.loads(zlib.decompress(blob))), source=name)


def parse_through_store(
    store: Store,
    files: list[str],
    keys: list[str | None],
    parse: Callable[[list[str]], list[ParsedPaper | str]],
    profile: str | None = None,
) -> list[ParsedPaper | str]:
    """What `parse(files)` gives, in file order, with the papers the store holds (by their
    content `keys`, read with `profile`) taken from it and only the others parsed, then stored."""
    digest = reader_digest(profile)
    stored = store.stored_papers([key for key in keys if key], digest)
    missing = [index for index, key in enumerate(keys) if key not in stored]
    parsed = dict(zip(missing, parse([files[index] for index in missing])))
    store.save_papers([(keys[index], paper_blob(paper)) for index, paper in parsed.items() if keys[index] and isinstance(paper, ParsedPaper)], digest)
    return [parsed[index] if index in parsed else paper_from_blob(stored[key], name) for index, (name, key) in enumerate(zip(files, keys))]


def check_chunk_through_store(items: list[tuple[str, str | None, bytes | None]], plan: RunPlan, max_bytes: int, profile: str | None) -> list[tuple]:
    """One task of `check_through_store`: each (name, content key, stored records or None) paper
    taken from its records or read, then checked alone (engine.checking.run.check_paper); gives
    (name, key, the records to store of a paper read or None, its PaperCheck or the message
    saying why it could not be read)."""
    from govlint.engine.checking import batch
    from govlint.engine.checking.run import check_paper

    results = []
    for name, key, blob in items:
        if blob is not None:
            results.append((name, key, None, check_paper(paper_from_blob(blob, name), plan)))
            continue
        parsed = batch.parse_file(name, max_bytes, profile)
        if isinstance(parsed, str):
            results.append((name, key, None, parsed))
        else:
            results.append((name, key, paper_blob(parsed) if key else None, check_paper(parsed, plan)))
    return results


def check_through_store(
    store: Store,
    files: list[str],
    keys: Callable[[list[str]], list[str | None]],
    in_order: Callable[[Callable, Iterator[list]], Iterator[list]],
    profile: str | None = None,
) -> Iterator[tuple[str, PaperCheck | str]]:
    """Each of `files` checked alone, in file order, as (name, PaperCheck or message), with the
    papers the store holds (by their content `keys(names)`, read with `profile`) taken from it
    and only the others read, then stored. Streamed: the store is asked for `LOOKUP` papers at
    a time, as `in_order(task, chunks)` (engine.checking.batch.in_order or a cluster's) draws
    tasks of a few papers (as local processes take them), and the records read are stored `LOOKUP` at a time, so a bounded
    number of papers is held whatever the corpus's size."""
    from govlint.engine.checking.batch import _CHUNK

    digest = reader_digest(profile)

    def tasks() -> Iterator[list]:
        for start in range(0, len(files), LOOKUP):
            names = files[start : start + LOOKUP]
            named_keys = keys(names)
            stored = store.stored_papers([key for key in named_keys if key], digest)
            items = [(name, key, stored.get(key)) for name, key in zip(names, named_keys)]
            yield from (items[at : at + _CHUNK] for at in range(0, len(items), _CHUNK))

    read: list[tuple[str, bytes]] = []
    for results in in_order(check_chunk_through_store, tasks()):
        for name, key, blob, result in results:
            if blob is not None:
                read.append((key, blob))
            yield name, result
        if len(read) >= LOOKUP:
            store.save_papers(read, digest)
            read = []
    store.save_papers(read, digest)
