"""Exports (sync-protocol.md §6): the JSON file, the CSV and the HL7 FHIR R4 bundle."""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from xml.etree import ElementTree

import pytest
from fhir.resources.R4B.bundle import Bundle
from rest_framework.test import APIClient

from tests.support import (
    checkin,
    course,
    delete,
    push_ok,
    question,
    scan,
    side_effect,
    upsert,
)
from tracker.exports import fhir_bundle, fhir_patient_id
from tracker.models import Record

JSON = "/api/v1/export.json"
FHIR = "/api/v1/export.fhir.json"
CSV = "/api/v1/export.csv"

# Required bindings of the R4 (4.0.1) resource definitions. fhir.resources
# checks structure, cardinality and types, not these value sets, so the
# tests check the codes we set against the R4 lists themselves.
R4_REQUIRED_CODES = {
    ("MedicationStatement", "status"): {
        "active",
        "completed",
        "entered-in-error",
        "intended",
        "stopped",
        "on-hold",
        "unknown",
        "not-taken",
    },
    ("DiagnosticReport", "status"): {
        "registered",
        "partial",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "appended",
        "cancelled",
        "entered-in-error",
        "unknown",
    },
    ("Observation", "status"): {
        "registered",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "cancelled",
        "entered-in-error",
        "unknown",
    },
    ("AdverseEvent", "actuality"): {"actual", "potential"},
}


@pytest.fixture
def journal(alice_api):
    """Alice's journal: two courses, three scans (one with RECIST), a side effect, a question,
    and one deleted scan."""
    first = upsert("courses", course(stop_date="2026-03-01", stop_reason="progression"))
    second = upsert(
        "courses", course(drug="other", drug_name="Trial drug X", start_date="2026-03-02")
    )
    with_recist = upsert("scans", scan(recist="PR", course=second["id"], notes="Shrinking <a bit>"))
    plain = upsert("scans", scan(sites=["chest", "brain"], brain_outcome="stable"))
    unknown = upsert("scans", scan(outcome="unknown"))
    gone = upsert("scans", scan(notes="to be deleted"))
    effect = upsert("side_effects", side_effect(course=second["id"], severity=4))
    ask = upsert("questions", question())
    mutations = [first, second, with_recist, plain, unknown, gone, effect, ask]
    push_ok(alice_api, mutations)
    push_ok(alice_api, [delete("scans", id=gone["id"], base_version=1)])
    return {
        "first": first,
        "second": second,
        "with_recist": with_recist,
        "plain": plain,
        "unknown": unknown,
        "gone": gone,
        "effect": effect,
        "ask": ask,
    }


def _resources(bundle: dict) -> list[dict]:
    return [entry["resource"] for entry in bundle["entry"]]


def _by_id(bundle: dict) -> dict[str, dict]:
    return {r["id"]: r for r in _resources(bundle)}


# -- JSON ----------------------------------------------------------------------


def test_it_exports_every_live_record_in_the_envelope(alice_api, journal):
    response = alice_api.get(JSON)
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == 2
    exported_at = datetime.datetime.fromisoformat(body["exported_at"].replace("Z", "+00:00"))
    assert abs(exported_at - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=1)
    ids = {r["id"] for r in body["records"]}
    live = {m["id"] for key, m in journal.items() if key != "gone"}
    assert ids == live
    record = next(r for r in body["records"] if r["id"] == journal["with_recist"]["id"])
    assert set(record) == {"collection", "id", "version", "deleted", "updated_at", "data"}
    assert record["collection"] == "scans"
    assert record["version"] == 1
    assert record["deleted"] is False
    assert record["data"]["recist"] == "PR"
    assert record["data"]["notes"] == "Shrinking <a bit>"


def test_it_leaves_tombstones_out_of_the_json_export(alice_api, journal):
    body = alice_api.get(JSON).json()
    assert journal["gone"]["id"] not in {r["id"] for r in body["records"]}
    assert all(r["deleted"] is False for r in body["records"])
    assert Record.objects.get(id=journal["gone"]["id"]).deleted


def test_it_exports_a_record_in_its_latest_version(alice_api, journal):
    ask = journal["ask"]
    push_ok(alice_api, [upsert("questions", question(asked=True), id=ask["id"], base_version=1)])
    body = alice_api.get(JSON).json()
    record = next(r for r in body["records"] if r["id"] == ask["id"])
    assert (record["version"], record["data"]["asked"]) == (2, True)


