"""Words that print broke apart, put back together with the paper's own vocabulary.

A PDF extractor splits a word where the print spaces it: a drop capital or an initial set in
a larger font ("D eclarations of Interest") and a letter-spaced heading ("D E C L A R A T I O N S").
Shape alone cannot tell "D eclarations" from "D is" or a list of options "A B C D", so a
split is mended only when the paper itself vouches for the result:

- a capital standing alone before a lower-case fragment is joined to it when the fragment
  is not a word the paper uses elsewhere and the joined word is ("A" and "I" are words, and
  never joined);
- a run of four or more single letters is joined when the joined run is a word of the paper,
  or splits wholly into words of the paper ("DECLARATIONSOFINTEREST" -> "DECLARATIONS OF
  INTEREST", read longest word first).

The vocabulary is built only for a paper where a candidate shows, so the usual paper pays one
scan of its text.
"""
from __future__ import annotations

import re
from collections import Counter

_DROP_CAP = re.compile(r"(?<![A-Za-z0-9'’])([B-HJ-Z]) ([a-z]{2,})")
_SPACED = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z] ){3,}[A-Za-z](?![A-Za-z0-9])")
_WORD = re.compile(r"[A-Za-z]+")
_LONGEST_WORD = 30


def rejoin_split_words(texts: list[str]) -> list[str]:
    """`texts` (a paper's lines in reading order) with split words joined where the paper vouches for them."""
    content = "\n".join(texts)
    drop_caps = [match.group(2) for match in _DROP_CAP.finditer(content)]
    if not drop_caps and _SPACED.search(content) is None:
        return texts
    words = Counter(word.lower() for word in _WORD.findall(content))
    # A fragment seen only behind a lone capital is not evidence of itself being a word.
    fragments = Counter(fragment.lower() for fragment in drop_caps)
    known = {word for word, count in words.items() if count > fragments[word]}

    def drop_cap(match: re.Match) -> str:
        letter, fragment = match.groups()
        joined = letter + fragment
        return joined if fragment not in known and joined.lower() in known else match.group()

    def spaced(match: re.Match) -> str:
        letters = match.group().replace(" ", "")
        if letters.lower() in known:
            return letters
        split = _segment(letters, known)
        return " ".join(split) if split else match.group()

    return [_SPACED.sub(spaced, _DROP_CAP.sub(drop_cap, text)) if text else text for text in texts]


def _segment(letters: str, known: set[str]) -> list[str] | None:
    """`letters` cut into words of `known` (two letters or more), longest first; None if they do not divide."""
    words: list[str] = []
    start = 0
    while start < len(letters):
        for end in range(min(len(letters), start + _LONGEST_WORD), start + 1, -1):
            if letters[start:end].lower() in known:
                words.append(letters[start:end])
                start = end
                break
        else:
            return None
    return words
