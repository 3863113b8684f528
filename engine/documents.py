"""Splitting a paper bundle into its logical documents (agenda, minutes, reports, records…)."""
from __future__ import annotations

from engine.lines import Paper
from engine.records import Document


def split_documents(paper: Paper) -> list[Document]:
    raise NotImplementedError
