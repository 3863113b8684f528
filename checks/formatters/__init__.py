"""Output formats. `FINDINGS_FORMATS` maps each `govlint check --format` name to its renderer.

Each format is its own module with `render(result) -> str`, imported only when its format is
asked for, so that a pre-commit run pays for none but the one it writes.
"""
from __future__ import annotations

from importlib import import_module
from typing import Callable


def _lazy(module: str) -> Callable:
    def render(result) -> str:
        return import_module(f"govlint.checks.formatters.{module}").render(result)

    render.__doc__ = f"govlint.checks.formatters.{module}.render"
    return render


FINDINGS_FORMATS: dict[str, Callable] = {
    name: _lazy(f"findings_{name}") for name in ("text", "json", "sarif", "junit", "github", "markdown")
}
