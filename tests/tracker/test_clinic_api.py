"""The sharing API for the app: a patient's shares and who looked, and stopping a share."""

from __future__ import annotations

from rest_framework.test import APIClient

from tests.tracker.clinic_support import *  # noqa: F403
from tests.tracker.clinic_support import signed_in
from tests.tracker.conftest import token_client

SHARING = "/api/v1/sharing"


def test_it_lists_the_patients_shares_and_who_looked(alice_share, alice, carol):
    signed_in(carol).get(f"/clinic/patients/{alice_share.public_id}/fhir.json")

    body = token_client(alice).get(SHARING).json()

    [share] = body["shares"]
    assert share["id"] == str(alice_share.public_id)
    assert share["clinic"]["name"] == "Riverside Lung Clinic"
    assert share["clinic"]["phone"] == "+44 20 7946 0000"
    assert share["scopes"] == ["courses", "scans", "side_effects", "questions"]
    assert share["display_name"] == "Alice A."
    assert share["active"] is True
    assert share["expires_on"] is None and share["revoked_at"] is None
    [look] = body["access_log"]
    assert look["staff"] == "Carol Staff (carol@riverside.example)"
    assert look["clinic"] == "Riverside Lung Clinic"
    assert look["action"] == "fhir"
    assert look["share_id"] == str(alice_share.public_id)


def test_it_shows_another_patient_nothing_of_alices_sharing(alice_share, bob_share, bob, carol):
    signed_in(carol).get(f"/clinic/patients/{alice_share.public_id}/")

    body = token_client(bob).get(SHARING).json()

    assert [s["clinic"]["name"] for s in body["shares"]] == ["Hilltop Oncology"]
    assert body["access_log"] == []
    assert "Alice" not in str(body)


def test_it_answers_a_visitor_with_the_error_body(db):
    response = APIClient().get(SHARING)

    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"


def test_it_stops_a_share_and_the_clinic_sees_nothing_from_the_next_request(
    alice_share, alice, carol
):
    staff = signed_in(carol)
    assert staff.get(f"/clinic/patients/{alice_share.public_id}/").status_code == 200

    response = token_client(alice).post(f"{SHARING}/{alice_share.public_id}/stop")

    assert response.status_code == 204
    assert staff.get(f"/clinic/patients/{alice_share.public_id}/").status_code == 404
    [share] = token_client(alice).get(SHARING).json()["shares"]
    assert share["active"] is False and share["revoked_at"] is not None


def test_it_answers_404_when_someone_else_tries_to_stop_alices_share(alice_share, bob):
    response = token_client(bob).post(f"{SHARING}/{alice_share.public_id}/stop")

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    alice_share.refresh_from_db()
    assert alice_share.revoked_at is None


def test_it_wants_the_csrf_token_from_a_session(alice_share, alice):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(f"{SHARING}/{alice_share.public_id}/stop")

    assert response.status_code == 403
    alice_share.refresh_from_db()
    assert alice_share.revoked_at is None
