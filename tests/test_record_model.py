"""The record model is declared once (engine/records/model.py); everything else is derived from it."""
from __future__ import annotations

import json
from dataclasses import make_dataclass

import jsonschema
import pytest

from govlint.engine.records.fields import catalogue_of, example_of, example_record, field_catalogue, field_names, from_dict
from govlint.engine.records.model import Decision, IsoDate, example, to_dict
from govlint.engine.records.schema import generated, record_schema, records_schema
from tests.conftest import REPO


@pytest.mark.parametrize("name", ["records.schema.json", "rule-tests.schema.json"])
def test_shipped_schema_is_what_the_model_generates(name: str) -> None:
    directory = REPO / "engine" / "schemas"
    wanted = generated(directory)[directory / name]
    assert (directory / name).read_text(encoding="utf-8") == wanted, f"{name} is out of date: run python -m govlint.engine.records.schema"


@pytest.mark.parametrize("kind", ["decision", "meeting", "forward_plan_entry"])
def test_example_records_fit_the_generated_schema(kind: str) -> None:
    validator = jsonschema.Draft202012Validator(records_schema())
    record = {key: value for key, value in example_record(kind).items() if key != "kind"}

    def paper(item: dict) -> dict:
        listed = {"decision": "decisions", "meeting": "meetings", "forward_plan_entry": "forward_plan_entries"}[kind]
        return {"files": [{"source": "example.txt", "documents": [], "decisions": [], "meetings": [], listed: [item]}]}

    assert not list(validator.iter_errors(paper(record)))
    assert list(validator.iter_errors(paper({**record, "lines": [0, 1]})))


def test_a_new_field_is_one_declaration() -> None:
    extended = make_dataclass(
        "Extended",
        [("signed_on", IsoDate | None, example("2020-10-06")), ("wards", list[str], example(["Ward A", "Ward B"]))],
        bases=(Decision,),
        kw_only=True,
    )
    catalogue = catalogue_of(extended)
    assert catalogue["signed_on"].is_date and catalogue["signed_on"].types == {"string", "null"}
    assert catalogue["wards"].is_list and not catalogue["wards"].is_date
    assert catalogue["committee_consultation.date"].is_date
    schema = record_schema(extended)
    assert {"signed_on", "wards"} <= set(schema["required"])
    assert schema["properties"]["signed_on"] == {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    assert schema["properties"]["wards"] == {"type": "array", "items": {"type": "string"}}
    record = example_of(extended)
    assert record.signed_on == "2020-10-06" and record.decision_no == example_of(Decision).decision_no
    data = json.loads(json.dumps(to_dict(record)))
    assert from_dict(extended, data) == record


def test_a_field_needs_an_example() -> None:
    extended = make_dataclass("Extended", [("reasons", str | None)], bases=(Decision,), kw_only=True)
    with pytest.raises(TypeError, match="Extended.reasons declares no example"):
        example_of(extended)


def test_a_type_the_model_cannot_describe_is_refused() -> None:
    extended = make_dataclass("Extended", [("wards", set[str], example(set()))], bases=(Decision,), kw_only=True)
    with pytest.raises(TypeError, match="not a type the record model declares"):
        catalogue_of(extended)


@pytest.mark.parametrize("kind", ["decision", "meeting", "forward_plan_entry"])
def test_the_field_table_of_the_pack_guide_is_the_model(kind: str) -> None:
    catalogue = field_catalogue(kind)
    cells = []
    for name in field_names(kind):
        if name == "evidence":
            continue
        nested = [path[len(name) + 1:] for path in catalogue if path.startswith(f"{name}.")]
        cells.append(f"`{name}`" + (f" ({', '.join(f'`.{sub}`' for sub in nested)})" if nested else ""))
    row = f"| {kind} | {', '.join(cells)} |"
    guide = (REPO / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    assert row in guide.splitlines(), f"docs/rule-packs.md, section Fields, should have the row\n{row}"
