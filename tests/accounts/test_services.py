"""Account rules no other test stated: whose rows a call may touch, and what erasure must reach.

Found by mutation testing (docs/mutation-testing.md): each of these passed
with the rule it names broken.
"""

from __future__ import annotations

import base64
import datetime
import time
import types

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts import services
from accounts.models import ApiToken, SignIn
from accounts.services import account_erase, user_agent_summary
from clinics.models import Clinic
from tests.support import (
    PASSWORD,
    PUSH,
    current_code,
    push_ok,
    scan,
    staff,
    token_client,
    upsert,
)

User = get_user_model()
DEVICES = "/api/v1/auth/devices"
TOKENS = "/api/v1/auth/tokens"
LOGIN = "/api/v1/auth/login"
LOGOUT = "/api/v1/auth/logout"
ME = "/api/v1/auth/me"
TWO_FACTOR = "/api/v1/auth/two-factor"
CONFIRM = "/api/v1/auth/two-factor/confirm"
FIREFOX = "Mozilla/5.0 (Android 14; Mobile; rv:130.0) Gecko/130.0 Firefox/130.0"


def _browser(user) -> APIClient:
    client = APIClient(HTTP_USER_AGENT=FIREFOX)
    response = client.post(LOGIN, {"email": user.email, "password": PASSWORD}, format="json")
    assert response.status_code == 200
    return client


def _devices(client) -> list[dict]:
    return client.get(DEVICES).json()["devices"]


def _csrf(client) -> dict:
    client.get(ME)
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


# --- Tokens ------------------------------------------------------------------------------------


def test_revoking_someone_elses_token_id_leaves_their_sign_in_listed(alice, bob, catalogue):
    bobs_phone = token_client(bob)
    [bobs_token] = bobs_phone.get(TOKENS).json()["tokens"]

    assert token_client(alice).delete(f"{TOKENS}/{bobs_token['id']}").status_code == 404
    assert [d["kind"] for d in _devices(bobs_phone)] == ["token"]


def test_revoking_a_token_leaves_the_accounts_other_sign_ins_listed(alice, catalogue):
    laptop = _browser(alice)
    phone, tablet = token_client(alice), token_client(alice)
    tablets_id = next(t["id"] for t in tablet.get(TOKENS).json()["tokens"] if t["current"])

    assert phone.delete(f"{TOKENS}/{tablets_id}").status_code == 204

    assert sorted(d["kind"] for d in _devices(phone)) == ["session", "token"]
    assert laptop.get(ME).status_code == 200


def test_a_revoked_token_cannot_be_revoked_again(alice, catalogue):
    phone, tablet = token_client(alice), token_client(alice)
    tablets_id = next(t["id"] for t in tablet.get(TOKENS).json()["tokens"] if t["current"])

    assert phone.delete(f"{TOKENS}/{tablets_id}").status_code == 204
    assert phone.delete(f"{TOKENS}/{tablets_id}").status_code == 404


def test_the_token_list_says_when_each_token_was_last_used(alice, catalogue):
    phone = token_client(alice)

    [token] = phone.get(TOKENS).json()["tokens"]

    assert token["last_used_at"] is not None


# --- Devices (installs that pushed) ------------------------------------------------------------


def test_two_accounts_may_push_from_installs_of_the_same_id(alice, bob, catalogue):
    alices, bobs = token_client(alice), token_client(bob)
    push_ok(bobs, [upsert("scans", scan())], client_id="device-a")
    push_ok(alices, [upsert("scans", scan())], client_id="device-a")

    # Each forgets their own install; the other's keeps working.
    assert alices.delete(f"{DEVICES}/device-a").status_code == 204
    assert bobs.get(ME).status_code == 200
    assert bobs.delete(f"{DEVICES}/device-a").status_code == 204


def test_an_install_that_pushes_again_is_still_one_device(alice, catalogue):
    phone = token_client(alice)
    push_ok(phone, [upsert("scans", scan())], client_id="phone-1")
    push_ok(phone, [upsert("scans", scan())], client_id="phone-1")
    other = token_client(alice)

    assert other.delete(f"{DEVICES}/phone-1").status_code == 204
    assert other.delete(f"{DEVICES}/phone-1").status_code == 404


def test_each_install_of_an_account_is_a_device_of_its_own(alice, catalogue):
    phone, tablet, me = token_client(alice), token_client(alice), token_client(alice)
    push_ok(phone, [upsert("scans", scan())], client_id="phone-1")
    push_ok(tablet, [upsert("scans", scan())], client_id="tablet-1")

    assert me.delete(f"{DEVICES}/tablet-1").status_code == 204
    assert me.delete(f"{DEVICES}/phone-1").status_code == 204


