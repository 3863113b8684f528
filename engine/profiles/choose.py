"""Which profile reads a paper: the one whose marks the paper shows most of near its start."""
from __future__ import annotations

from collections.abc import Sequence

from govlint.engine.profiles.model import Profile

# Marks are looked for in the opening lines: a bundle's later papers may quote another layout.
DETECT_LINES = 200
# One shared phrase is chance ("Divisions affected" is on many councils' forms); two are a family.
MIN_MARKS = 2


def choose_profile(texts: Sequence[str], profiles: Sequence[Profile], default: Profile) -> Profile:
    """The profile with most distinct detect phrases found in the first lines of `texts`, when
    it shows at least MIN_MARKS of them; else `default`. Ties go to the profile listed first."""
    head = "\n".join(texts[:DETECT_LINES])
    best, best_score = default, MIN_MARKS - 1
    for profile in profiles:
        if not profile.detect:
            continue
        score = len({" ".join(match.lower().split()) for match in profile.detect_pattern.findall(head)})
        if score > best_score:
            best, best_score = profile, score
    return best
