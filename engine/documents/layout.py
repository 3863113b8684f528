"""Shapes of a form's layout that both the document splitter and the field readers look for."""
from __future__ import annotations

import re

# The caption under a form's signature line ("signed        date"): a record ends there.
SIGNED_DATE = re.compile(r"^signed\s+date$", re.IGNORECASE)
# A dotted line to sign or fill in; no content.
DOTTED_LINE = re.compile(r"^[.\s…_]{5,}$")
# A rule drawn between entries of a record of several decisions.
RULE_LINE = re.compile(r"^[-=_.\s…]{5,}$")
