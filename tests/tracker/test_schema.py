"""The OpenAPI schema at /api/v1/schema/: served, valid, complete, and true to the contract."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.validation import validate_schema

from tests.support import (
    PULL,
    course,
    delete,
    push,
    push_ok,
    question,
    scan,
    side_effect,
    upsert,
)

SCHEMA = "/api/v1/schema/"

# Written out from sync-protocol.md §2, not imported from the code, so that
# a drift between the code and the contract fails here.
CONTRACT_ENUMS = {
    "Collection": ["courses", "scans", "side_effects", "questions", "checkins"],
    "StopReason": ["progression", "side_effects", "planned", "access", "patient_choice", "other"],
    "Modality": ["ct", "mri", "pet_ct", "pet", "xray", "ultrasound", "bone_scan", "other"],
    "Site": ["chest", "brain", "liver", "bone", "adrenal", "lymph_nodes", "abdomen", "other"],
    "Outcome": [
        "baseline",
        "no_evidence_of_disease",
        "improved",
        "stable",
        "progressed",
        "mixed",
        "unknown",
    ],
    "Recist": ["CR", "PR", "SD", "PD", "NE"],
    "Severity": [1, 2, 3, 4],
    "Interference": [0, 1, 2, 3, 4],
    "Action": ["none", "dose_reduced", "paused", "stopped", "medication_added"],
}


@pytest.fixture
def openapi(db, client) -> dict[str, Any]:
    response = client.get(SCHEMA, {"format": "json"})
    assert response.status_code == 200
    return response.json()


def _components(openapi) -> dict[str, Any]:
    return openapi["components"]["schemas"]


def _resolve(openapi, node: dict) -> dict:
    while "$ref" in node:
        node = _components(openapi)[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _api_paths() -> set[str]:
    """Every route under /api/v1/ in the URLconf, written the OpenAPI way."""
    found: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                found.add("/" + prefix + str(p.pattern))

    walk(get_resolver().url_patterns, "")
    paths = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", p) for p in found if p.startswith("/api/v1/")}
    return paths - {"/api/v1/schema/"}


def test_it_serves_the_schema_as_yaml_by_default(db, client):
    response = client.get(SCHEMA)
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.0.3")


def test_the_schema_is_valid_openapi_3(openapi):
    validate_schema(openapi)


def test_the_schema_lists_every_api_path(openapi):
    assert set(openapi["paths"]) == _api_paths()
    # And the contract's, by name, in case a route went missing from both.
    for path in (
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/auth/me",
        "/api/v1/auth/token",
        "/api/v1/sync/push",
        "/api/v1/sync/pull",
        "/api/v1/catalog",
        "/api/v1/export.json",
        "/api/v1/export.fhir.json",
        "/api/v1/export.csv",
    ):
        assert path in openapi["paths"]


def test_every_successful_answer_has_a_described_shape(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            success = {
                code: r for code, r in operation["responses"].items() if code.startswith("2")
            }
            assert success, f"{method} {path} has no success answer"
            for code, response in success.items():
                if code == "204":
                    assert "content" not in response
                    continue
                schema = next(iter(response["content"].values()))["schema"]
                assert "$ref" in schema, f"{method} {path} {code} answers an undescribed object"


def test_every_error_answer_is_the_error_body(openapi):
    for operations in openapi["paths"].values():
        for operation in operations.values():
            for code, response in operation["responses"].items():
                if code[0] in "45":
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}
    error = _components(openapi)["Error"]
    assert error["required"] == ["error", "detail"]
    assert set(error["properties"]) == {"error", "detail", "fields"}


def test_the_journal_endpoints_require_a_token_or_a_session(openapi):
    for path, operations in openapi["paths"].items():
        for operation in operations.values():
            if path.startswith(("/api/v1/sync/", "/api/v1/export")):
                assert operation["security"] == [{"tokenAuth": []}, {"cookieAuth": []}]
    # The catalogue is public: no requirement of its own, and none for the whole API.
    assert "security" not in openapi
    assert "security" not in openapi["paths"]["/api/v1/catalog"]["get"]
    token = openapi["components"]["securitySchemes"]["tokenAuth"]
    assert (token["in"], token["name"]) == ("header", "Authorization")


def test_the_record_components_carry_the_contracts_enums(openapi):
    components = _components(openapi)
    for name, values in CONTRACT_ENUMS.items():
        assert components[name]["enum"] == values, name


@pytest.mark.parametrize(
    ("component", "required", "fields"),
    [
        (
            "CourseDataRequest",
            ["drug", "start_date"],
            {
                "drug",
                "drug_name",
                "start_date",
                "stop_date",
                "dose",
                "line",
                "stop_reason",
                "notes",
            },
        ),
        (
            "ScanDataRequest",
            ["date", "modality", "outcome"],
            {"date", "modality", "sites", "outcome", "brain_outcome", "recist", "course", "notes"},
        ),
        (
            "SideEffectDataRequest",
            ["term", "severity", "onset_date"],
            {
                "term",
                "term_other",
                "severity",
                "interference",
                "onset_date",
                "resolved_date",
                "action",
                "course",
                "notes",
            },
        ),
        ("QuestionDataRequest", ["text"], {"text", "source", "asked", "answer"}),
    ],
)
def test_each_collections_data_names_its_fields_and_refuses_unknown_ones(
    openapi, component, required, fields
):
    schema = _components(openapi)[component]
    assert set(schema["properties"]) == fields
    assert schema["required"] == required
    assert schema["additionalProperties"] is False
    stored = _components(openapi)[component.removesuffix("Request")]
    assert set(stored["required"]) == fields


def test_the_data_components_carry_the_contracts_formats_and_limits(openapi):
    c = _components(openapi)
    course_in = c["CourseDataRequest"]["properties"]
    assert course_in["start_date"]["format"] == "date"
    assert course_in["dose"]["maxLength"] == 100
    assert (course_in["line"]["minimum"], course_in["line"]["maximum"]) == (1, 20)
    assert course_in["notes"]["maxLength"] == 5000
    assert course_in["stop_reason"]["nullable"] is True
    scan_in = c["ScanDataRequest"]["properties"]
    assert scan_in["sites"]["uniqueItems"] is True
    assert scan_in["sites"]["items"] == {"$ref": "#/components/schemas/Site"}
    assert scan_in["course"]["format"] == "uuid"
    question_in = c["QuestionDataRequest"]["properties"]["text"]
    assert (question_in["minLength"], question_in["maxLength"]) == (1, 1000)


def test_the_push_components_describe_the_three_result_statuses(openapi):
    c = _components(openapi)
    results = c["PushAnswer"]["properties"]["results"]["items"]
    variants = [_resolve(openapi, v) for v in _resolve(openapi, results)["oneOf"]]
    statuses = [_resolve(openapi, v["properties"]["status"])["enum"] for v in variants]
    assert statuses == [["applied"], ["conflict"], ["rejected"]]
    conflict = variants[1]
    assert conflict["properties"]["current"] == {"$ref": "#/components/schemas/Record"}
    assert c["RejectionError"]["enum"] == [
        "invalid",
        "id_unavailable",
        "not_found",
        "unknown_collection",
    ]
    push_in = c["PushRequest"]
    assert push_in["required"] == ["schema", "mutations"]
    assert push_in["properties"]["mutations"]["maxItems"] == 500


def test_the_pull_answer_and_its_parameters_are_described(openapi):
    pull = openapi["paths"]["/api/v1/sync/pull"]["get"]
    params = {p["name"]: p["schema"] for p in pull["parameters"]}
    assert params["limit"] == {"type": "integer", "minimum": 1, "maximum": 1000}
    assert params["cursor"]["type"] == "string"
    assert {"400", "410"} <= set(pull["responses"])
    assert _components(openapi)["PullAnswer"]["required"] == ["changes", "cursor", "has_more"]


# -- Real answers conform to the schema ------------------------------------------------


def _json_schema(node):
    """OpenAPI 3.0 to JSON Schema: `nullable: true` becomes an alternative null."""
    if isinstance(node, list):
        return [_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _json_schema(v) for k, v in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def _validator(openapi, component: str):
    root = {
        "$ref": f"#/components/schemas/{component}",
        "components": {"schemas": _json_schema(_components(openapi))},
    }
    return jsonschema.Draft7Validator(root, format_checker=jsonschema.FormatChecker())


def test_real_push_pull_and_export_answers_conform_to_the_schema(openapi, alice_api):
    everything = [
        upsert("courses", course(stop_date="2026-02-01", stop_reason="planned", line=1)),
        upsert("scans", scan(sites=["brain"], brain_outcome="improved", recist="SD")),
        upsert("side_effects", side_effect(interference=2, action="paused")),
        upsert("questions", question(source="q-food", asked=True, answer="Yes")),
    ]
    push_ok(alice_api, everything)
    conflict = upsert("scans", scan(), id=everything[1]["id"])
    rejected = upsert("scans", scan(modality="laser"))
    tombstone = delete("questions", id=everything[3]["id"], base_version=1)
    answer = push(alice_api, [conflict, rejected, tombstone]).json()
    assert [r["status"] for r in answer["results"]] == ["conflict", "rejected", "applied"]
    _validator(openapi, "PushAnswer").validate(answer)

    pulled = alice_api.get(PULL).json()
    assert any(change["deleted"] for change in pulled["changes"])
    _validator(openapi, "PullAnswer").validate(pulled)
    _validator(openapi, "JournalExport").validate(alice_api.get("/api/v1/export.json").json())
    _validator(openapi, "FhirBundle").validate(alice_api.get("/api/v1/export.fhir.json").json())
    _validator(openapi, "Error").validate(alice_api.get(PULL, {"cursor": "forged"}).json())


def test_a_record_that_breaks_the_contract_would_not_conform(openapi):
    """The schema is strict enough to catch a server that drifted from the contract."""
    record = {
        "collection": "scans",
        "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        "version": 1,
        "deleted": False,
        "updated_at": "2026-11-26T10:00:00.000Z",
        "data": {
            "date": "2026-03-01",
            "modality": "ct",
            "sites": [],
            "outcome": "stable",
            "brain_outcome": None,
            "recist": None,
            "course": None,
            "notes": "",
        },
    }
    validator = _validator(openapi, "Record")
    validator.validate(record)
    for bad in (
        {"modality": "laser"},
        {"sites": ["chest", "chest"]},
        {"extra": 1},
        {"notes": None},
    ):
        broken = {**record, "data": {**record["data"], **bad}}
        assert not validator.is_valid(broken), bad
    assert not validator.is_valid({**record, "data": {"notes": ""}, "deleted": True})


def test_the_schema_documents_what_the_server_answers_a_wrong_accept_or_content_type(
    openapi, alice_api
):
    undocumented = []
    for path, operations in openapi["paths"].items():
        if "{" in path:
            continue
        for method, operation in operations.items():
            tries = [{"HTTP_ACCEPT": "text/html"}]
            if "requestBody" in operation:
                tries.append({"content_type": "text/plain"})
            for extra in tries:
                kwargs = {"content_type": "application/json", **extra}
                response = alice_api.generic(method.upper(), path, "{}", **kwargs)
                if str(response.status_code) not in operation["responses"]:
                    undocumented.append((method, path, extra, response.status_code))
    assert undocumented == []


def test_the_schema_documents_staff_refusals_and_body_limits_of_sign_in(openapi):
    for path, method in [
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/token", "post"),
        ("/api/v1/auth/me", "delete"),
    ]:
        responses = openapi["paths"][path][method]["responses"]
        assert "staff_account" in responses["403"]["description"], path
        assert "413" in responses, path
