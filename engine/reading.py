"""Paper files into `Paper`s: finding input files, decoding them, refusing bad ones.

A file that cannot be read raises `UnreadablePaper` with a one-line reason; callers report it
and go on with the other files.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from engine.lines import Paper, paper_from_text

TEXT_SUFFIXES = (".txt", ".md")
# A committee pack extracts to a few hundred kilobytes; a file far past that is almost
# certainly not a paper, and reading it whole would stall a CI gate.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class UnreadablePaper(Exception):
    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM), else Windows-1252, the usual encoding of Word exports."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes); expected extracted text")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError as error:
        raise ValueError(f"not text: byte 0x{data[error.start]:02x} at offset {error.start} is neither UTF-8 nor Windows-1252") from None


def read_paper(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Paper:
    name = str(path)
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            raise UnreadablePaper(name, f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit")
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise UnreadablePaper(name, f"cannot read: {error.strerror or error}") from None
    if not data.strip():
        raise UnreadablePaper(name, "empty file")
    try:
        decoded = decode(data)
    except ValueError as error:
        raise UnreadablePaper(name, str(error)) from None
    return paper_from_text(name, decoded.text)


def find_papers(paths: list[str], suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> tuple[list[str], list[UnreadablePaper]]:
    """Expand files and directories (recursively) into a sorted list of paper files.

    A named file is taken whatever its suffix; in directories only `suffixes` are read.
    A path that does not exist is returned as a problem, not raised.
    """
    found: set[str] = set()
    problems: list[UnreadablePaper] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for candidate in path.rglob("*"):
                if candidate.is_file() and candidate.suffix.lower() in suffixes:
                    found.add(str(candidate))
        elif path.exists():
            found.add(str(path))
        else:
            problems.append(UnreadablePaper(given, "no such file or directory"))
    return sorted(found), problems
