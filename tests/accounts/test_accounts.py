"""Accounts and authentication (sync-protocol.md §1), devices and tokens."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.test import APIClient

from accounts.authentication import USERNAME_MAX_LENGTH, client_username
from accounts.models import ApiToken, Device
from clinics.models import Clinic, Consent
from clinics.services import consent_grant
from tests.factories import UserFactory
from tests.support import PASSWORD, PUSH, pull_all, push_ok, question, scan, token_client, upsert
from tracker.models import AppliedMutation, Record

User = get_user_model()
REGISTER = "/api/v1/auth/register"
LOGIN = "/api/v1/auth/login"
LOGOUT = "/api/v1/auth/logout"
ME = "/api/v1/auth/me"
TOKEN = "/api/v1/auth/token"
STRONG = "plum-orchard-velvet-42"


@pytest.fixture
def browser(db):
    """A browser: cookies kept, and CSRF checked as in production."""
    return APIClient(enforce_csrf_checks=True)


def _csrf(client) -> dict:
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


# -- Register


def test_it_registers_an_account_and_signs_the_session_in(browser):
    response = browser.post(
        REGISTER, {"email": "Carol@Example.com", "password": STRONG}, format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body == {"id": body["id"], "email": "carol@example.com"}
    user = User.objects.get(pk=body["id"])
    assert user.username == "carol@example.com"
    assert browser.get(ME).json()["email"] == "carol@example.com"


def test_it_refuses_a_taken_email_with_fields(alice, browser):
    response = browser.post(
        REGISTER, {"email": "ALICE@example.com", "password": STRONG}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid"
    assert list(response.json()["fields"]) == ["email"]
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1


@pytest.mark.parametrize("password", ["short", "password123", "12345678901", "carol@example.com"])
def test_it_refuses_a_weak_password_with_fields(db, browser, password):
    response = browser.post(
        REGISTER, {"email": "carol@example.com", "password": password}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid"
    assert list(response.json()["fields"]) == ["password"]
    assert response.json()["fields"]["password"]
    assert not User.objects.filter(username="carol@example.com").exists()


@pytest.mark.parametrize("email", ["not-an-email", "", None, 7, ["a@b.c"]])
def test_it_refuses_an_invalid_email_with_fields(db, browser, email):
    response = browser.post(REGISTER, {"email": email, "password": STRONG}, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid"
    assert list(response.json()["fields"]) == ["email"]


# -- Login, logout, me


def test_it_signs_in_with_email_and_password(alice, browser):
    response = browser.post(
        LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {"id": alice.pk, "email": "alice@example.com"}
    assert "sessionid" in response.cookies
    assert browser.get(ME).status_code == 200


def test_it_signs_in_whatever_the_case_of_the_email(alice, browser):
    response = browser.post(
        LOGIN, {"email": " Alice@EXAMPLE.com", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200


def test_it_answers_invalid_credentials_for_a_wrong_password(alice, browser):
    response = browser.post(
        LOGIN, {"email": "alice@example.com", "password": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_credentials"
    assert browser.get(ME).status_code in (401, 403)


def test_it_answers_invalid_credentials_for_an_unknown_email(db, browser):
    response = browser.post(LOGIN, {"email": "nobody@example.com", "password": "x"}, format="json")
    assert response.json()["error"] == "invalid_credentials"


def test_me_answers_401_or_403_when_not_signed_in(client):
    assert client.get(ME).status_code in (401, 403)


def test_it_logs_out_with_204(alice, browser):
    browser.post(LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json")
    response = browser.post(LOGOUT, **_csrf(browser))
    assert response.status_code == 204
    assert browser.get(ME).status_code in (401, 403)


def test_a_browser_session_needs_the_csrf_token_on_unsafe_calls(alice, catalogue, browser):
    browser.post(LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json")
    body = {"schema": 1, "mutations": [upsert("scans", scan())]}
    refused = browser.post(PUSH, body, format="json")
    assert refused.status_code == 403
    assert not Record.objects.exists()
    accepted = browser.post(PUSH, body, format="json", **_csrf(browser))
    assert accepted.status_code == 200


def test_a_token_call_needs_no_csrf_token(alice, catalogue):
    client = APIClient(enforce_csrf_checks=True)
    key = client.post(
        TOKEN, {"email": "alice@example.com", "password": PASSWORD, "label": "app"}, format="json"
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.post(
        PUSH, {"schema": 1, "mutations": [upsert("scans", scan())]}, format="json"
    )
    assert response.status_code == 200


# -- Tokens


def test_it_makes_a_bearer_token_and_stores_only_its_hash(alice):
    response = APIClient().post(
        TOKEN, {"email": "alice@example.com", "password": PASSWORD, "label": "phone"}, format="json"
    )
    assert response.status_code == 201
    key = response.json()["token"]
    token = ApiToken.objects.get(user=alice)
    assert token.label == "phone"
    assert key not in token.key_hash
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(ME).json()["email"] == "alice@example.com"


def test_it_refuses_a_token_for_a_wrong_password(alice):
    response = APIClient().post(
        TOKEN, {"email": "alice@example.com", "password": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_credentials"
    assert not ApiToken.objects.exists()


def test_delete_token_revokes_the_token_used_for_the_call(alice):
    client, other = token_client(alice), token_client(alice)
    assert client.delete(TOKEN).status_code == 204
    assert client.get(ME).status_code == 401
    assert other.get(ME).status_code == 200


def test_delete_token_from_a_browser_session_says_there_is_no_token(alice, browser):
    browser.post(LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json")
    response = browser.delete(TOKEN, **_csrf(browser))
    assert response.status_code == 400
    assert response.json()["error"] == "not_token_authenticated"
    assert browser.get(ME).status_code == 200


def test_an_unknown_token_is_refused_with_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_lists_my_tokens_without_their_keys(alice, bob):
    client = token_client(alice)
    token_client(bob)
    tokens = client.get("/api/v1/auth/tokens").json()["tokens"]
    assert len(tokens) == 1
    assert set(tokens[0]) == {"id", "label", "created_at", "last_used_at", "current"}
    assert tokens[0]["current"] is True


def test_i_can_revoke_any_of_my_tokens(alice):
    client, lost_phone = token_client(alice), token_client(alice)
    lost_id = ApiToken.objects.filter(user=alice).order_by("pk").last().pk
    assert client.delete(f"/api/v1/auth/tokens/{lost_id}").status_code == 204
    assert lost_phone.get(ME).status_code == 401
    assert client.get(ME).status_code == 200


def test_i_cannot_revoke_someone_elses_token(alice, bob):
    token_client(bob)
    bobs = ApiToken.objects.get(user=bob)
    response = token_client(alice).delete(f"/api/v1/auth/tokens/{bobs.pk}")
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=bobs.pk).revoked_at is None


# -- Devices


def test_it_lists_my_devices(alice, catalogue):
    client = token_client(alice, user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1")
    push_ok(client, [upsert("scans", scan())], client_id="iphone-1")
    (device,) = client.get("/api/v1/auth/devices").json()["devices"]
    assert device["client_id"] == "iphone-1"
    assert device["user_agent"] == "Safari on iPhone"
    assert device["first_seen"] and device["last_seen"]


def test_revoking_a_device_forgets_it_and_ends_its_sign_in(alice, catalogue):
    me, lost = token_client(alice), token_client(alice)
    push_ok(lost, [upsert("scans", scan())], client_id="lost-phone")
    assert me.delete("/api/v1/auth/devices/lost-phone").status_code == 204
    assert not Device.objects.filter(client_id="lost-phone").exists()
    assert lost.get(ME).status_code == 401
    assert me.get(ME).status_code == 200


def test_revoking_a_browser_device_ends_its_session(alice, catalogue):
    browser = APIClient()
    browser.post(LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json")
    browser.post(PUSH, {"schema": 1, "client_id": "tab", "mutations": []}, format="json")
    assert token_client(alice).delete("/api/v1/auth/devices/tab").status_code == 204
    assert browser.get(ME).status_code in (401, 403)


def test_i_cannot_revoke_someone_elses_device(alice, bob, catalogue):
    push_ok(token_client(bob), [upsert("scans", scan())], client_id="bobs-phone")
    assert token_client(alice).delete("/api/v1/auth/devices/bobs-phone").status_code == 404
    assert Device.objects.filter(user=bob, client_id="bobs-phone").exists()


# -- Erasure


def test_erasing_my_account_removes_records_tokens_devices_and_shares(alice, bob, catalogue):
    client = token_client(alice)
    push_ok(client, [upsert("scans", scan()), upsert("questions", question())], client_id="p")
    bobs = token_client(bob)
    push_ok(bobs, [upsert("scans", scan())])
    clinic = Clinic.objects.create(name="Test clinic")
    consent_grant(
        patient=alice,
        clinic=clinic,
        scopes=["scans"],
        expires_on=None,
        display_name="A.",
        wording="I agree.",
    )
    response = client.delete(ME, {"password": PASSWORD}, format="json")
    assert response.status_code == 204
    assert not User.objects.filter(pk=alice.pk).exists()
    for model in (Record, ApiToken, Device, AppliedMutation):
        assert not model.objects.filter(user_id=alice.pk).exists(), model
    assert not Consent.objects.filter(patient_id=alice.pk).exists()
    assert Clinic.objects.filter(pk=clinic.pk).exists()
    assert not AccessAttempt.objects.filter(username="alice@example.com").exists()
    assert Record.objects.filter(user=bob).count() == 1
    assert client.get(ME).status_code == 401


def test_erasure_needs_the_right_password(alice, catalogue):
    client = token_client(alice)
    push_ok(client, [upsert("scans", scan())])
    response = client.delete(ME, {"password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_credentials"
    assert list(response.json()["fields"]) == ["password"]
    assert Record.objects.filter(user=alice).count() == 1


def test_erasure_from_a_browser_signs_it_out(alice, browser):
    browser.post(LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json")
    response = browser.delete(ME, {"password": PASSWORD}, format="json", **_csrf(browser))
    assert response.status_code == 204
    assert browser.get(ME).status_code in (401, 403)


# -- Throttling


def _fail(client, email="alice@example.com", url=LOGIN, **extra):
    return client.post(url, {"email": email, "password": "wrong"}, format="json", **extra)


def test_it_answers_too_many_attempts_after_repeated_failures_for_one_account(alice, settings):
    statuses = []
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        # A different address each time: the account alone is throttled.
        statuses.append(_fail(APIClient(REMOTE_ADDR=f"10.0.0.{n + 1}")).status_code)
    assert statuses[0] == 400
    assert statuses[-1] == 429
    locked = APIClient(REMOTE_ADDR="10.0.1.1").post(
        LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json"
    )
    assert locked.status_code == 429
    assert locked.json()["error"] == "too_many_attempts"


def test_guesses_at_one_account_never_lock_out_another_from_the_same_address(alice, bob, settings):
    # Behind the README's proxy every patient arrives from one address.
    proxy = "127.0.0.1"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(APIClient(REMOTE_ADDR=proxy))

    other = APIClient(REMOTE_ADDR=proxy).post(
        LOGIN, {"email": "bob@example.com", "password": PASSWORD}, format="json"
    )
    assert other.status_code == 200
    locked = APIClient(REMOTE_ADDR=proxy).post(
        LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json"
    )
    assert locked.status_code == 429
    assert locked.json()["error"] == "too_many_attempts"


def test_guesses_at_many_accounts_from_one_address_do_not_lock_a_real_one(alice, settings):
    client = APIClient(REMOTE_ADDR="10.9.9.9")
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        _fail(client, email=f"guess{n}@example.com")
    response = client.post(
        LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200


def test_it_locks_the_account_and_address_together_too(alice, settings):
    client = APIClient(REMOTE_ADDR="10.9.9.8")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client)
    assert "username" in settings.AXES_LOCKOUT_PARAMETERS
    assert ["username", "ip_address"] in settings.AXES_LOCKOUT_PARAMETERS
    attempt = AccessAttempt.objects.get(username="alice@example.com")
    assert attempt.ip_address == "10.9.9.8"
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT


def test_token_requests_are_throttled_like_logins(alice, settings):
    client = APIClient(REMOTE_ADDR="10.8.8.8")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, url=TOKEN)
    response = client.post(
        TOKEN, {"email": "alice@example.com", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert not ApiToken.objects.exists()


def test_it_ignores_x_forwarded_for_unless_a_trusted_header_is_configured(alice, settings):
    _fail(APIClient(REMOTE_ADDR="10.7.7.7"), HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert AccessAttempt.objects.get().ip_address == "10.7.7.7"


def test_it_reads_the_client_address_from_the_configured_proxy_header(alice, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # The proxy appends the address it saw; anything to its left is the client's say.
    _fail(APIClient(REMOTE_ADDR="10.6.6.6"), HTTP_X_FORWARDED_FOR="1.1.1.1, 7.7.7.7")
    assert AccessAttempt.objects.get().ip_address == "7.7.7.7"


def test_an_account_locked_through_a_proxy_stays_locked_from_any_client_address(alice, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _fail(APIClient(REMOTE_ADDR="10.6.6.6"), HTTP_X_FORWARDED_FOR=f"7.7.7.{n}")
    escaping = APIClient(REMOTE_ADDR="10.6.6.6").post(
        LOGIN,
        {"email": "alice@example.com", "password": PASSWORD},
        format="json",
        HTTP_X_FORWARDED_FOR="8.8.8.8",
    )
    assert escaping.status_code == 429


def test_a_successful_sign_in_clears_earlier_failures(alice, settings):
    client = APIClient(REMOTE_ADDR="10.5.5.5")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _fail(client)
    assert (
        client.post(
            LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json"
        ).status_code
        == 200
    )
    assert _fail(client).status_code == 400


@pytest.mark.parametrize(
    "raw,error",
    [
        ("[]", "invalid_json"),
        ('"x"', "invalid_json"),
        ("{not json", "invalid_json"),
        ('{"email": 1, "password": 2}', "invalid_credentials"),
        ('{"email": "\\ud800@example.com", "password": "x"}', "invalid_credentials"),
        ('{"email": "alice@example.com", "password": "\\u0000"}', "invalid_credentials"),
    ],
)
def test_sign_in_requests_with_bad_bodies_get_clear_400s(alice, raw, error):
    response = APIClient().post(LOGIN, raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == error


def test_pulled_journal_survives_sign_out_and_back_in(alice, catalogue, browser):
    browser.post(LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json")
    browser.post(
        PUSH, {"schema": 1, "mutations": [upsert("scans", scan())]}, format="json", **_csrf(browser)
    )
    browser.post(LOGOUT, **_csrf(browser))
    browser.post(LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json")
    changes, _ = pull_all(browser)
    assert len(changes) == 1


def test_signing_in_to_another_account_does_not_clear_an_accounts_failures(alice, settings):
    UserFactory(email="mallory@example.com", username="mallory@example.com", password=PASSWORD)
    client = APIClient(REMOTE_ADDR="10.4.4.4")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _fail(client)
    own = client.post(LOGIN, {"email": "mallory@example.com", "password": PASSWORD}, format="json")
    assert own.status_code == 200

    assert _fail(client).status_code == 429
    elsewhere = APIClient(REMOTE_ADDR="10.4.4.5").post(
        LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json"
    )
    assert elsewhere.status_code == 429


def test_registering_between_guesses_does_not_clear_an_accounts_failures(alice, settings):
    client = APIClient(REMOTE_ADDR="10.3.3.3")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _fail(client)
    registered = client.post(
        REGISTER, {"email": "new@example.com", "password": "Corr3ct-horse-battery"}, format="json"
    )
    assert registered.status_code == 201

    assert _fail(client).status_code == 429


def test_the_username_axes_counts_is_read_from_the_form_without_credentials(rf, settings):
    request = rf.post("/clinic/login/", {settings.AXES_USERNAME_FORM_FIELD: "carol@example.com"})
    assert client_username(request) == "carol@example.com"
    assert client_username(rf.post("/clinic/login/", {})) is None


def test_the_username_axes_counts_is_read_from_an_api_body_without_credentials(rf, settings):
    field = settings.AXES_USERNAME_FORM_FIELD
    request = Request(
        rf.post("/api/v1/auth/login", {field: "x" * 200}, content_type="application/json"),
        parsers=[JSONParser()],
    )
    assert client_username(request) == "x" * USERNAME_MAX_LENGTH
