"""Record files read back into ParsedPapers: round trip with `govlint parse`, and refusals."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from govlint.checks.formatters.records import records_document, render_json, render_yaml
from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import UnreadablePaper, read_paper
from govlint.engine.checking.record_files import read_record_file

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples" / "papers").glob("*.txt"))


@pytest.fixture(scope="module")
def parsed():
    return [parse_paper(read_paper(path)) for path in EXAMPLES]


@pytest.mark.parametrize("suffix, render", [(".json", render_json), (".yaml", render_yaml), (".yml", render_yaml)])
def test_parse_output_reads_back_to_the_same_papers(tmp_path: Path, parsed, suffix: str, render) -> None:
    path = tmp_path / f"records{suffix}"
    path.write_text(render(parsed), encoding="utf-8")
    assert read_record_file(path) == parsed


def test_hand_written_yaml_with_unquoted_dates(tmp_path: Path, parsed) -> None:
    document = records_document(parsed)
    text = render_yaml(parsed).replace("'2024-03-12'", "2024-03-12")
    assert "date: 2024-03-12\n" in text
    path = tmp_path / "records.yaml"
    path.write_text(text, encoding="utf-8")
    assert records_document(read_record_file(path)) == document


def reason(tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UnreadablePaper) as caught:
        read_record_file(path)
    assert caught.value.path == str(path) and "\n" not in caught.value.reason
    return caught.value.reason


def test_the_first_schema_problem_is_named_with_its_json_path(tmp_path: Path, parsed) -> None:
    document = records_document(parsed)
    document["files"][2]["decisions"][0]["eqia_status"] = "maybe"
    del document["files"][1]["decisions"][0]["title"]
    got = reason(tmp_path, "bad.json", json.dumps(document))
    assert got == "$.files[1].decisions[0]: 'title' is a required property"


def test_a_long_schema_message_is_cut_to_one_short_line(tmp_path: Path, parsed) -> None:
    document = records_document(parsed)
    document["files"][0]["decisions"][0] = ["not", "a", "decision"] * 100
    got = reason(tmp_path, "bad.json", json.dumps(document))
    assert got.startswith("$.files[0].decisions[0]: ") and len(got) <= 240


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("a.json", "{\"files\": [", "not JSON: "),
        ("a.yaml", "files: [\n", "not YAML: "),
        ("a.json", "", "not JSON: "),
        ("a.yaml", "", "$: None is not of type 'object'"),
        ("a.json", "{\"papers\": []}", "$: 'files' is a required property"),
        ("a.yaml", "files: [{source: a.txt}]", "$.files[0]: 'decisions' is a required property"),
    ],
)
def test_files_that_are_not_records(tmp_path: Path, name: str, content: str, expected: str) -> None:
    assert reason(tmp_path, name, content).startswith(expected)


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    got = reason(tmp_path, "a.yaml", f'files: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert got.startswith("not YAML: ") and not marker.exists()
