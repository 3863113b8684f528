"""One uploaded draft checked the way `govlint check` checks a file, without touching the disk.

The reader reads papers from files, with every hostile-input limit applied on the way
(engine/reading/files.py). Rather than a second way of reading, the upload is put in an
anonymous in-memory file (memfd_create: no name in any file system, gone when closed) and read
through its /proc/self/fd path by the same `parse_file` the command uses; the parsed paper then
takes the upload's name, and `checked_papers` (checks/shared.py) gives the findings, so the page
and `govlint check` cannot differ.
"""
from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass, replace

from govlint.engine.common.errors import GovlintError
from govlint.engine.common.limits import size_text

KINDS = {"zip": "Word", "pdf": "PDF", "text": "text", "doc": "Word 97-2003"}
_UNSAFE_NAME = re.compile(r"[^\w .()+-]")


class UploadRefused(GovlintError):
    """An upload that cannot be checked, with the one message the author sees."""


@dataclass(frozen=True)
class Download:
    label: str
    filename: str
    media_type: str
    data: bytes

    @property
    def href(self) -> str:
        """A data: address, so the page carries its downloads and the server keeps nothing after it."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class CheckedDraft:
    name: str
    kind: str
    result: object  # CheckResult
    downloads: tuple[Download, ...]


def draft_name(filename: str | None) -> str:
    """The upload's file name as a paper's source: its last part, without anything a path,
    a terminal or a download name would take for more than text."""
    base = re.split(r"[\\/]", filename or "")[-1]
    cleaned = _UNSAFE_NAME.sub("_", base).strip(" .")[:100]
    return cleaned or "draft"


def kind_of(data: bytes) -> str:
    from govlint.engine.reading.files import sniff

    return KINDS[sniff(data)]


def check_draft(filename: str | None, data: bytes, settings) -> CheckedDraft:
    """The findings on one uploaded draft and its downloads; UploadRefused when it cannot be checked."""
    name = draft_name(filename)
    if not data.strip():
        raise UploadRefused("The file is empty. Choose the saved draft and upload it again.")
    if len(data) > settings.max_bytes:
        raise UploadRefused(f"The file is {size_text(len(data))}, over the {size_text(settings.max_bytes)} limit for a draft.")
    parsed = _parse(data, settings.max_bytes, settings.profile)
    from govlint.checks.shared import checked_papers

    result = checked_papers([replace(parsed, source=name)], settings.config, settings.packs, settings.today)
    return CheckedDraft(name, kind_of(data), result, _downloads(name, data, result))


def _parse(data: bytes, max_bytes: int, profile: str | None):
    from govlint.engine.checking.batch import parse_file

    fd = os.memfd_create("govlint-draft", os.MFD_CLOEXEC)
    try:
        with os.fdopen(os.dup(fd), "wb") as handle:
            handle.write(data)
        path = f"/proc/self/fd/{fd}"
        parsed = parse_file(path, max_bytes, profile)
    finally:
        os.close(fd)
    if isinstance(parsed, str):
        reason = parsed.removeprefix(f"{path}: ").rstrip(".")
        raise UploadRefused(f"This draft cannot be checked: {reason}.")
    return parsed


def _downloads(name: str, data: bytes, result) -> tuple[Download, ...]:
    from govlint.checks.formatters import FINDINGS_FORMATS
    from govlint.checks.formatters.docx_comments import annotate

    stem = name.rsplit(".", 1)[0] if "." in name else name
    downloads = []
    if kind_of(data) == "Word":
        copy = annotate(data, list(result.findings))
        downloads.append(Download("The draft with a comment on each finding (Word)", f"{stem}-reviewed.docx",
                                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document", copy))
    for label, fmt, suffix, media_type in (
        ("Findings as JSON", "json", "json", "application/json"),
        ("Findings as SARIF (for code review tools)", "sarif", "sarif", "application/sarif+json"),
        ("Summary as Markdown", "markdown", "md", "text/markdown"),
    ):
        downloads.append(Download(label, f"{stem}-findings.{suffix}", media_type, FINDINGS_FORMATS[fmt](result).encode("utf-8")))
    return tuple(downloads)
