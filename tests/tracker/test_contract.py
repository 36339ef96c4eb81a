"""tracker/contract.py is the one description of a record: the checker, the schema, the
catalogue, the device's checker and the docs all follow it."""

from __future__ import annotations

import dataclasses
import datetime
import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.support import checkin, course, push_ok, question, scan, side_effect, upsert
from tracker import contract
from tracker.contract import COLLECTIONS, ENUMERATIONS, Field, Rule, describe
from tracker.models import Collection
from tracker.validation import Catalogue, RecordInvalid, validate_record_data

ROOT = Path(__file__).resolve().parents[2]
VALIDATION_JS = ROOT / "static" / "js" / "validation.js"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="needs Node.js to run validation.js")

VALID = {
    "courses": course(),
    "scans": scan(),
    "side_effects": side_effect(),
    "questions": question(),
    "checkins": checkin(),
}
FATIGUE_TAKES = ["severity", "interference"]


def _server(collection: str, data: Any) -> dict[str, list[str]]:
    catalogue = Catalogue(
        drugs={"crizotinib"},
        side_effects={"fatigue"},
        attributes={"fatigue": frozenset(FATIGUE_TAKES)},
    )
    try:
        validate_record_data(collection=collection, data=data, catalogue=catalogue)
    except RecordInvalid as exc:
        return exc.fields
    return {}


def _catalog() -> dict[str, Any]:
    """The catalogue as the device keeps it, with the drug and the term `_server` knows."""
    return {
        "drugs": [{"slug": "crizotinib"}],
        "side_effect_terms": [{"slug": "fatigue", "checkin_attributes": FATIGUE_TAKES}],
        "enumerations": ENUMERATIONS,
        "contract": describe(),
    }