def test_only_the_sign_in_that_pushed_is_named_after_the_install(alice, catalogue):
    laptop, phone = _browser(alice), token_client(alice)
    me = token_client(alice)
    push_ok(phone, [upsert("scans", scan())], client_id="phone-1")
    body = {"schema": 1, "client_id": "laptop-1", "mutations": [upsert("scans", scan())]}
    assert laptop.post(PUSH, body, format="json", **_csrf(laptop)).status_code == 200

    named = sorted((d["kind"], d["client_id"] or "") for d in _devices(me))

    assert named == [("session", "laptop-1"), ("token", ""), ("token", "phone-1")]


# --- Sessions ----------------------------------------------------------------------------------


def test_signing_out_of_one_browser_leaves_the_others_listed(alice, bob, catalogue):
    laptop, tablet, bobs = _browser(alice), _browser(alice), _browser(bob)

    assert laptop.post(LOGOUT, **_csrf(laptop)).status_code == 204

    assert SignIn.objects.filter(user=alice, kind="session").count() == 1
    assert SignIn.objects.filter(user=bob, kind="session").count() == 1
    assert tablet.get(ME).status_code == 200 and bobs.get(ME).status_code == 200


def test_erasure_ends_a_session_that_has_no_sign_in_row(alice, bob, catalogue):
    # A session from before the sign-in list: only its own data names the account.
    laptop = Client()
    laptop.force_login(alice)
    key = laptop.session.session_key
    bobs = Client()
    bobs.force_login(bob)
    SignIn.objects.filter(session_key__in=[key, bobs.session.session_key]).delete()

    response = token_client(alice).delete(ME, {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert not Session.objects.filter(session_key=key).exists()
    assert Session.objects.filter(session_key=bobs.session.session_key).exists()


# --- Erasure and the clinic's last admin -------------------------------------------------------


def test_an_admin_may_erase_her_account_when_her_clinic_has_another_admin(db):
    # Ids of clinics and memberships apart, so that one is never taken for the other.
    for n in range(3):
        Clinic.objects.create(name=f"Empty {n}", share_code=f"EMPTY{n}")
    clinic = Clinic.objects.create(name="Two Admins", share_code="TWOADMIN")
    for n in range(2):
        staff(f"staff{n}@two.example", "Staff", clinic)
    carol = staff("carol@two.example", "Carol", clinic, admin=True)
    staff("zed@two.example", "Zed", clinic, admin=True)

    account_erase(user=carol)

    assert not User.objects.filter(email="carol@two.example").exists()


# --- The second factor ------------------------------------------------------------------------


def test_setting_up_again_shows_a_new_secret(alice):
    phone = token_client(alice)

    first = phone.post(TWO_FACTOR).json()["secret"]
    second = phone.post(TWO_FACTOR).json()["secret"]

    assert first != second
    assert TOTPDevice.objects.filter(user=alice).count() == 1


def test_setting_up_a_new_app_keeps_the_working_one_until_the_new_one_is_confirmed(alice):
    phone = token_client(alice)
    phone.post(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=alice)
    assert phone.post(CONFIRM, {"code": current_code(device)}, format="json").status_code == 200

    phone.post(TWO_FACTOR)

    assert phone.get(TWO_FACTOR).json() == {"enabled": True}
    assert TOTPDevice.objects.filter(user=alice, confirmed=True).get() == device


def test_one_accounts_set_up_never_cancels_anothers(alice, bob):
    alices, bobs = token_client(alice), token_client(bob)
    bobs.post(TWO_FACTOR)
    alices.post(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=bob)

    response = bobs.post(CONFIRM, {"code": current_code(device)}, format="json")

    assert response.status_code == 200


def test_the_qr_code_has_a_title_for_screen_readers(alice):
    setup = token_client(alice).post(TWO_FACTOR).json()

    assert "<title>QR code for your authenticator app</title>" in setup["qr_svg"]


def test_another_accounts_wrong_codes_never_make_this_one_wait(alice, bob):
    alices, bobs = token_client(alice), token_client(bob)
    alices.post(TWO_FACTOR)
    bobs.post(TWO_FACTOR)
    for _ in range(3):
        bobs.post(CONFIRM, {"code": "000000"}, format="json")
    device = TOTPDevice.objects.get(user=alice)

    response = alices.post(CONFIRM, {"code": current_code(device)}, format="json")

    assert response.status_code == 200


# --- Too many failed sign-ins -------------------------------------------------------------------

LOCKED = "Too many failed sign-ins. Wait a while and try again."


def test_the_api_answers_a_locked_account_with_the_error_body(alice, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        APIClient(REMOTE_ADDR=f"10.0.0.{n + 1}").post(
            LOGIN, {"email": "alice@example.com", "password": "wrong"}, format="json"
        )

    response = APIClient(REMOTE_ADDR="10.0.1.1").post(
        LOGIN, {"email": "alice@example.com", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 429
    assert response.json() == {"error": "too_many_attempts", "detail": LOCKED}


def test_the_staff_sign_in_page_answers_a_locked_account_with_the_sentence(carol, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post(
            "/clinic/login/", {"username": carol.username, "password": "nope"}
        )

    response = Client(REMOTE_ADDR="10.0.1.1").post(
        "/clinic/login/", {"username": carol.username, "password": PASSWORD}
    )

    assert response.status_code == 429
    assert response.content.decode() == LOCKED


# --- What the sign-in list calls a browser -----------------------------------------------------


@pytest.mark.parametrize(
    "header,summary",
    [
        (
            "Mozilla/5.0 (Android 14; Mobile; rv:130.0) Gecko/130.0 Firefox/130.0",
            "Firefox on Android",
        ),
        ("Mozilla/5.0 Gecko/130.0 Firefox/130.0", "Firefox"),
        ("Mozilla/5.0 (Linux; Android 14) SomeNewBrowser", "Android"),
        ("ROS1Companion/2.1 (build 7)", "ROS1Companion"),
        ("curl/8.5.0", "curl"),
        ("", "Unknown"),
        ("(no product)", "Unknown"),
    ],
)
def test_it_names_a_browser_by_its_kind_and_system_only(header, summary):
    assert user_agent_summary(header) == summary


def test_the_address_is_the_callers_own_when_the_proxy_header_is_missing(alice, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

    APIClient(REMOTE_ADDR="10.6.6.6").post(
        LOGIN, {"email": "alice@example.com", "password": "wrong"}, format="json"
    )

    assert AccessAttempt.objects.get().ip_address == "10.6.6.6"


def test_the_proxys_address_is_read_from_a_header_written_without_spaces(alice, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

    APIClient(REMOTE_ADDR="10.6.6.6").post(
        LOGIN,
        {"email": "alice@example.com", "password": "wrong"},
        format="json",
        HTTP_X_FORWARDED_FOR="1.1.1.1,7.7.7.7",
    )

    assert AccessAttempt.objects.get().ip_address == "7.7.7.7"


# --- When a sign-in was last used -------------------------------------------------------------


def test_a_session_in_use_again_after_a_minute_is_seen_again_and_no_other_is(
    alice, catalogue, monkeypatch
):
    laptop, tablet = _browser(alice), _browser(alice)
    laptop.get(ME)
    tablet.get(ME)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    SignIn.objects.filter(user=alice).update(last_seen=long_ago)
    later = time.time() + 2 * 60
    monkeypatch.setattr("accounts.middleware.time.time", lambda: later)

    laptop.get(ME)

    seen = sorted(SignIn.objects.filter(user=alice).values_list("last_seen", flat=True))
    assert seen[0] == long_ago and seen[1] > long_ago


def test_a_token_used_again_just_over_a_minute_later_is_noted(alice, catalogue, monkeypatch):
    phone = token_client(alice)
    now = timezone.now()
    # The services' clock stands still, so that "just over a minute" is exact.
    monkeypatch.setattr(services, "timezone", types.SimpleNamespace(now=lambda: now))
    a_minute_ago = now - datetime.timedelta(seconds=60.5)
    ApiToken.objects.filter(user=alice).update(last_used_at=a_minute_ago)

    phone.get(ME)

    assert ApiToken.objects.get(user=alice).last_used_at == now


def test_a_token_used_again_exactly_a_minute_later_is_not_noted(alice, catalogue, monkeypatch):
    phone = token_client(alice)
    now = timezone.now()
    monkeypatch.setattr(services, "timezone", types.SimpleNamespace(now=lambda: now))
    a_minute_ago = now - datetime.timedelta(seconds=60)
    ApiToken.objects.filter(user=alice).update(last_used_at=a_minute_ago)

    phone.get(ME)

    assert ApiToken.objects.get(user=alice).last_used_at == a_minute_ago


def test_the_secret_shown_is_the_authenticators_whole_key_whatever_it_ends_with(alice, monkeypatch):
    # A key whose base32 ends in X, a letter of the base32 alphabet.
    key = TOTPDevice._meta.get_field("key")
    # Django caches a field's default callable on first use; this replaces it either way.
    monkeypatch.setattr(key, "_get_default", lambda: "00" * 19 + "17", raising=False)

    setup = token_client(alice).post(TWO_FACTOR).json()

    device = TOTPDevice.objects.get(user=alice)
    assert setup["secret"].endswith("X")
    assert base64.b32decode(setup["secret"]) == device.bin_key
