"""Words that print broke apart, put back together with the paper's own vocabulary.

A PDF extractor splits a word where the print spaces it: a drop capital or an initial set in
a larger font ("D eclarations of Interest") and a letter-spaced heading ("D E C L A R A T I O N S").
Shape alone cannot tell "D eclarations" from "D is" or a list of options "A B C D", so a
split is mended only when the paper itself vouches for the result:

- a capital standing alone at the start of a line (or after its item number, "284. D
  eclarations") before a lower-case fragment is joined to it when the fragment is not a word
  the paper uses elsewhere and the joined word is ("A" and "I" are words, and never joined);
- a run of four or more single letters starting a line (or after its item number) is
  joined when the joined run is a word of the paper,
  or splits wholly into words of the paper ("DECLARATIONSOFINTEREST" -> "DECLARATIONS OF
  INTEREST", read longest word first).

The vocabulary is built only for a paper where a candidate shows, so the usual paper pays a
look at the first characters of each line.
"""
from __future__ import annotations

import re
from collections import Counter

# A split at the start of a line, after an optional item number: a drop capital (group 2,
# fragment group 3) or a run of four or more single letters (group 4).
_SPLIT_START = re.compile(r"(\d{1,4}[.)]? )?(?:([B-HJ-Z]) ([a-z]{2,})(?![A-Za-z0-9])|((?:[A-Za-z] ){3,}[A-Za-z])(?![A-Za-z0-9]))")
_WORD = re.compile(r"[A-Za-z]+")
_DIGITS = "0123456789"
_LONGEST_WORD = 30


def rejoin_split_words(texts: list[str]) -> list[str]:
    """`texts` (a paper's lines in reading order) with split words joined where the paper vouches for them."""
    # The cheap test on every line: a split starts the line, or follows the line's item number.
    splits = {
        index: match
        for index, text in enumerate(texts)
        if len(text) > 1 and (text[1] == " " or text[0] in _DIGITS) and (match := _SPLIT_START.match(text))
    }
    if not splits:
        return texts
    words = Counter(word.lower() for word in _WORD.findall("\n".join(texts)))
    # A fragment seen only behind a lone capital is not evidence of itself being a word.
    fragments = Counter(match.group(3).lower() for match in splits.values() if match.group(3))
    known = {word for word, count in words.items() if count > fragments[word]}
    mended = list(texts)
    for index, match in splits.items():
        number, letter, fragment, spaced = match.groups()
        if spaced is not None:
            joined = _spaced_words(spaced.replace(" ", ""), known)
        else:
            joined = letter + fragment if fragment not in known and (letter + fragment).lower() in known else None
        if joined is not None:
            mended[index] = (number or "") + joined + texts[index][match.end():]
    return mended


def _spaced_words(letters: str, known: set[str]) -> str | None:
    """The letters of a letter-spaced run as the word, or words, of the paper they spell; None if they spell none."""
    if letters.lower() in known:
        return letters
    split = _segment(letters, known)
    return " ".join(split) if split else None


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
