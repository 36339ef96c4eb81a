"""Who may open which clinic and sharing page; nothing of a patient leaks to anyone else."""

from __future__ import annotations

import pytest
from django.test import Client

from clinics.models import Consent
from tests.support import password_only, signed_in

STAFF_PATIENT_PAGES = ["", "print/", "journal.csv", "fhir.json"]


def _client(request, persona: str) -> Client:
    if persona == "victor":
        return Client()
    return signed_in(request.getfixturevalue(persona))


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _assert_nothing_of_alice(response, alice_share) -> None:
    text = _text(response)
    assert "ALICE-" not in text
    assert "Alice A." not in text
    assert str(alice_share.public_id) not in text
    assert "alice@example.com" not in text


@pytest.fixture
def everyone(alice_share, bob_share, carol, dave, erin, rita):
    """Both shares exist and every persona has an account."""


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("carol", 200),
        ("dave", 200),
        ("erin", 404),
        ("alice", 403),
        ("bob", 403),
        ("rita", 403),
        ("victor", 302),
    ],
)
@pytest.mark.parametrize("page", STAFF_PATIENT_PAGES)
def test_it_shows_alices_shared_journal_only_to_the_staff_of_the_clinic_she_shares_with(
    request, everyone, alice_share, persona, expected, page
):
    client = _client(request, persona)

    response = client.get(f"/clinic/patients/{alice_share.public_id}/{page}")

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/clinic/login/")
    if expected == 200:
        assert "ALICE-COURSE-NOTE" in _text(response)
    else:
        _assert_nothing_of_alice(response, alice_share)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("carol", 200), ("dave", 200), ("erin", 200), ("alice", 403), ("rita", 403), ("victor", 302)],
)
def test_it_lists_only_the_patients_sharing_with_ones_own_clinic(
    request, everyone, alice_share, persona, expected
):
    response = _client(request, persona).get("/clinic/")

    assert response.status_code == expected
    text = _text(response)
    if persona in ("carol", "dave"):
        assert "Alice A." in text
        assert "Bob B." not in text
    elif persona == "erin":
        assert "Bob B." in text
        _assert_nothing_of_alice(response, alice_share)
    else:
        _assert_nothing_of_alice(response, alice_share)
        assert "Bob B." not in text


def test_it_answers_a_guessed_id_of_another_clinics_patient_with_a_plain_404(
    everyone, alice_share, bob_share, erin
):
    client = signed_in(erin)

    for share_id in (alice_share.public_id, "00000000-0000-0000-0000-000000000000"):
        response = client.get(f"/clinic/patients/{share_id}/")
        assert response.status_code == 404
        _assert_nothing_of_alice(response, alice_share)
    # A patient's account id is no address at all.
    assert client.get(f"/clinic/patients/{alice_share.patient_id}/").status_code == 404
    # Bob's share, hers, is there: the 404s were not a broken page.
    assert client.get(f"/clinic/patients/{bob_share.public_id}/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("carol", 200), ("erin", 200), ("dave", 403), ("alice", 403), ("rita", 403), ("victor", 302)],
)
def test_it_lets_only_a_clinics_admins_manage_its_staff(request, everyone, persona, expected):
    response = _client(request, persona).get("/clinic/staff/")

    assert response.status_code == expected
    if persona == "erin":
        assert "erin@hilltop.example" in _text(response)
        assert "carol@riverside.example" not in _text(response)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("carol", 302),
        ("dave", 403),
        ("erin", 404),
        ("alice", 403),
        ("rita", 403),
        ("victor", 302),
    ],
)
def test_it_lets_only_the_clinics_own_admins_cancel_an_invitation(
    request, everyone, carol, clinic_a, persona, expected
):
    from clinics.models import ClinicInvite
    from clinics.services import invite_create

    invite = invite_create(
        clinic=clinic_a, email="newbie@riverside.example", invited_by=carol, accept_url=str
    )

    response = _client(request, persona).post(f"/clinic/staff/invitations/{invite.pk}/cancel/")

    assert response.status_code == expected
    cancelled = ClinicInvite.objects.get(pk=invite.pk).cancelled_at is not None
    assert cancelled == (persona == "carol")
    if persona == "victor":
        assert response["Location"].startswith("/clinic/login/")
    assert "newbie@riverside.example" not in _text(response)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("carol", 200), ("dave", 200), ("erin", 200), ("bob", 403), ("rita", 403), ("victor", 302)],
)
@pytest.mark.parametrize(
    "page", ["/clinic/referral/", "/clinic/referral.svg", "/clinic/referral.png"]
)
def test_it_gives_the_referral_code_only_to_the_clinics_staff(
    request, everyone, clinic_a, persona, expected, page
):
    response = _client(request, persona).get(page)

    assert response.status_code == expected
    if persona in ("bob", "rita", "victor"):
        assert clinic_a.referral_code not in _text(response)


