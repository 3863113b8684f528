"""Meetings read from minutes: committee, date, who was present, declarations, decisions."""
from __future__ import annotations

from engine.lines import Paper
from engine.records import Document, Meeting


def extract_meetings(paper: Paper, documents: list[Document]) -> list[Meeting]:
    raise NotImplementedError
