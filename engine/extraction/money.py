"""Sterling amounts in pounds, as committee papers print them.

"£1,566,700.16", "£4.7m", "£412m", "£21,000 per annum", "£2,032894.77" (a slipped comma
group: the digits are still the amount). PDF extraction breaks table cells inside a number
("£980,000." / "00"), so an amount left unfinished at a line end takes the bare digits that
start the next non-blank line. A figure after "more than" / "in excess of" / "exceeds" is a
threshold (the £1m of the key-decision test), not an amount, and is skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from govlint.engine.reading.lines import Line

_AMOUNT = re.compile(
    r"£\s?(?P<number>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<unit>bn|billion|m|million|k)\b)?",
    re.IGNORECASE,
)
_UNITS = {"k": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
# The number stops at a line end before its last comma group or its pence are complete.
_UNFINISHED = re.compile(r"£\s?\d[\d,]*(?:\.|\.\d|,\d{0,2})$")
_CONTINUATION = re.compile(r"^\d[\d,]*(?:\.\d*)?$")
_THRESHOLD_BEFORE = re.compile(
    r"(?:more\s+than|in\s+excess\s+of|exceed(?:s|ing)?|over|above|threshold\s+of)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Amount:
    pounds: float
    line: int
    end_line: int
    text: str


def pounds(number: str, unit: str | None = None) -> float:
    """'1,566,700.16' → 1566700.16; ('4.7', 'm') → 4700000.0 (exact to the penny)."""
    value = Decimal(number.replace(",", "").rstrip("."))
    if unit:
        value *= _UNITS[unit.lower()]
    return float(value.quantize(Decimal("0.01")))


def parse_amount(text: str) -> float | None:
    """The first amount in `text`, thresholds included; None when there is no £ figure."""
    match = _AMOUNT.search(text)
    return pounds(match["number"], match["unit"]) if match else None


def _joined(lines: Sequence[Line], index: int) -> tuple[str, int]:
    """Line `index`'s text with a number broken at its end mended; and the last line used."""
    text = lines[index].text
    if not _UNFINISHED.search(text):
        return text, index
    for later in range(index + 1, len(lines)):
        fragment = lines[later].text
        if fragment:
            return (text + fragment, later) if _CONTINUATION.match(fragment) else (text, index)
    return text, index


def amounts_in(lines: Sequence[Line]) -> list[Amount]:
    """Every amount in the lines, in reading order, thresholds left out."""
    found: list[Amount] = []
    index = 0
    while index < len(lines):
        text, last = _joined(lines, index)
        for match in _AMOUNT.finditer(text):
            if _THRESHOLD_BEFORE.search(text[: match.start()]):
                continue
            quoted = " ".join(line.raw.strip() for line in lines[index : last + 1])
            found.append(Amount(pounds(match["number"], match["unit"]), lines[index].number, lines[last].number, quoted))
        index = last + 1
    return found


def distinct_pounds(amounts: Sequence[Amount]) -> list[float]:
    """Each value once, in order of first appearance."""
    return list(dict.fromkeys(amount.pounds for amount in amounts))
