"""The clinic's read-only view of a shared journal and its downloads, cut to the scopes."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fhir.resources.R4B.bundle import Bundle

from clinics.models import AccessLog
from clinics.selectors import shared_records_for_staff
from tests.support import ALICE_MARKERS, share, signed_in
from tracker.models import Record

PAGES = {"view": "", "print": "print/", "csv": "journal.csv", "fhir": "fhir.json"}


@pytest.fixture
def scans_only(alice, clinic_a, journals):
    """Alice shares only her scans with clinic A."""
    return share(alice, clinic_a, scopes=["scans"], name="Alice A.")


@pytest.mark.parametrize("page", PAGES.values())
def test_it_shows_no_courses_anywhere_when_only_scans_are_shared(scans_only, carol, page):
    response = signed_in(carol).get(f"/clinic/patients/{scans_only.public_id}/{page}")

    text = response.content.decode()
    assert response.status_code == 200
    assert ALICE_MARKERS["scans"] in text
    for scope in ("courses", "side_effects", "questions"):
        assert ALICE_MARKERS[scope] not in text
    assert "crizotinib" not in text.lower()
    assert "Tiredness" not in text


def test_it_cuts_records_to_the_scopes_in_the_selector_itself(scans_only, carol):
    consent, records = shared_records_for_staff(staff=carol, share_id=scans_only.public_id)

    assert {r.collection for r in records} == {"scans"}
    # Asking for more than was agreed gives no more.
    _, asked = shared_records_for_staff(
        staff=carol, share_id=scans_only.public_id, collections=["courses", "scans"]
    )
    assert {r.collection for r in asked} == {"scans"}


def test_it_shows_the_timeline_and_every_shared_entry_readably(alice_share, carol):
    html = signed_in(carol).get(f"/clinic/patients/{alice_share.public_id}/").content.decode()

    assert "<svg" in html and 'role="img"' in html
    assert "Journal shared by Alice A." in html
    for marker in ALICE_MARKERS.values():
        assert marker in html
    assert "crizotinib" in html  # the catalogue's name for the course's drug
    assert "Improved (shrinking)" in html  # labels, not codes
    assert "Tiredness" in html
    # Only what the patient chose to show identifies her.
    assert "alice@example.com" not in html


def test_it_escapes_the_patients_words_everywhere(alice, clinic_a, carol, catalogue):
    from tests.support import write_journal

    write_journal(
        alice,
        {
            "courses": "<script>alert(1)</script>",
            "scans": "<img src=x onerror=alert(2)>",
            "side_effects": '=HYPERLINK("http://evil")',
            "questions": "<b>bold?</b>",
        },
    )
    consent = share(alice, clinic_a, name="<i>Alice</i>")
    client = signed_in(carol)

    for page in ("", "print/"):
        html = client.get(f"/clinic/patients/{consent.public_id}/{page}").content.decode()
        assert "<script>alert(1)" not in html
        assert "<img src=x" not in html
        assert "<i>Alice</i>" not in html
        assert "&lt;script&gt;alert(1)" in html
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/clinic/patients/{consent.public_id}/journal.csv").content.decode()
            )
        )
    )
    notes = [row for row in rows if "HYPERLINK" in ",".join(row)]
    assert notes and all(not cell.startswith("=") for row in notes for cell in row)


# Each starts a cell that a spreadsheet could run as a formula.
FORMULA_CELLS = {
    "equals": "=1+1",
    "plus": "+1+1",
    "minus": "-1+1",
    "at": "@SUM(A1)",
    "tab": "\t=1+1",
    "space": " =1+1",
    "no-break space": "\u00a0=1+1",
    "byte order mark": "\ufeff=1+1",
    "zero-width space": "\u200b=1+1",
    "full-width equals": "\uff1d1+1",
    "newline": "\n=1+1",
    "spaces and newlines": " \r\n @A1",
}


@pytest.mark.parametrize("name", FORMULA_CELLS)
def test_no_cell_of_the_csv_can_start_a_formula(alice, clinic_a, carol, catalogue, name):
    from tests.support import write_journal

    text = FORMULA_CELLS[name]
    write_journal(alice, {"courses": text, "scans": text, "side_effects": text, "questions": "Q"})
    consent = share(alice, clinic_a)

    body = signed_in(carol).get(f"/clinic/patients/{consent.public_id}/journal.csv")
    notes = [row["notes"] for row in csv.DictReader(io.StringIO(body.content.decode()))]

    assert notes.count("'" + text) == 3


def test_a_csv_cell_with_a_space_but_no_formula_is_left_as_written(
    alice, clinic_a, carol, catalogue
):
    from tests.support import write_journal

    write_journal(
        alice,
        {k: "  fine, thanks" for k in ("courses", "scans", "side_effects")} | {"questions": "Q"},
    )
    consent = share(alice, clinic_a)

    body = signed_in(carol).get(f"/clinic/patients/{consent.public_id}/journal.csv")
    notes = [row["notes"] for row in csv.DictReader(io.StringIO(body.content.decode()))]

    assert notes.count("  fine, thanks") == 3


def test_it_downloads_a_csv_with_the_shared_collections_only(scans_only, carol):
    response = signed_in(carol).get(f"/clinic/patients/{scans_only.public_id}/journal.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="journal-Alice-A-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["collection"] for row in rows] == ["scans"]
    assert rows[0]["notes"] == ALICE_MARKERS["scans"]
    assert rows[0]["sites"] == "chest"
    assert "drug" not in rows[0]  # no column for what was not shared


def test_it_downloads_a_valid_fhir_r4_bundle_with_the_shared_entries_only(alice_share, carol):
    response = signed_in(carol).get(f"/clinic/patients/{alice_share.public_id}/fhir.json")

    assert response["Content-Type"] == "application/fhir+json"
    bundle = json.loads(response.content)
    Bundle.model_validate(bundle)  # raises when the bundle breaks FHIR's rules
    kinds = sorted(entry["resource"]["resourceType"] for entry in bundle["entry"])
    assert kinds == [
        "AdverseEvent",
        "Communication",
        "DiagnosticReport",
        "MedicationStatement",
        "Patient",
        "Provenance",
    ]
    patient = bundle["entry"][0]["resource"]
    assert patient == {
        "resourceType": "Patient",
        "id": str(alice_share.public_id),
        "name": [{"text": "Alice A."}],
    }
    course = next(
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "MedicationStatement"
    )
    assert course["medicationCodeableConcept"] == {"text": "crizotinib"}
    assert course["effectivePeriod"] == {"start": "2026-01-05"}
    assert course["dosage"] == [{"text": "250 mg twice daily"}]


def test_it_puts_only_scans_in_the_fhir_bundle_of_a_scans_only_share(scans_only, carol):
    bundle = signed_in(carol).get(f"/clinic/patients/{scans_only.public_id}/fhir.json").json()

    Bundle.model_validate(bundle)
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds == ["Patient", "DiagnosticReport", "Provenance"]
    assert "Improved (shrinking)" in bundle["entry"][1]["resource"]["conclusion"]
    assert ALICE_MARKERS["courses"] not in json.dumps(bundle)


def test_it_leaves_out_deleted_entries(alice, clinic_a, carol, catalogue):
    from tests.support import delete, push_ok, scan, token_client, upsert

    api = token_client(alice)
    [created] = push_ok(api, [upsert("scans", scan(notes="GONE-SCAN"))])
    push_ok(api, [delete("scans", id=created["id"], base_version=created["version"])])
    consent = share(alice, clinic_a, scopes=["scans"])

    client = signed_in(carol)
    for page in PAGES.values():
        assert (
            "GONE-SCAN"
            not in client.get(f"/clinic/patients/{consent.public_id}/{page}").content.decode()
        )


@pytest.mark.parametrize(("action", "page"), PAGES.items())
def test_it_records_every_look_with_who_what_when_and_under_which_consent(
    scans_only, carol, clinic_a, alice, action, page
):
    signed_in(carol).get(f"/clinic/patients/{scans_only.public_id}/{page}")

    [row] = AccessLog.objects.all()
    assert row.patient == alice
    assert row.staff == carol
    assert row.staff_name == "Carol Staff (carol@riverside.example)"
    assert row.clinic == clinic_a
    assert row.clinic_name == "Riverside Lung Clinic"
    assert row.consent == scans_only
    assert row.action == action
    assert row.scopes == ["scans"]


def test_it_records_nothing_when_the_look_is_refused(alice_share, bob_share, erin, dave):
    signed_in(erin).get(f"/clinic/patients/{alice_share.public_id}/")
    from tests.support import password_only

    password_only(dave).get(f"/clinic/patients/{alice_share.public_id}/")

    assert not AccessLog.objects.exists()


def test_it_reads_a_shared_journal_in_a_fixed_number_of_queries(
    alice_share, carol, django_assert_max_num_queries
):
    client = signed_in(carol)
    with django_assert_max_num_queries(20):
        assert client.get(f"/clinic/patients/{alice_share.public_id}/").status_code == 200


def _ids_and_references(bundle: dict) -> tuple[set[str], set[str]]:
    text = json.dumps(bundle)
    ids = {entry["resource"]["id"] for entry in bundle["entry"]}
    return ids, set(re.findall(r'"reference": "urn:uuid:([^"]+)"', text))


def test_it_gives_each_clinic_different_ids_so_their_files_cannot_be_matched(
    alice_share, alice, clinic_b, carol, erin
):
    from tests.support import push_ok, scan, token_client, upsert
    from tracker.exports import fhir_patient_id

    push_ok(token_client(alice), [upsert("scans", scan(recist="PR"))])
    other = share(alice, clinic_b, name="A. Example")  # everything, as with clinic A
    bundles = [
        signed_in(staff).get(f"/clinic/patients/{consent.public_id}/fhir.json").json()
        for staff, consent in ((carol, alice_share), (erin, other))
    ]

    (ids_a, refs_a), (ids_b, refs_b) = (_ids_and_references(b) for b in bundles)
    # Patient, course, two scans, the RECIST Observation, side effect, question, Provenance.
    assert len(ids_a) == len(ids_b) == 8
    assert ids_a.isdisjoint(ids_b)
    record_ids = {str(pk) for pk in Record.objects.filter(user=alice).values_list("id", flat=True)}
    assert record_ids.isdisjoint(ids_a | ids_b)
    assert fhir_patient_id(user_id=alice.pk) not in ids_a | ids_b
    # Every reference still points at a resource of the same bundle.
    assert refs_a <= ids_a and refs_b <= ids_b


def test_it_gives_the_same_ids_each_time_a_clinic_downloads_the_same_share(alice_share, carol):
    client = signed_in(carol)
    url = f"/clinic/patients/{alice_share.public_id}/fhir.json"

    first, second = (_ids_and_references(client.get(url).json())[0] for _ in range(2))

    assert first == second


def test_it_keeps_a_side_effect_pointing_at_its_course_under_the_derived_ids(
    alice, clinic_a, carol, catalogue
):
    from tests.support import course, push_ok, side_effect, token_client, upsert

    api = token_client(alice)
    [treatment] = push_ok(api, [upsert("courses", course())])
    push_ok(api, [upsert("side_effects", side_effect(course=treatment["id"]))])
    consent = share(alice, clinic_a)

    bundle = signed_in(carol).get(f"/clinic/patients/{consent.public_id}/fhir.json").json()

    Bundle.model_validate(bundle)
    resources = {e["resource"]["resourceType"]: e["resource"] for e in bundle["entry"]}
    suspect = resources["AdverseEvent"]["suspectEntity"][0]["instance"]["reference"]
    assert suspect == f"urn:uuid:{resources['MedicationStatement']['id']}"
    assert treatment["id"] not in json.dumps(bundle)


def test_it_names_the_course_of_a_side_effect_whose_reference_is_in_capitals(
    alice, clinic_a, carol, catalogue
):
    from tests.support import course, push_ok, side_effect, token_client, upsert

    api = token_client(alice)
    treatment = upsert("courses", course())
    push_ok(api, [treatment, upsert("side_effects", side_effect(course=treatment["id"].upper()))])
    consent = share(alice, clinic_a)

    html = signed_in(carol).get(f"/clinic/patients/{consent.public_id}/").content.decode()

    during = re.search(r"During treatment</dt>\s*<dd>([^<]*)</dd>", html)
    assert during and "rizotinib" in during.group(1)
