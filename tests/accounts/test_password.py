"""Changing the password (POST /api/v1/auth/password) ends every other sign-in."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.support import PASSWORD, token_client

CHANGE = "/api/v1/auth/password"
LOGIN = "/api/v1/auth/login"
ME = "/api/v1/auth/me"
NEW = "plum-orchard-velvet-42"


def _browser(user) -> APIClient:
    client = APIClient()
    assert (
        client.post(LOGIN, {"email": user.email, "password": PASSWORD}, format="json").status_code
        == 200
    )
    client.get(ME)
    return client


def _csrf(client) -> dict:
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def test_it_changes_the_password_and_keeps_the_calling_session(alice, catalogue):
    me, other_tab = _browser(alice), _browser(alice)
    phone = token_client(alice)
    (mine,) = [d for d in me.get("/api/v1/auth/devices").json()["devices"] if d["current"]]
    response = me.post(
        CHANGE, {"current_password": PASSWORD, "new_password": NEW}, format="json", **_csrf(me)
    )
    assert response.status_code == 204
    assert me.get(ME).status_code == 200
    assert other_tab.get(ME).status_code in (401, 403)
    assert phone.get(ME).status_code == 401
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    # The same sign-in, under its rotated session key.
    assert [d["id"] for d in me.get("/api/v1/auth/devices").json()["devices"]] == [mine["id"]]


def test_a_token_caller_keeps_its_token(alice, catalogue):
    phone, tablet = token_client(alice), token_client(alice)
    browser = _browser(alice)
    response = phone.post(
        CHANGE, {"current_password": PASSWORD, "new_password": NEW}, format="json"
    )
    assert response.status_code == 204
    assert phone.get(ME).status_code == 200
    assert tablet.get(ME).status_code == 401
    assert browser.get(ME).status_code in (401, 403)
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 1


def test_a_wrong_current_password_is_refused_and_counted(alice, catalogue):
    phone = token_client(alice)
    response = phone.post(CHANGE, {"current_password": "nope", "new_password": NEW}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_credentials"
    assert body["fields"]["current_password"]
    assert AccessAttempt.objects.filter(username="alice@example.com").exists()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_repeated_wrong_current_passwords_lock_the_account(alice, catalogue, settings):
    settings.AXES_FAILURE_LIMIT = 3
    phone = token_client(alice)
    for _ in range(3):
        phone.post(CHANGE, {"current_password": "nope", "new_password": NEW}, format="json")
    response = phone.post(
        CHANGE, {"current_password": PASSWORD, "new_password": NEW}, format="json"
    )
    assert response.status_code == 429
    assert response.json()["error"] == "too_many_attempts"


@pytest.mark.parametrize("new", ["short", "password123", "alice@example.com", "", None])
def test_a_weak_new_password_is_refused_with_fields(alice, catalogue, new):
    phone, other = token_client(alice), token_client(alice)
    response = phone.post(
        CHANGE, {"current_password": PASSWORD, "new_password": new}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid"
    assert response.json()["fields"]["new_password"]
    assert other.get(ME).status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_it_needs_a_sign_in(db, client):
    response = client.post(
        CHANGE, {"current_password": PASSWORD, "new_password": NEW}, content_type="application/json"
    )
    assert response.status_code in (401, 403)