def _device(cases: list, catalog: dict[str, Any] | None) -> list[dict[str, list[str]]]:
    """What static/js/validation.js answers to each (collection, data), run in Node."""
    script = f"""
        import {{ readFileSync }} from "node:fs";
        import {{ validate }} from "{VALIDATION_JS.as_uri()}";
        const {{ cases, catalog }} = JSON.parse(readFileSync(0, "utf8"));
        console.log(JSON.stringify(cases.map(([c, d]) => validate(c, d, catalog))));
    """
    answer = subprocess.run(
        [NODE, "--input-type=module", "-e", script],
        input=json.dumps({"cases": cases, "catalog": catalog}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(answer.stdout)


def test_it_describes_the_four_collections_in_the_models_order():
    assert list(COLLECTIONS) == list(Collection.values)


# -- No coercion ----------------------------------------------------------------------


def _wrong_types() -> list[tuple[str, str, Any, str]]:
    """For every field of the contract, a value of the wrong JSON type and its message."""
    cases = []
    for shape in COLLECTIONS.values():
        for f in shape.fields:
            if f.kind == contract.INTEGER:
                low = f.bounds[0]
                cases += [(shape.name, f.name, str(low), "Must be a whole number.")]
                cases += [(shape.name, f.name, True, "Must be a whole number.")]
            elif f.kind == contract.BOOLEAN:
                cases += [(shape.name, f.name, 1, "Must be true or false.")]
                cases += [(shape.name, f.name, "true", "Must be true or false.")]
            elif f.kind == contract.TEXT:
                cases += [(shape.name, f.name, 5, "Must be a string.")]
            elif f.kind == contract.ENUM_LIST:
                cases += [(shape.name, f.name, contract.enum_values(f.enum)[0], "Must be a list.")]
    return cases


@pytest.mark.parametrize(("collection", "name", "value", "message"), _wrong_types())
def test_it_refuses_a_value_of_the_wrong_type_rather_than_coerce_it(
    collection, name, value, message
):
    assert _server(collection, {**VALID[collection], name: value})[name] == [message]


def test_a_number_sent_as_a_string_is_refused_by_a_real_push(alice_api):
    (result,) = push_ok(alice_api, [upsert("side_effects", side_effect(severity="2"))])
    assert result["status"] == "rejected"
    assert result["fields"] == {"severity": ["Must be a whole number."]}


@needs_node
def test_the_device_refuses_the_same_wrong_types_with_the_same_messages():
    cases = [(c, {**VALID[c], name: value}) for c, name, value, _m in _wrong_types()]
    assert _device(cases, _catalog()) == [_server(c, d) for c, d in cases]


# -- One edit reaches every reader ------------------------------------------------------


@pytest.fixture
def pain_score(monkeypatch):
    """The contract with a new optional field on courses, as a developer would add it."""
    courses = COLLECTIONS["courses"]
    field = Field("pain_score", contract.INTEGER, nullable=True, low=0, high=10)
    monkeypatch.setitem(
        COLLECTIONS, "courses", dataclasses.replace(courses, fields=(*courses.fields, field))
    )


@pytest.fixture
def dose_not_blank(monkeypatch):
    """The contract with a new rule of a known kind: a dose may not be only spaces."""
    courses = COLLECTIONS["courses"]
    rule = Rule("dose_not_blank", contract.NOT_BLANK, "dose", "Say the dose, or leave it out.")
    monkeypatch.setitem(
        COLLECTIONS, "courses", dataclasses.replace(courses, rules=(*courses.rules, rule))
    )


def test_a_field_added_to_the_contract_reaches_the_checker(pain_score):
    assert _server("courses", course(pain_score="3")) == {"pain_score": ["Must be a whole number."]}
    assert _server("courses", course(pain_score=11)) == {
        "pain_score": ["Must be between 0 and 10."]
    }
    stored = validate_record_data(
        collection="courses", data=course(pain_score=3), catalogue=Catalogue(drugs={"crizotinib"})
    )
    assert list(stored)[-1] == "pain_score" and stored["pain_score"] == 3


def test_a_field_added_to_the_contract_reaches_the_openapi_components(db, client, pain_score):
    schemas = client.get("/api/v1/schema/", {"format": "json"}).json()["components"]["schemas"]
    sent = schemas["CourseDataRequest"]["properties"]["pain_score"]
    assert sent == {"type": "integer", "minimum": 0, "maximum": 10, "nullable": True}
    assert "pain_score" in schemas["CourseData"]["required"]


def test_a_field_added_to_the_contract_reaches_the_catalogue(db, client, pain_score):
    fields = client.get("/api/v1/catalog").json()["contract"]["collections"]["courses"]["fields"]
    assert fields[-1] == {
        "name": "pain_score",
        "type": "integer",
        "required": False,
        "nullable": True,
        "low": 0,
        "high": 10,
    }


@needs_node
def test_a_field_added_to_the_contract_reaches_the_device(pain_score):
    cases = [("courses", course(pain_score=v)) for v in ("3", 11, 3, None)]
    device = _device(cases, _catalog())
    assert device == [_server(c, d) for c, d in cases]
    assert device[0] == {"pain_score": ["Must be a whole number."]}


def test_a_rule_added_to_the_contract_reaches_the_checker_schema_and_catalogue(
    db, client, dose_not_blank
):
    assert _server("courses", course(dose="  ")) == {"dose": ["Say the dose, or leave it out."]}
    schemas = client.get("/api/v1/schema/", {"format": "json"}).json()["components"]["schemas"]
    assert schemas["CourseDataRequest"]["properties"]["dose"]["minLength"] == 1
    rules = client.get("/api/v1/catalog").json()["contract"]["collections"]["courses"]["rules"]
    assert rules[-1]["name"] == "dose_not_blank"


@needs_node
def test_a_rule_added_to_the_contract_reaches_the_device(dose_not_blank):
    assert _device([("courses", course(dose="  "))], _catalog()) == [
        {"dose": ["Say the dose, or leave it out."]}
    ]


# -- The device checks as the server does --------------------------------------------------


def _generated_entries(count: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    """Entries made from the contract's own fields, limits and enumerations, mostly wrong."""
    rnd = random.Random(seed)
    today = timezone.now().date()
    common = [None, "", "   ", "other", 0, -1, 1.5, True, False, [], {}, "x" * 5001]
    common += ["crizotinib", "fatigue", "imatinib", "what-is-a-tki", "Not A Slug", "\U0001f600"]
    common += ["2026-01-05", "2025-12-31", "2026-02-30", "5 Jan 2026", "2999-01-01"]
    common += [(today + datetime.timedelta(days=d)).isoformat() for d in (1, 2)]
    common += ["1b4e28ba-2fa1-11d2-883f-0016d3cca427", "not-a-uuid"]
    entries = []
    for _ in range(count):
        shape = rnd.choice(list(COLLECTIONS.values()))
        data: dict[str, Any] = {}
        for f in shape.fields:
            if rnd.random() < 0.3:
                continue
            pool = list(common)
            if f.enum:
                values = list(contract.enum_values(f.enum))
                pool += values + [values[:2], values[:1] * 2, ["brain"], ["moon", "brain"]]
            if f.bounds:
                low, high = f.bounds
                pool += [low, high, low - 1, high + 1, str(low)]
            if f.kind == contract.TEXT:
                pool += ["x" * f.max_length, "x" * (f.max_length + 1)]
            data[f.name] = rnd.choice(pool)
        if rnd.random() < 0.1:
            data["colour"] = "blue"
        entries.append((shape.name, data))
    return entries


@needs_node
def test_the_device_answers_every_generated_entry_as_the_server_does():
    cases = _generated_entries(3000, seed=20260105)
    server = [_server(c, d) for c, d in cases]
    assert 0 < sum(1 for answer in server if not answer) < len(cases)  # both kinds occur
    mismatches = [
        (c, d, got, want)
        for (c, d), got, want in zip(cases, _device(cases, _catalog()), server, strict=True)
        if got != want
    ]
    assert mismatches == []


@needs_node
def test_without_a_contract_the_device_leaves_the_check_to_the_server():
    """A device that never fetched the catalogue, or kept an older one, refuses nothing."""
    older = {key: value for key, value in _catalog().items() if key != "contract"}
    cases = [("questions", {"text": "   "}), ("courses", {})]
    assert _device(cases, None) == [{}, {}]
    assert _device(cases, older) == [{}, {}]


def test_the_limits_the_forms_are_built_with_are_the_contracts():
    source = VALIDATION_JS.read_text()
    constants = dict(re.findall(r"^export const (\w+) = (\d+);$", source, re.MULTILINE))
    assert constants == {
        "TEXT_MAX": str(contract.TEXT_MAX),
        "QUESTION_TEXT_MAX": str(contract.QUESTION_TEXT_MAX),
        "DOSE_MAX": str(contract.DOSE_MAX),
    }
    assert COLLECTIONS["courses"].field("dose").max_length == contract.DOSE_MAX
    assert COLLECTIONS["questions"].field("text").max_length == contract.QUESTION_TEXT_MAX


def test_the_catalogue_block_is_plain_json_in_the_contracts_order():
    block = json.loads(json.dumps(describe()))
    for name, shape in COLLECTIONS.items():
        assert [f["name"] for f in block["collections"][name]["fields"]] == list(shape.names)
        assert [r["name"] for r in block["collections"][name]["rules"]] == [
            r.name for r in shape.rules
        ]
    assert set(block["messages"]) == set(contract.MESSAGES)


# -- The docs ---------------------------------------------------------------------------

DOC = ROOT / "docs" / "sync-protocol.md"
_TYPES = {
    contract.TEXT: "string",
    contract.DATE: "date",
    contract.INTEGER: "integer",
    contract.ENUM: "enum",
    contract.ENUM_LIST: "list of enum",
    contract.UUID: "UUID",
    contract.BOOLEAN: "boolean",
    contract.OBJECT_LIST: "list of objects",
}


def _doc_tables() -> dict[str, list[tuple[str, str, str]]]:
    """sync-protocol.md §2's table of each collection: (field, type, rule) rows."""
    text = DOC.read_text()
    tables = {}
    for name in COLLECTIONS:
        block = text.split(f"\n`{name}`:\n", 1)[1].strip().split("\n\n", 1)[0]
        rows = [line.strip("|").split(" | ") for line in block.splitlines()[2:]]
        tables[name] = [(f.strip(" `"), t.strip(), r.strip()) for f, t, r in rows]
    return tables


@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_the_docs_table_of_each_collection_agrees_with_the_contract(name):
    shape = COLLECTIONS[name]
    rows = _doc_tables()[name]
    assert [row[0] for row in rows] == list(shape.names)
    for (field, kind, rule), f in zip(rows, shape.fields, strict=True):
        assert kind == _TYPES[f.kind] + (" or null" if f.nullable else ""), field
        assert bool(re.match(r"required(;|,|$)", rule)) == f.required, field
        if f.kind == contract.TEXT and f.max_length != contract.TEXT_MAX:
            assert f"{f.max_length:,} characters" in rule, field
        if f.kind == contract.INTEGER and f.enum is None:
            assert "{} to {}".format(*f.bounds) in rule, field
        listed = [w for w in re.findall(r"`(\w+)`", rule) if w not in shape.names]
        if f.enum and len(listed) > 1:
            assert listed == list(contract.enum_values(f.enum)), field


def test_the_docs_give_the_contracts_limit_on_free_text():
    assert f"Free text holds at most\n{contract.TEXT_MAX:,} characters" in DOC.read_text()


# -- A field written wrongly in the contract is refused where it is written


@pytest.mark.parametrize(
    "kwargs,message",
    [
        (
            {"kind": "text", "required": True, "nullable": True},
            "x: a required field cannot be null",
        ),
        ({"kind": "date"}, "x: an optional date must be nullable"),
        ({"kind": "enum", "nullable": True, "enum": "nope"}, "x: no enumeration 'nope'"),
        ({"kind": "integer", "nullable": True}, "x: an integer needs low and high, or a scale"),
        (
            {"kind": "object_list", "max_items": 3},
            "x: an object_list, and only it, has item and max_items",
        ),
        (
            {"kind": "object_list", "item": COLLECTIONS["checkins"]},
            "x: an object_list, and only it, has item and max_items",
        ),
        (
            {"kind": "text", "max_items": 3},
            "x: an object_list, and only it, has item and max_items",
        ),
    ],
)
def test_a_field_that_breaks_the_contracts_own_rules_is_refused_with_the_reason(kwargs, message):
    with pytest.raises(ValueError) as refused:
        Field("x", **kwargs)

    assert str(refused.value) == message


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "text"},
        {"kind": "date", "required": True},
        {"kind": "date", "nullable": True},
        {"kind": "enum", "nullable": True, "enum": next(iter(ENUMERATIONS))},
        {"kind": "integer", "nullable": True, "low": 0, "high": 4},
        {"kind": "object_list", "item": COLLECTIONS["checkins"], "max_items": 3},
    ],
)
def test_a_field_written_by_the_contracts_rules_is_taken(kwargs):
    assert Field("x", **kwargs).name == "x"


def test_it_describes_a_list_of_objects_with_its_most_items():
    fields = describe()["collections"]["checkins"]["fields"]
    [items] = [f for f in fields if f["name"] == "items"]

    assert items["max_items"] == contract.CHECKIN_ITEMS_MAX
