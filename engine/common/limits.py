"""How much one input may cost: the limits that keep a run bounded in time and memory.

govlint reads what other people wrote: papers in a pull request, packs under review, uploads.
Every input is held to these limits; one that is over a limit is refused with a reason that
names the limit and how to raise it, and the run goes on with the other inputs.

The limits are set by whoever runs govlint, through the environment (`GOVLINT_MAX_...`),
never by the input itself: a config file or a pack in the repository being checked is input
too. Worker processes (`--jobs`) inherit the environment, so every process sees the same
limits. docs/security.md lists them.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    name: str  # as the refusal calls it
    variable: str  # the environment variable that sets it
    default: float
    unit: str  # "MB", "characters", "levels", "seconds", …

    @property
    def value(self) -> float:
        """The value in force: the environment's when it sets a usable one, else the default."""
        given = os.environ.get(self.variable)
        try:
            number = float(given) if given else self.default
        except ValueError:
            return self.default
        return number if number > 0 else self.default

    @property
    def bytes(self) -> int:
        """A size limit given in MB, as a byte count."""
        return int(self.value * _MB)

    @property
    def count(self) -> int:
        return int(self.value)

    def refusal(self, what: str) -> str:
        """`what` (e.g. "line 12 is 130,000 characters") as a refusal naming this limit."""
        return f"{what}, over the {_number(self.value)} {self.unit} limit on {self.name} (raise it with {self.variable}=N)"


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# Paper files. A committee pack extracts to a few hundred kilobytes; a file far past that is
# almost certainly not a paper, and reading it whole would stall a CI gate.
FILE_SIZE = Limit("the size of a paper or record file", "GOVLINT_MAX_FILE_MB", 20, "MB")
# A .docx is a zip: its parts are checked, as declared and as actually inflated, before
# python-docx expands anything. A long report's document.xml is a few MB.
DOCX_MEMBER_SIZE = Limit("the expanded size of a part of a Word file", "GOVLINT_MAX_DOCX_PART_MB", 64, "MB")
DOCX_TOTAL_SIZE = Limit("the expanded size of a Word file", "GOVLINT_MAX_DOCX_MB", 256, "MB")
DOCX_MEMBERS = Limit("the parts of a Word file", "GOVLINT_MAX_DOCX_PARTS", 10_000, "parts")
# A PDF content stream inflates to some kilobytes per page; a scanned page image to a few MB.
PDF_STREAM_SIZE = Limit("the decompressed size of a PDF stream", "GOVLINT_MAX_PDF_STREAM_MB", 64, "MB")
PDF_PAGES = Limit("the pages of a PDF", "GOVLINT_MAX_PDF_PAGES", 2_000, "pages")
# Real lines are a paragraph at most; a run of a hundred thousand characters is not prose.
LINE_LENGTH = Limit("the length of a line", "GOVLINT_MAX_LINE_CHARS", 100_000, "characters")
# Packs, the config, baselines and record files: real ones nest a dozen levels.
NESTING = Limit("the nesting depth of YAML and JSON", "GOVLINT_MAX_NESTING", 100, "levels")
# Packs, configs and baselines are read whole, like papers, and are held to a size too.
SETTINGS_FILE_SIZE = Limit("the size of a pack, config or baseline", "GOVLINT_MAX_SETTINGS_FILE_MB", 20, "MB")
# A pack's `matches` pattern: per value, and summed over one paper's records.
REGEX_MATCH_TIME = Limit("the time of one pattern match", "GOVLINT_MAX_REGEX_SECONDS", 0.25, "seconds")
REGEX_PAPER_TIME = Limit("the pattern-matching time of one paper", "GOVLINT_MAX_REGEX_PAPER_SECONDS", 2, "seconds")
# Nested counted repeats multiply: (?:(?:a{1000}){1000}){1000} compiles to a billion steps.
REGEX_REPEAT = Limit("the repeat count of a pattern", "GOVLINT_MAX_REGEX_REPEAT", 10_000, "repeats")
PATTERN_LENGTH = Limit("the length of a pattern", "GOVLINT_MAX_PATTERN_CHARS", 1_000, "characters")
# A finding's message is read by a person; a field width in a template must not make it a gigabyte.
MESSAGE_LENGTH = Limit("the length of a finding's message", "GOVLINT_MAX_MESSAGE_CHARS", 2_000, "characters")
FORMAT_WIDTH = Limit("the width and precision in a message template", "GOVLINT_MAX_FORMAT_WIDTH", 100, "characters")

ALL = (
    FILE_SIZE, DOCX_MEMBER_SIZE, DOCX_TOTAL_SIZE, DOCX_MEMBERS, PDF_STREAM_SIZE, PDF_PAGES, LINE_LENGTH, NESTING,
    SETTINGS_FILE_SIZE, REGEX_MATCH_TIME, REGEX_PAPER_TIME, REGEX_REPEAT, PATTERN_LENGTH, MESSAGE_LENGTH, FORMAT_WIDTH,
)


class Refused(ValueError):
    """An input refused before or while reading it; the message says why (a limit, not a file)."""


def size_text(count: int) -> str:
    for unit, scale in (("MB", _MB), ("kB", 1024)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"


def read_regular_file(name: str, max_bytes: int, limit: Limit = FILE_SIZE) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, else Refused with the reason.

    stat comes before open: opening a FIFO would block for ever and a device (/dev/zero)
    never ends, so only regular files are read, and never past the limit.
    """
    try:
        info = os.stat(name)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not a regular file")
        if info.st_size > max_bytes:
            raise Refused(_over(limit, f"the file is {size_text(info.st_size)}", max_bytes))
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise Refused(f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise Refused(_over(limit, "the file grew while being read", max_bytes))
    return data


def _over(limit: Limit, what: str, max_bytes: int) -> str:
    # The limit in force may come from an option (--max-file-size) rather than the environment.
    if max_bytes == limit.bytes:
        return limit.refusal(what)
    return f"{what}, over the {size_text(max_bytes)} limit on {limit.name}"


def depth_of(data) -> int:
    """How deeply lists and mappings nest in JSON-like data, found without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            stack.extend((item, depth + 1) for item in value)
    return deepest


def display_name(name: str) -> str:
    """A file name as text any output can hold: bytes that were not UTF-8 written as \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace") if _has_surrogates(name) else name


def _has_surrogates(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
