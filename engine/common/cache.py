"""Loaded packs and reader profiles kept between runs, keyed by the content of every file read.

Loading a pack or a profile means YAML, a JSON Schema validation and checks of every pattern
in it: about a third of a one-paper run, the same work on every run of a pre-commit hook for
files that rarely change. The loaded form is therefore kept in the user's cache directory and
used again while every file it was read from (the file and the files it extends) still has the
same content and govlint's own code is unchanged; an entry that fails any check is ignored and
written again.

The entries are pickles of govlint's own dataclasses. Unpickling runs code named in the data,
so an entry is only read from a directory that is the user's own and private (owned by the
user, not writable by group or others: only the user could have put a file there), under a
name that is a hash of what it was built from; pickle is used because the loaded forms are
deep trees of frozen dataclasses that a plain-data format would need a hand-written
converter for, kept in step with every model change. Entries are written to a temporary
file and renamed into place, so a reader never sees half of one.

GOVLINT_CACHE_DIR names the directory (default: $XDG_CACHE_HOME/govlint, ~/.cache/govlint);
an empty value turns the cache off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
ENVIRONMENT = "GOVLINT_CACHE_DIR"
_FORMAT = b"govlint-cache-1"
# Entries of files or code that changed are never read again: when one is written, those not
# written for this long are removed (one still in use is then only built once more).
_KEEP_SECONDS = 30 * 24 * 3600


def cache_dir() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    named = os.environ.get(ENVIRONMENT)
    if named is not None:
        return Path(named) if named else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base, "govlint", "Cache") if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "govlint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govlint"


def _private(directory: Path) -> bool:
    """Whether only this user can have written into `directory` (making it if need be)."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = directory.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):  # Windows: the per-user local application data folder
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """What identifies the code that builds and reads the entries: govlint's version and the
    size and modification time of each file of the engine, its modules and schemas (a checkout
    changes without a new version; Python invalidates its own bytecode on the same two facts)."""
    from govlint.engine import __version__

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    facts = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [name for name in subdirectories if name != "__pycache__"]
        for name in files:
            status = os.stat(os.path.join(directory, name))
            facts.append(f"{os.path.relpath(os.path.join(directory, name), root)} {status.st_size} {status.st_mtime_ns}")
    return hashlib.sha256("\n".join([__version__, sys.version, *sorted(facts)]).encode()).hexdigest()


def file_digest(path: str | os.PathLike) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def cached(kind: str, key: Iterable[str], build: Callable[[], tuple[T, Iterable[str] | None]]) -> T:
    """The value `build()` returns, kept under `kind` and `key` (what names the value: the
    reference it was asked for, the path it resolved to…) for as long as the content of every
    file it was read from is unchanged. `build` returns the value and the paths of those files,
    or None for them when the value must not be kept (it reports problems in the files); when
    it raises, nothing is kept either."""
    found = read_entry(kind, key)
    if found is not None:
        return found
    value, files = build()
    if files is not None:
        write_entry(kind, key, value, files)
    return value


def _entry(kind: str, key: Iterable[str]) -> tuple[Path, Path] | None:
    """(directory, entry) of the value kept under `kind` and `key`, or None when the cache is off."""
    directory = cache_dir()
    if directory is None:
        return None
    name = hashlib.sha256("\0".join([kind, code_fingerprint(), *key]).encode()).hexdigest()
    return directory, directory / f"{kind}-{name}.pickle"


def read_entry(kind: str, key: Iterable[str]):
    """The value kept under `kind` and `key` while each file it was read from is unchanged, or
    None (none kept, the cache off, or the entry not intact)."""
    place = _entry(kind, key)
    return _read(*place) if place else None


def write_entry(kind: str, key: Iterable[str], value, files: Iterable[str | os.PathLike] = ()) -> None:
    """Keep `value` under `kind` and `key` for as long as the content of each of `files` is unchanged."""
    place = _entry(kind, key)
    if place:
        _write(*place, value, [(str(path), file_digest(path)) for path in dict.fromkeys(map(str, files))])


def _read(directory: Path, entry: Path):
    """The entry's value when it is intact and each of its files still has its content; else None."""
    if not entry.is_file() or not _private(directory):
        return None
    try:
        with open(entry, "rb") as handle:
            if handle.readline().rstrip(b"\n") != _FORMAT:
                return None
            files, value = pickle.load(handle)
    except Exception:  # noqa: BLE001 - a corrupt or stale entry of any kind is rebuilt
        return None
    if any(file_digest(path) != digest for path, digest in files):
        return None
    return value


def _write(directory: Path, entry: Path, value, files: list[tuple[str, str | None]]) -> None:
    """Keep the entry; a cache that cannot be written only costs the next run its time."""
    if not _private(directory) or any(digest is None for _, digest in files):
        return
    import tempfile  # only when writing: most runs only read

    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as output:
                output.write(_FORMAT + b"\n")
                pickle.dump((files, value), output, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
    _prune(directory, entry)


def _prune(directory: Path, kept: Path) -> None:
    import time

    for old in directory.glob("*.pickle"):
        try:
            if old != kept and old.stat().st_mtime < time.time() - _KEEP_SECONDS:
                old.unlink()
        except OSError:
            continue  # removed by another run meanwhile
