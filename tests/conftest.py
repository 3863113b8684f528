"""Shared test fixtures. `../shared` (corpus, gold, schemas) is read where it lies, never copied."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Loaded packs and profiles are kept between runs (engine.common.cache): the tests, and the
# govlint processes they start, keep theirs in a directory of their own for the session, never
# in the user's cache.
_CACHE = tempfile.TemporaryDirectory(prefix="govlint-test-cache-")
os.environ["GOVLINT_CACHE_DIR"] = _CACHE.name
SHARED = Path(os.environ.get("GOVLINT_SHARED", REPO.parent / "shared"))
RECORDS_SCHEMA = REPO / "engine" / "schemas" / "records.schema.json"


def require_shared(*parts: str) -> Path:
    """The path under ../shared, or a failure in CI / a skip elsewhere when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} not found: tests need ../shared beside the repository (or GOVLINT_SHARED)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return require_shared("corpus")


@pytest.fixture(scope="session")
def corpus_files(corpus_dir: Path) -> list[Path]:
    files = sorted(corpus_dir.glob("*.txt"))
    assert files, f"no corpus files in {corpus_dir}"
    return files


@pytest.fixture(scope="session")
def gold(corpus_dir: Path) -> dict[str, dict]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted((corpus_dir / "gold").glob("*.json"))}


@pytest.fixture(scope="session")
def gold_corpus(corpus_dir: Path):
    """Every gold file with its paper: the bundles, the 2025 KCC PDFs and the other layouts."""
    from tests.gold_compare import gold_papers

    return gold_papers(corpus_dir)


@pytest.fixture(scope="session")
def parsed_gold_corpus(gold_corpus) -> dict[str, dict]:
    """Each gold paper read and parsed once per session, in the JSON form of `govlint parse`."""
    from govlint.engine.extraction.paper import parse_paper
    from govlint.engine.reading.files import read_paper
    from govlint.engine.records.model import to_dict

    return {paper.stem: to_dict(parse_paper(read_paper(paper.path))) for paper in gold_corpus}


@pytest.fixture(scope="session")
def records_schema() -> dict:
    return json.loads(RECORDS_SCHEMA.read_text(encoding="utf-8"))
