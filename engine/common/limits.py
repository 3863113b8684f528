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

import json
import os
import re
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
# Nested counted repeats multiply: (?:(?:a{1000}){1000}){1000} compiles to a billion steps
# and takes gigabytes before it could ever time out.
PATTERN_SIZE = Limit("the size of a pattern with its repeats written out", "GOVLINT_MAX_PATTERN_SIZE", 10_000, "items")
PATTERN_LENGTH = Limit("the length of a pattern", "GOVLINT_MAX_PATTERN_CHARS", 1_000, "characters")
# A finding's message is read by a person; a field width in a template must not make it a gigabyte.
MESSAGE_LENGTH = Limit("the length of a finding's message", "GOVLINT_MAX_MESSAGE_CHARS", 2_000, "characters")
FORMAT_WIDTH = Limit("the width and precision in a message template", "GOVLINT_MAX_FORMAT_WIDTH", 100, "characters")

ALL = (
    FILE_SIZE, DOCX_MEMBER_SIZE, DOCX_TOTAL_SIZE, DOCX_MEMBERS, PDF_STREAM_SIZE, PDF_PAGES, LINE_LENGTH, NESTING,
    SETTINGS_FILE_SIZE, REGEX_MATCH_TIME, REGEX_PAPER_TIME, PATTERN_SIZE, PATTERN_LENGTH, MESSAGE_LENGTH, FORMAT_WIDTH,
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


_COUNTED = re.compile(r"\{(\d*)(?:,(\d*))?\}")
# Escapes whose argument is in braces or angle brackets (\p{L}, \N{...}, \x{41}, \g<name>).
_BRACED_ESCAPES = "pPNxuUgk"


def pattern_problem(pattern: str) -> str | None:
    """Why a pack's pattern is refused before it is compiled, or None.

    Compiling writes counted repeats out, so nested ones multiply; the `regex` package would
    take gigabytes for a short pattern before any time limit on matching could apply.
    """
    if len(pattern) > PATTERN_LENGTH.count:
        return PATTERN_LENGTH.refusal(f"the pattern is {len(pattern):,} characters")
    size = pattern_size(pattern)
    if size > PATTERN_SIZE.count:
        return PATTERN_SIZE.refusal(f"the pattern's repeats multiply out to {size:,} items")
    return None


def pattern_size(pattern: str) -> int:
    """The items a pattern compiles to, each counted repeat {m,n} multiplying what it repeats."""
    sums = [0]  # running size of each open group, outermost first
    last = 0  # size of the item a quantifier would repeat
    i = 0
    while i < len(pattern):
        char = pattern[i]
        step = 1
        if char == "\\":
            step = 2
            if pattern[i + 1 : i + 2] in tuple(_BRACED_ESCAPES) and pattern[i + 2 : i + 3] in ("{", "<"):
                close = pattern.find("}" if pattern[i + 2] == "{" else ">", i + 3)
                step = (close if close >= 0 else len(pattern)) - i + 1
        elif char == "[":
            step = _class_length(pattern, i)
        elif char == "(":
            sums.append(0)
            i += 1
            continue
        elif char == ")" and len(sums) > 1:
            last = max(sums.pop(), 1)
            sums[-1] += last
            i += 1
            continue
        elif char == "{" and (counted := _COUNTED.match(pattern, i)) and (counted.group(1) or counted.group(2)):
            count = max(int(counted.group(1) or 0), int(counted.group(2) or 0))
            sums[-1] += last * (count - 1)
            last *= count
            i = counted.end()
            continue
        elif char in "*+?|":
            i += 1
            continue
        last = 1
        sums[-1] += 1
        i += step
    return sum(sums)


def _class_length(pattern: str, start: int) -> int:
    """The length of the character class opening at `start` ("[^]a-z\\]]" included)."""
    j = start + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1 - start


# The width and precision of a format spec ([[fill]align][sign][z][#][0][width][,_][.precision][type]).
_FORMAT_NUMBERS = re.compile(r"(?s:.?[<>=^])?[-+ ]?z?#?0?(\d*)[,_]?(?:\.(\d*))?")


def format_width(spec: str) -> int:
    """The larger of a format spec's width and precision (0 when it gives neither)."""
    return max((int(number) for number in _FORMAT_NUMBERS.match(spec).groups() if number), default=0)


def load_json(text: str):
    """JSON `text` as data, refused (Refused) when it nests past the NESTING limit."""
    try:
        data = json.loads(text)
    except RecursionError:  # the parser's own guard, far past the limit
        data = None
        deep = True
    else:
        deep = depth_of(data) > NESTING.count
    if deep:
        raise Refused(NESTING.refusal("lists and objects nest too deeply"))
    return data


def nesting_problem(text: str) -> tuple[int, str] | None:
    """(line, message) when YAML `text` nests past the NESTING limit, found from the parser's
    events before anything is composed: both composers and the converter below recurse once
    per level, and a file of ten thousand nested lists would exhaust Python's stack."""
    import yaml  # only when a YAML file is read (see yaml_positions._compose)

    depth = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > NESTING.count:
                    return event.start_mark.line + 1, NESTING.refusal("lists and mappings nest too deeply")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # libyaml's own cap on nesting (1000 levels) is far past ours; any other error is
        # left for the composer, whose messages say more. Up to it, nesting was within the limit.
        if "nesting depth" in str(error.problem):
            mark = error.problem_mark
            return (mark.line + 1 if mark else 1), NESTING.refusal("lists and mappings nest too deeply")
    except yaml.YAMLError:
        pass
    return None


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
