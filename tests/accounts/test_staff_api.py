"""Staff cannot skip their second factor through the patient API (sign-in, tokens, erasure)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import account_erase
from clinics.models import ClinicMembership
from ros1site.errors import NotAllowed
from tests.factories import UserFactory
from tests.support import PASSWORD, password_only, signed_in, token_client

User = get_user_model()
STAFF_PERSONAS = ["rita", "carol", "dave", "erin", "site_admin", "superuser"]


@pytest.fixture
def site_admin(db):
    """Admin staff: may open /admin/, not a reviewer."""
    return UserFactory(email="stella@example.org", is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


@pytest.fixture(params=STAFF_PERSONAS)
def staff_user(request):
    return request.getfixturevalue(request.param)


def _credentials(user, password=PASSWORD) -> dict:
    return {"email": user.email, "password": password}


def test_a_staff_account_gets_no_token_with_its_password(staff_user):
    response = APIClient().post("/api/v1/auth/token", _credentials(staff_user), format="json")

    assert response.status_code == 403
    assert response.json()["error"] == "staff_account"
    assert "/clinic/login/" in response.json()["detail"]
    assert not ApiToken.objects.filter(user=staff_user).exists()


def test_a_staff_account_cannot_sign_in_through_the_api(staff_user):
    client = APIClient()
    response = client.post("/api/v1/auth/login", _credentials(staff_user), format="json")

    assert response.status_code == 403
    assert response.json()["error"] == "staff_account"
    assert client.get("/api/v1/auth/me").status_code in (401, 403)


def test_a_staff_account_cannot_erase_itself_through_the_api(staff_user):
    # Signed in with the password alone, e.g. at /clinic/login/ before the code.
    client = APIClient()
    client.force_login(staff_user)

    response = client.delete("/api/v1/auth/me", {"password": PASSWORD}, format="json")

    assert response.status_code == 403
    assert response.json()["error"] == "staff_account"
    assert User.objects.filter(pk=staff_user.pk).exists()


def test_a_wrong_password_for_a_staff_account_says_only_that_it_is_wrong(carol):
    # "staff_account" comes only after the right password: no list of staff addresses.
    response = APIClient().post(
        "/api/v1/auth/token", _credentials(carol, password="wrong"), format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_credentials"


def test_a_patient_still_gets_a_token(alice):
    response = APIClient().post("/api/v1/auth/token", _credentials(alice), format="json")
    assert response.status_code == 201


def test_a_clinics_last_admin_cannot_be_erased(carol, dave):
    with pytest.raises(NotAllowed) as refused:
        account_erase(user=carol)
    assert refused.value.code == "last_clinic_admin"
    assert User.objects.filter(pk=carol.pk).exists()


def test_an_admin_can_be_erased_once_the_clinic_has_another(carol, dave, clinic_a):
    ClinicMembership.objects.filter(user=dave).update(is_clinic_admin=True)
    account_erase(user=carol)
    assert not User.objects.filter(pk=carol.pk).exists()
    assert ClinicMembership.objects.filter(clinic=clinic_a, is_clinic_admin=True).count() == 1


def test_staff_who_are_not_admins_can_be_erased(dave):
    account_erase(user=dave)
    assert not User.objects.filter(pk=dave.pk).exists()


STAFF_READS = ["/api/v1/sync/pull", "/api/v1/export.json", "/api/v1/auth/me", "/api/v1/sharing"]


@pytest.mark.parametrize("persona", ["rita", "carol", "dave"])
def test_a_staff_accounts_session_or_token_is_refused_by_every_patient_api_call(request, persona):
    user = request.getfixturevalue(persona)
    token = token_client(user)
    clients = {"verified session": signed_in(user), "password only": password_only(user)}
    answers = {
        (kind, url): client.get(url) for kind, client in clients.items() for url in STAFF_READS
    }
    answers |= {("token", url): token.get(url) for url in STAFF_READS}
    answers["token", "push"] = token.post(
        "/api/v1/sync/push", {"schema": 1, "mutations": []}, format="json"
    )

    assert {key: a.status_code for key, a in answers.items()} == dict.fromkeys(answers, 403)
    assert {a.json()["error"] for a in answers.values()} == {"staff_account"}


def test_a_patient_is_not_taken_for_staff(alice):
    assert token_client(alice).get("/api/v1/auth/me").status_code == 200
