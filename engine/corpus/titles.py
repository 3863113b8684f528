"""Decision titles as token sets, and the pairs of distinct titles close enough to be one decision.

Titles of one decision differ between its documents: "Decision to transfer the 18-25 section
of the Strengthening Independence Service" on the PROD, "Transfer the 18-25 section …" on the
report, capitals on one and not the other, "Services" against "Service". Two titles are close
when the smaller token set is nearly contained in the larger (the overlap coefficient), which
forgives words one document adds around the matter.

Candidate pairs come from prefix filtering, not from comparing every pair: if a set of m
tokens shares at least ceil(t * m) of them with another, one of its m - ceil(t * m) + 1 rarest
tokens is shared, so a set is compared only with the sets that hold one of those. A word held by
more than MAX_HOLDERS titles is not looked up: a title whose rarest words are that common
("Contract Award", "Budget Monitoring Report") says too little to be told from the others.
"""
from __future__ import annotations

import math
import re
import unicodedata

# Words every title may carry that say nothing of its matter.
_STOPWORDS = frozenset(
    "a an and as at by for from in into of on or the to with decision decisions proposed record report key".split()
)
_WORD = re.compile(r"[a-z0-9]+")
# The fewest tokens a title needs to be linked by at all: "Leader" or "Budget" alone says too
# little of which decision it is.
MIN_TOKENS = 2
# Overlap of the smaller token set with the larger for two titles to name one decision.
CLOSE = 0.8
# The most titles a word may be in and still be looked up (keeps linking linear in the titles).
MAX_HOLDERS = 64


def tokens(title: str | None) -> frozenset[str]:
    """The words of a title that name its matter: case, accents and punctuation gone, a plural -s dropped."""
    if not title:
        return frozenset()
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = (_singular(word) for word in _WORD.findall(text))
    return frozenset(word for word in words if word not in _STOPWORDS)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def overlap(left: frozenset[str], right: frozenset[str]) -> float:
    return len(left & right) / min(len(left), len(right))


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    return len(left & right) / len(left | right)


def close_pairs(sets: list[frozenset[str]]) -> list[tuple[int, int]]:
    """(i, j), i < j, for every two of `sets` (distinct, each of MIN_TOKENS or more) whose overlap is CLOSE or more."""
    frequency: dict[str, int] = {}
    for words in sets:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    holders: dict[str, list[int]] = {}
    for index, words in enumerate(sets):
        for word in words:
            holders.setdefault(word, []).append(index)
    pairs = set()
    for index, words in enumerate(sets):
        rarest = sorted(words, key=lambda word: (frequency[word], word))
        needed = math.ceil(CLOSE * len(words))
        for word in rarest[: len(words) - needed + 1]:
            if frequency[word] > MAX_HOLDERS:
                break
            for other in holders[word]:
                # The smaller set looks up the larger; sets of one size look each other up.
                if other != index and len(sets[other]) >= len(words) and len(words & sets[other]) >= needed:
                    pairs.add((min(index, other), max(index, other)))
    return sorted(pairs)
