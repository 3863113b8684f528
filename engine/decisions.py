"""Decision records read from committee reports, PRODs and RoDs."""
from __future__ import annotations

from engine.lines import Paper
from engine.records import Decision, Document


def extract_decisions(paper: Paper, documents: list[Document]) -> list[Decision]:
    raise NotImplementedError