def test_it_sends_exports_as_a_named_attachment_that_is_never_cached(alice_api, journal):
    for url, suffix in ((JSON, ".json"), (FHIR, ".fhir.json"), (CSV, ".csv")):
        response = alice_api.get(url)
        disposition = response["Content-Disposition"]
        assert disposition.startswith('attachment; filename="ros1-journal-')
        assert disposition.endswith(f'{suffix}"')
        assert "no-store" in response["Cache-Control"]


def test_it_exports_an_empty_journal_as_an_empty_list(alice_api):
    assert alice_api.get(JSON).json()["records"] == []
    bundle = alice_api.get(FHIR).json()
    assert [r["resourceType"] for r in _resources(bundle)] == ["Patient"]
    Bundle.model_validate(bundle)


# -- Isolation and authentication -------------------------------------------------------


def test_bob_never_sees_alices_records_in_either_export(alice_api, bob_api, journal):
    push_ok(bob_api, [upsert("questions", question(text="Bob's own question"))])
    bob_json = bob_api.get(JSON).json()
    assert [r["data"]["text"] for r in bob_json["records"]] == ["Bob's own question"]
    bob_fhir = bob_api.get(FHIR).json()
    alice_ids = {m["id"] for m in journal.values()}
    assert not alice_ids & set(_by_id(bob_fhir))
    assert [r["resourceType"] for r in _resources(bob_fhir)] == ["Patient"]


def test_each_patient_gets_their_own_opaque_patient_id(alice, bob, alice_api, bob_api):
    alice_patient = _resources(alice_api.get(FHIR).json())[0]
    bob_patient = _resources(bob_api.get(FHIR).json())[0]
    assert alice_patient == {"resourceType": "Patient", "id": fhir_patient_id(user_id=alice.pk)}
    assert alice_patient["id"] != bob_patient["id"]
    # Stable from one export to the next, and not the account's number or email.
    assert _resources(alice_api.get(FHIR).json())[0]["id"] == alice_patient["id"]
    assert str(alice.pk) != alice_patient["id"]
    assert "alice" not in str(alice_patient)


@pytest.mark.parametrize("url", [JSON, FHIR, CSV])
def test_it_requires_authentication(db, url):
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"


@pytest.mark.parametrize("url", [JSON, FHIR, CSV])
def test_it_refuses_a_revoked_token(alice_api, url):
    assert alice_api.delete("/api/v1/auth/token").status_code == 204
    response = alice_api.get(url)
    assert response.status_code == 401
    assert response.json()["error"] == "authentication_failed"


def test_a_signed_in_browser_session_can_export(alice, catalogue, client):
    client.force_login(alice)
    assert client.get(JSON).status_code == 200
    assert client.get(FHIR).status_code == 200
    assert client.get(CSV).status_code == 200


# -- CSV -----------------------------------------------------------------------------


def _csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_it_exports_every_live_entry_as_a_spreadsheet_row(alice_api, journal):
    response = alice_api.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv_rows(response)
    assert Counter(row["collection"] for row in rows) == {
        "courses": 2,
        "scans": 3,
        "side_effects": 1,
        "questions": 1,
    }
    assert "to be deleted" not in response.content.decode()
    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header[:2] == ["collection", "updated_at"]
    # Every field of every collection, as the clinic's file has for a full share;
    # never the id of a course, which means nothing in a spreadsheet.
    assert {"drug", "dose", "modality", "sites", "recist", "term", "severity", "text"} <= set(
        header
    )
    assert "course" not in header
    trial = next(row for row in rows if row["drug"] == "other")
    assert trial["drug_name"] == "Trial drug X"
    plain = next(row for row in rows if row["sites"] == "chest; brain")
    assert plain["brain_outcome"] == "stable"
    recist = next(row for row in rows if row["recist"] == "PR")
    assert recist["notes"] == "Shrinking <a bit>"


def test_it_gives_the_patient_the_clinics_csv_of_the_whole_journal(alice, alice_api, journal):
    from clinics.exports import records_csv
    from clinics.selectors import catalogue_names
    from tracker.selectors import records_for_user

    records = list(records_for_user(user_id=alice.pk))
    expected = records_csv(
        collections=["courses", "scans", "side_effects", "questions", "checkins"],
        records=records,
        names=catalogue_names(records),
    )
    assert alice_api.get(CSV).content.decode() == expected


