"""Names that stand for either something shipped with govlint or a file of the user's."""
from __future__ import annotations

import os


def names_a_file(reference: str) -> bool:
    """Whether `reference` (a pack or profile named in a config or on the command line) is a
    path to a file rather than the name of one govlint ships."""
    return reference.endswith((".yaml", ".yml")) or "/" in reference or os.sep in reference