@pytest.mark.parametrize("persona", ["carol", "dave", "erin"])
def test_it_sends_staff_without_the_second_factor_to_their_code_first(
    everyone, alice_share, persona, request
):
    client = password_only(request.getfixturevalue(persona))

    for url in ("/clinic/", f"/clinic/patients/{alice_share.public_id}/", "/clinic/referral/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/clinic/two-factor/?next=")
        _assert_nothing_of_alice(response, alice_share)


def test_it_sends_a_reviewer_without_the_second_factor_to_the_code_before_the_admin(rita):
    client = password_only(rita)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/clinic/two-factor/?next=%2Fadmin%2F"
    assert signed_in(rita).get("/admin/").status_code == 200


def test_it_lets_a_patient_open_the_admin_login_without_any_code(alice):
    response = password_only(alice).get("/admin/")

    # Not staff: the admin's own login page, never the code prompt.
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("persona", "expected"), [("alice", 200), ("bob", 200), ("carol", 200), ("victor", 403)]
)
def test_it_shows_the_sharing_page_to_signed_in_accounts_with_their_own_shares_only(
    request, everyone, alice_share, persona, expected
):
    response = _client(request, persona).get("/journal/sharing/")

    assert response.status_code == expected
    if persona == "alice":
        assert "Riverside Lung Clinic" in _text(response)
        assert f"/journal/sharing/{alice_share.public_id}/stop/" in _text(response)
    else:
        _assert_nothing_of_alice(response, alice_share)
        assert "Riverside Lung Clinic" not in _text(response)


@pytest.mark.parametrize(("persona", "expected"), [("bob", 404), ("carol", 404), ("victor", 403)])
def test_it_lets_nobody_but_the_patient_stop_her_share(
    request, everyone, alice_share, persona, expected
):
    response = _client(request, persona).post(f"/journal/sharing/{alice_share.public_id}/stop/")

    assert response.status_code == expected
    alice_share.refresh_from_db()
    assert alice_share.revoked_at is None


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("page", STAFF_PATIENT_PAGES)
def test_it_has_no_way_for_staff_to_change_a_shared_journal(
    everyone, alice_share, carol, method, page
):
    client = signed_in(carol)

    response = getattr(client, method)(f"/clinic/patients/{alice_share.public_id}/{page}")

    assert response.status_code == 405


@pytest.mark.parametrize(
    ("persona", "expected"), [("alice", 200), ("bob", 200), ("rita", 200), ("victor", 403)]
)
def test_it_shows_the_consent_screen_only_to_signed_in_accounts(
    request, everyone, persona, expected
):
    response = _client(request, persona).get("/journal/sharing/new/", {"code": "RIVR2345"})

    assert response.status_code == expected
    if persona == "victor":
        assert "Sign in to share your journal" in _text(response)
        assert Consent.objects.count() == 2  # Alice's and Bob's, nothing new


@pytest.mark.parametrize("persona", ["bob", "carol", "erin", "rita"])
def test_it_shows_nobody_else_alices_shares_through_the_api(
    request, everyone, alice_share, carol, persona
):
    signed_in(carol).get(f"/clinic/patients/{alice_share.public_id}/")
    client = _client(request, persona)

    response = client.get("/api/v1/sharing")

    # Staff may not use the patient API at all (no second factor there).
    assert response.status_code == (200 if persona == "bob" else 403)
    if persona != "bob":
        assert response.json()["error"] == "staff_account"
    _assert_nothing_of_alice(response, alice_share)
    assert "carol@riverside.example" not in _text(response)
