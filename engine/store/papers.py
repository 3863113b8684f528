"""Papers read through the store: a paper whose bytes the same reader has read before is not read again.

A paper's records depend on its bytes, its kind (the file suffix picks the reader) and the
reader: govlint's version, the code of the reading stages and the shipped profiles. The first
two make the paper's content key, the last the reader digest; both are sha256 digests, so a
changed byte anywhere gives a new key and the paper is read afresh. The records are stored
without the path they were read from, so a paper moved or copied is still found.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

from govlint.engine.reading.files import UnreadablePaper, read_bytes
from govlint.engine.checking.record_files import paper_from_dict
from govlint.engine.records.model import ParsedPaper, to_dict
from govlint.engine.store.store import Store

# The packages whose code turns a paper's bytes into records; a change to any file in them
# invalidates every stored paper.
_READER_PACKAGES = ("common", "reading", "documents", "records", "extraction", "profiles", "schemas")


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
    store.save_papers(
        [(keys[index], to_dict(replace(paper, source=""))) for index, paper in parsed.items() if keys[index] and isinstance(paper, ParsedPaper)],
        digest,
    )
    return [parsed[index] if index in parsed else replace(paper_from_dict(stored[key]), source=name) for index, (name, key) in enumerate(zip(files, keys))]
