"""Tick boxes in Word exports: only the ticked option of a box list counts.

A form exported from Word prints a choice as options each behind a box, "☒ Expenditure over
£750,000  ☐ Two or more divisions" (python-docx and pandoc give the glyphs; plain-text
templates write "[x]" and "[ ]"; some use a tick). An option runs from its box to the next
box or the end of the cell. `ticked_only` keeps the text before the first box and the ticked
options, without their boxes and parted by "; ": an unticked option is printed form, not content, and read as
content it would state every criterion the form offers. The raw line keeps everything.
"""
from __future__ import annotations

import re

_TICKED = frozenset(("☒", "☑", "✓", "✔", "[x]", "[X]", "[✓]", "[✔]"))
_BOX = re.compile(r"[☐☒☑✓✔□]|\[[ xX✓✔]?\]")


def has_boxes(text: str) -> bool:
    # Every line comes here: an ASCII line can only hold "[x]" boxes, and most have no "[".
    if text.isascii() and "[" not in text:
        return False
    return _BOX.search(text) is not None


def ticked_only(text: str) -> str:
    """`text` with its unticked options and every box glyph taken out."""
    if not has_boxes(text):
        return text
    pieces = _BOX.split(text)
    boxes = _BOX.findall(text)
    options = [" ".join(option.split()) for box, option in zip(boxes, pieces[1:]) if box in _TICKED]
    return " ".join(filter(None, (" ".join(pieces[0].split()), "; ".join(filter(None, options)))))
