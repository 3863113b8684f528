"""Paper paths as CI tools want them: relative to the working directory, which is the repository root in CI."""
from __future__ import annotations

import os
from pathlib import Path


def relative_path(source: str) -> str | None:
    """`source` as a POSIX path under the working directory, or None when it lies outside it."""
    try:
        return Path(os.path.abspath(source)).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return None
