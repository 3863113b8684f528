"""`govlint check DRAFT.docx --annotate COPY.docx`: the findings as Word comments in a copy
of the draft (formatters/docx_comments.py writes them). The draft itself is only read."""
from __future__ import annotations

import os

import click

from govlint.engine.common.errors import GovlintError


def check_annotate_paths(paths: tuple[str, ...], copy: str) -> None:
    """Refuse, before anything is checked, what --annotate cannot do: several inputs, a
    directory, a draft that is not Word, or a copy that would overwrite the draft."""
    from govlint.engine.reading.files import DEFAULT_MAX_BYTES, UnreadablePaper, read_bytes, sniff

    if len(paths) != 1 or os.path.isdir(paths[0]):
        raise click.UsageError("--annotate takes exactly one paper, the Word (.docx) draft to copy with comments")
    draft = paths[0]
    if os.path.exists(copy) and os.path.exists(draft) and os.path.samefile(draft, copy):
        raise click.UsageError("--annotate names the draft itself: give a new file name for the copy, the draft is never changed")
    try:
        kind = sniff(read_bytes(draft, DEFAULT_MAX_BYTES))
    except UnreadablePaper:
        return  # the check reports why the draft cannot be read, as for any paper
    if kind != "zip":
        raise GovlintError(f"{draft}: --annotate writes comments into a Word (.docx) draft; this is a {_KINDS[kind]}")


_KINDS = {"pdf": "PDF file", "doc": "Word 97-2003 (.doc) file: save it as .docx", "text": "text file"}


def write_annotated(draft: str, copy: str, findings) -> None:
    """Write `copy`: the draft with one comment per finding of it."""
    from govlint.checks.formatters.docx_comments import annotate
    from govlint.engine.reading.files import DEFAULT_MAX_BYTES, read_bytes

    annotated = annotate(read_bytes(draft, DEFAULT_MAX_BYTES), list(findings))
    try:
        with open(copy, "wb") as handle:
            handle.write(annotated)
    except OSError as error:
        raise GovlintError(f"{copy}: cannot write the annotated copy: {error.strerror or error}") from None