def test_the_patient_csv_neutralises_formulas_with_the_clinics_own_rule(alice_api, monkeypatch):
    notes = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tlead", "plain"]
    push_ok(alice_api, [upsert("questions", question(text=text)) for text in notes])
    texts = {row["text"] for row in _csv_rows(alice_api.get(CSV))}
    assert texts == {'\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "'\tlead", "plain"}
    # One rule for both files: a change to the clinic's rule changes the patient's file.
    monkeypatch.setattr("clinics.exports._safe_cell", lambda value: f"<{value}>")
    assert "<plain>" in {row["text"] for row in _csv_rows(alice_api.get(CSV))}


def test_bob_never_sees_alices_entries_in_his_csv(alice_api, bob_api, journal):
    push_ok(bob_api, [upsert("questions", question(text="Bob's own question"))])
    rows = _csv_rows(bob_api.get(CSV))
    assert [row["text"] for row in rows] == ["Bob's own question"]


def test_a_spreadsheet_asking_for_text_csv_gets_it(alice_api, journal):
    response = alice_api.get(CSV, HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(_csv_rows(response)) == 7


def test_an_error_from_the_csv_export_is_the_json_error_body(db):
    response = APIClient().get(CSV, HTTP_ACCEPT="text/csv")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "not_authenticated"


# -- FHIR ----------------------------------------------------------------------------


def test_the_fhir_export_validates_against_the_fhir_resource_definitions(alice_api, journal):
    response = alice_api.get(FHIR)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json; fhirVersion=4.0"
    body = response.json()
    # fhir.resources 8 offers R5, R4B (4.3) and STU3; R4B's definitions of the
    # resources used here are the R4 ones, so this is the closest check it allows.
    parsed = Bundle.model_validate(body)
    assert parsed.type == "collection"
    for resource in _resources(body):
        for (kind, field), allowed in R4_REQUIRED_CODES.items():
            if resource["resourceType"] == kind:
                assert resource[field] in allowed


def test_a_fhir_client_asking_for_fhir_json_gets_it(alice_api, journal):
    response = alice_api.get(FHIR, HTTP_ACCEPT="application/fhir+json")
    assert response.status_code == 200
    Bundle.model_validate(response.json())


def test_it_maps_each_collection_to_its_resource_type(alice_api, journal):
    bundle = alice_api.get(FHIR).json()
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "collection"
    counts = Counter(r["resourceType"] for r in _resources(bundle))
    assert counts == {
        "Patient": 1,
        "MedicationStatement": 2,
        "DiagnosticReport": 3,
        "Observation": 1,
        "AdverseEvent": 1,
        "Provenance": 1,
    }


def test_it_leaves_questions_and_tombstones_out_of_the_fhir_bundle(alice_api, journal):
    ids = set(_by_id(alice_api.get(FHIR).json()))
    assert journal["ask"]["id"] not in ids
    assert journal["gone"]["id"] not in ids


def test_every_full_url_is_the_urn_of_the_resource_id(alice_api, journal):
    bundle = alice_api.get(FHIR).json()
    for entry in bundle["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
    ids = _by_id(bundle)
    for key in ("first", "second", "with_recist", "plain", "unknown", "effect"):
        assert journal[key]["id"] in ids


def test_every_reference_points_into_the_bundle(alice_api, journal):
    bundle = alice_api.get(FHIR).json()
    full_urls = {entry["fullUrl"] for entry in bundle["entry"]}

    def references(node):
        if isinstance(node, dict):
            if "reference" in node:
                yield node["reference"]
            for value in node.values():
                yield from references(value)
        elif isinstance(node, list):
            for value in node:
                yield from references(value)

    found = list(references(bundle))
    assert found
    assert set(found) <= full_urls


def test_it_names_the_patient_as_source_or_recorder_of_every_entry(alice_api, journal):
    bundle = alice_api.get(FHIR).json()
    patient = f"urn:uuid:{_resources(bundle)[0]['id']}"
    resources = _by_id(bundle)
    for r in resources.values():
        if r["resourceType"] == "MedicationStatement":
            assert r["informationSource"] == {"reference": patient}
        if r["resourceType"] == "AdverseEvent":
            assert r["recorder"] == {"reference": patient}
        if r["resourceType"] != "Patient" and r["resourceType"] != "Provenance":
            assert r["subject"] == {"reference": patient}
    # A DiagnosticReport has no field for a patient as its source: the
    # Provenance says the patient wrote every entry.
    (provenance,) = [r for r in resources.values() if r["resourceType"] == "Provenance"]
    assert provenance["agent"][0]["who"] == {"reference": patient}
    assert provenance["agent"][0]["type"]["coding"][0]["code"] == "author"
    targets = {t["reference"] for t in provenance["target"]}
    others = {f"urn:uuid:{i}" for i, r in resources.items() if r["resourceType"] != "Patient"}
    assert targets == others - {f"urn:uuid:{provenance['id']}"}


def test_a_recist_observation_is_present_only_where_recist_is_set(alice_api, journal):
    resources = _by_id(alice_api.get(FHIR).json())
    with_recist = resources[journal["with_recist"]["id"]]
    (result,) = with_recist["result"]
    observation = resources[result["reference"].removeprefix("urn:uuid:")]
    assert observation["resourceType"] == "Observation"
    assert observation["valueCodeableConcept"]["text"].startswith("PR")
    assert observation["effectiveDateTime"] == "2026-03-01"
    for key in ("plain", "unknown"):
        assert "result" not in resources[journal[key]["id"]]
    observations = [r for r in resources.values() if r["resourceType"] == "Observation"]
    assert len(observations) == 1


def test_it_writes_a_course_as_a_medication_statement(alice_api, journal):
    resources = _by_id(alice_api.get(FHIR).json())
    stopped = resources[journal["first"]["id"]]
    assert stopped["status"] == "stopped"
    assert stopped["effectivePeriod"] == {"start": "2026-01-05", "end": "2026-03-01"}
    assert stopped["medicationCodeableConcept"] == {"text": "crizotinib"}
    assert stopped["dosage"] == [{"text": "250 mg twice daily"}]
    assert stopped["statusReason"][0]["text"]
    ongoing = resources[journal["second"]["id"]]
    assert ongoing["status"] == "active"
    assert ongoing["medicationCodeableConcept"] == {"text": "Trial drug X"}
    assert "end" not in ongoing["effectivePeriod"]


def test_it_writes_a_scan_as_a_radiology_report(alice_api, journal):
    resources = _by_id(alice_api.get(FHIR).json())
    report = resources[journal["plain"]["id"]]
    assert report["category"][0]["coding"][0] == {
        "system": "http://terminology.hl7.org/CodeSystem/v2-0074",
        "code": "RAD",
        "display": "Radiology",
    }
    assert report["effectiveDateTime"] == "2026-03-01"
    assert report["status"] == "final"
    assert "Brain" in report["conclusion"]
    # A result the patient has not heard yet is only registered.
    assert resources[journal["unknown"]["id"]]["status"] == "registered"


def test_it_writes_a_side_effect_as_an_adverse_event(alice_api, journal):
    bundle = alice_api.get(FHIR).json()
    resources = _by_id(bundle)
    event = resources[journal["effect"]["id"]]
    assert event["actuality"] == "actual"
    assert event["date"] == "2026-02-01"
    assert event["severity"]["coding"][0]["code"] == "severe"
    assert event["outcome"]["coding"][0]["code"] == "ongoing"
    assert event["suspectEntity"] == [
        {"instance": {"reference": f"urn:uuid:{journal['second']['id']}"}}
    ]


def test_a_narrative_carries_the_patients_own_words_safely_escaped(alice_api, journal):
    resources = _by_id(alice_api.get(FHIR).json())
    div = resources[journal["with_recist"]["id"]]["text"]["div"]
    # Well-formed XHTML: the patient's "<a bit>" is text, not markup.
    root = ElementTree.fromstring(div)  # noqa: S314 (our own server's output)
    assert root.tag == "{http://www.w3.org/1999/xhtml}div"
    assert "Shrinking <a bit>" in "".join(root.itertext())


def test_fhir_bundle_takes_any_scope_of_records(alice, journal):
    """Clinic sharing passes a filtered queryset; only those records appear."""
    scans = Record.objects.filter(user=alice, collection="scans")
    bundle = fhir_bundle(
        records=scans,
        patient_id=fhir_patient_id(user_id=alice.pk),
        exported_at=datetime.datetime.now(datetime.UTC),
    )
    kinds = Counter(r["resourceType"] for r in _resources(bundle))
    assert kinds == {"Patient": 1, "DiagnosticReport": 3, "Observation": 1, "Provenance": 1}
    Bundle.model_validate(bundle)


def test_a_suspect_course_outside_the_export_is_not_referenced(alice, journal):
    effects = Record.objects.filter(user=alice, collection="side_effects")
    bundle = fhir_bundle(
        records=effects,
        patient_id=fhir_patient_id(user_id=alice.pk),
        exported_at=datetime.datetime.now(datetime.UTC),
    )
    (event,) = [r for r in _resources(bundle) if r["resourceType"] == "AdverseEvent"]
    assert "suspectEntity" not in event


def test_a_course_named_in_capitals_still_links_the_side_effect_to_it(alice_api):
    treatment = upsert("courses", course())
    effect = upsert("side_effects", side_effect(course=treatment["id"].upper()))
    push_ok(alice_api, [treatment, effect])

    event = _by_id(alice_api.get(FHIR).json())[effect["id"]]

    assert event["suspectEntity"] == [{"instance": {"reference": f"urn:uuid:{treatment['id']}"}}]


# -- Weekly check-ins (sync-protocol.md §7) -------------------------------------------------


@pytest.fixture
def checkins(alice_api, journal):
    """Two check-ins of Alice's, one during her second course, and one with nothing rated."""
    rated = upsert(
        "checkins",
        checkin(course=journal["second"]["id"], notes="A hard week"),
    )
    empty = upsert("checkins", {"date": "2026-03-09", "wellbeing": 8})
    push_ok(alice_api, [rated, empty], schema=2)
    return {"rated": rated, "empty": empty}


def test_the_json_export_carries_checkins_as_records(alice_api, checkins):
    body = alice_api.get(JSON).json()
    records = {r["id"]: r for r in body["records"]}
    assert records[checkins["rated"]["id"]]["collection"] == "checkins"
    assert records[checkins["rated"]["id"]]["data"]["items"][0] == {
        "term": "fatigue",
        "term_other": None,
        "frequency": None,
        "severity": 2,
        "interference": 1,
    }
    assert records[checkins["empty"]["id"]]["data"]["items"] == []


def test_each_checkin_is_a_questionnaire_response_that_validates(alice_api, checkins):
    body = alice_api.get(FHIR).json()
    Bundle.model_validate(body)
    resources = _by_id(body)
    rated = resources[checkins["rated"]["id"]]
    assert rated["resourceType"] == "QuestionnaireResponse"
    assert rated["status"] == "completed"
    assert rated["authored"] == "2026-03-02"
    patient = {"reference": f"urn:uuid:{_resources(body)[0]['id']}"}
    assert rated["subject"] == rated["author"] == rated["source"] == patient
    fatigue, hiccups, wellbeing, course_item, notes = rated["item"]
    assert fatigue["text"] == "Tiredness"
    assert [(i["linkId"], i["answer"]) for i in fatigue["item"]] == [
        ("symptom-1-fatigue.severity", [{"valueInteger": 2}]),
        ("symptom-1-fatigue.interference", [{"valueInteger": 1}]),
    ]
    assert hiccups["text"] == "Hiccups"
    assert [(i["linkId"], i["answer"]) for i in hiccups["item"]] == [
        ("symptom-2.frequency", [{"valueInteger": 3}])
    ]
    assert wellbeing == {**wellbeing, "linkId": "wellbeing", "answer": [{"valueInteger": 6}]}
    reference = course_item["answer"][0]["valueReference"]["reference"]
    assert resources[reference.removeprefix("urn:uuid:")]["resourceType"] == "MedicationStatement"
    assert notes["answer"] == [{"valueString": "A hard week"}]
    assert "Moderate (2)" in rated["text"]["div"]
    empty = resources[checkins["empty"]["id"]]
    assert [i["linkId"] for i in empty["item"]] == ["wellbeing"]
    provenance = next(r for r in resources.values() if r["resourceType"] == "Provenance")
    assert {"reference": f"urn:uuid:{rated['id']}"} in provenance["target"]


def test_the_csv_has_one_row_per_checkin_item(alice_api, checkins):
    rows = [r for r in _csv_rows(alice_api.get(CSV)) if r["collection"] == "checkins"]
    assert [(r["date"], r["item_term"], r["item_term_other"]) for r in rows] == [
        ("2026-03-02", "Tiredness", ""),
        ("2026-03-02", "other", "Hiccups"),
        ("2026-03-09", "", ""),
    ]
    assert [(r["item_frequency"], r["item_severity"], r["item_interference"]) for r in rows] == [
        ("", "2", "1"),
        ("3", "", ""),
        ("", "", ""),
    ]
    assert [r["wellbeing"] for r in rows] == ["6", "6", "8"]
    assert rows[0]["notes"] == rows[1]["notes"] == "A hard week"
    assert "items" not in rows[0]
