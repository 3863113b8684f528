"""Positions in the YAML files govlint reads (packs, reader profiles, config), for messages."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where something was defined in a YAML file (pack, profile, config), for error messages and `rules show`."""

    path: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"
