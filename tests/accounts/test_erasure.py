"""Erasure leaves nothing that names the patient: no session, no sign-in record."""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from accounts.services import account_erase
from tests.support import PASSWORD, token_client

ME = "/api/v1/auth/me"
LOGIN = "/api/v1/auth/login"


def _sign_in(user) -> Client:
    client = Client()
    response = client.post(
        LOGIN, {"email": user.email, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200
    return client


def test_it_ends_a_session_that_never_pushed(alice, bob, catalogue):
    # Signed in on a laptop, only ever looked: no Device row names this session.
    laptop = _sign_in(alice)
    laptop_key = laptop.session.session_key
    bobs_key = _sign_in(bob).session.session_key

    response = token_client(alice).delete(ME, {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert not Session.objects.filter(session_key=laptop_key).exists()
    assert laptop.get(ME).status_code in (401, 403)
    assert Session.objects.filter(session_key=bobs_key).exists()


def test_it_ends_expired_sessions_of_the_account_too(alice, bob):
    client = _sign_in(alice)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())
    account_erase(user=alice)
    assert not Session.objects.filter(session_key=key).exists()


def test_it_removes_sign_in_records_in_any_case_or_spacing_of_the_email(alice, bob):
    now = timezone.now()
    for name in ["ALICE@Example.com", " alice@example.com ", "Alice@example.COM"]:
        AccessAttempt.objects.create(
            username=name, ip_address="10.0.0.1", user_agent="x", attempt_time=now,
            get_data="", post_data="", failures_since_start=1, http_accept="", path_info="/",
        )  # fmt: skip
        AccessLog.objects.create(
            username=name, ip_address="10.0.0.1", user_agent="x", attempt_time=now,
            http_accept="", path_info="/",
        )  # fmt: skip
        AccessFailureLog.objects.create(
            username=name, ip_address="10.0.0.1", user_agent="x", attempt_time=now,
            http_accept="", path_info="/", locked_out=False,
        )  # fmt: skip
    AccessLog.objects.create(
        username="bob@example.com", ip_address="10.0.0.1", user_agent="x", attempt_time=now,
        http_accept="", path_info="/",
    )  # fmt: skip

    account_erase(user=alice)

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert not model.objects.filter(username__icontains="alice").exists(), model
    assert AccessLog.objects.filter(username="bob@example.com").exists()


def test_a_failed_staff_form_sign_in_in_capitals_is_erased_with_the_account(alice):
    Client().post("/clinic/login/", {"username": "ALICE@EXAMPLE.COM", "password": "wrong"})
    assert AccessAttempt.objects.filter(username__iexact="alice@example.com").exists()

    account_erase(user=alice)

    assert not AccessAttempt.objects.filter(username__iexact="alice@example.com").exists()
