"""The sharing API for the app: a patient's shares and who looked, and stopping a share."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.support import many_looks, signed_in, token_client

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
    assert body["access_log_count"] == 0
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


def test_it_pages_the_access_log_so_that_every_look_can_be_read(alice_share, alice, carol):
    many_looks(alice_share, carol, 201)
    api = token_client(alice)

    first = api.get(SHARING).json()
    second = api.get(SHARING, {"looks_page": first["access_log_next_page"]}).json()
    beyond = api.get(SHARING, {"looks_page": 3}).json()

    assert first["access_log_count"] == second["access_log_count"] == 201
    assert len(first["access_log"]) == 200
    assert first["access_log"][0]["staff"] == "Look number 201"
    assert first["access_log_next_page"] == 2
    assert [look["staff"] for look in second["access_log"]] == ["Look number 1"]
    assert second["access_log_next_page"] is None
    assert beyond["access_log"] == [] and beyond["access_log_next_page"] is None
    assert beyond["shares"] == first["shares"]


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "\u00b2", ""])
def test_it_answers_a_bad_page_of_the_access_log_with_a_clear_error(alice_share, alice, value):
    response = token_client(alice).get(SHARING, {"looks_page": value})

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert "looks_page" in response.json()["fields"]


def test_it_answers_a_page_far_past_the_end_with_an_empty_page(alice_share, alice):
    response = token_client(alice).get(SHARING, {"looks_page": "9" * 5000})

    assert response.status_code == 200
    assert response.json()["access_log"] == []


def test_it_reads_a_page_number_with_leading_zeros_as_that_number(alice_share, alice, carol):
    many_looks(alice_share, carol, 1)

    response = token_client(alice).get(SHARING, {"looks_page": "00000000001"})

    assert response.status_code == 200
    assert [look["staff"] for look in response.json()["access_log"]] == ["Look number 1"]
