"""Calendar arithmetic on dates the way the access-to-information regulations count them.

A notice period of "28 clear days" (reg 9, reg 5) or "five clear days" (reg 10, reg 5's
second notice) leaves out both the day the notice is published and the day of the decision
or meeting (REQUIREMENTS 6.1). The rules' days_between and any reader that counts such days
count them here, so that they agree.
"""
from __future__ import annotations

from datetime import date


def days_between(start: date, end: date, clear: bool = False) -> int:
    """Days from `start` to `end`; with `clear`, only the whole days strictly between them."""
    return (end - start).days - (1 if clear else 0)


def clear_days(published: date, decided: date) -> int:
    """Whole days strictly between the notice and the decision: neither end day counts.

    reg 9 and reg 5's first notice want at least 28 (the decision on or after published + 29
    days); reg 10 and reg 5's second notice at least 5.
    """
    return days_between(published, decided, clear=True)

