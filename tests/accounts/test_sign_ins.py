"""Every sign-in of an account, listed and endable (GET/DELETE /api/v1/auth/devices)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import services
from accounts.models import ApiToken, SignIn
from tests.support import PASSWORD, PULL, push_ok, scan, token_client, upsert

DEVICES = "/api/v1/auth/devices"
LOGIN = "/api/v1/auth/login"
LOGOUT = "/api/v1/auth/logout"
ME = "/api/v1/auth/me"
FIREFOX = "Mozilla/5.0 (Android 14; Mobile; rv:130.0) Gecko/130.0 Firefox/130.0"


def _browser(user, *, user_agent: str = FIREFOX) -> APIClient:
    """A browser signed in through the app's login form."""
    client = APIClient(HTTP_USER_AGENT=user_agent)
    response = client.post(LOGIN, {"email": user.email, "password": PASSWORD}, format="json")
    assert response.status_code == 200
    return client


def _devices(client) -> list[dict]:
    response = client.get(DEVICES)
    assert response.status_code == 200
    return response.json()["devices"]


def test_it_lists_a_session_that_never_pushed(alice, catalogue):
    browser = _browser(alice)
    assert browser.get(PULL).status_code == 200
    devices = _devices(token_client(alice))
    session = next(d for d in devices if d["kind"] == "session")
    assert session["user_agent"] == "Firefox on Android"
    assert session["client_id"] is None
    assert session["current"] is False
    assert set(session) == {
        "id",
        "kind",
        "label",
        "user_agent",
        "client_id",
        "first_seen",
        "last_seen",
        "current",
    }


def test_it_lists_sessions_and_tokens_and_marks_the_callers_own(alice, catalogue):
    browser = _browser(alice)
    phone = token_client(alice)
    push_ok(phone, [upsert("scans", scan())], client_id="phone-1")
    mine = _devices(browser)
    assert sorted(d["kind"] for d in mine) == ["session", "token"]
    assert [d["kind"] for d in mine if d["current"]] == ["session"]
    token = next(d for d in mine if d["kind"] == "token")
    assert token["client_id"] == "phone-1" and token["label"] == "test"
    theirs = _devices(phone)
    assert [d["kind"] for d in theirs if d["current"]] == ["token"]


def test_it_lists_the_most_recently_seen_first(alice, catalogue):
    old, new = token_client(alice), token_client(alice)
    SignIn.objects.filter(kind="token").update(
        last_seen=timezone.now() - datetime.timedelta(days=3)
    )
    ApiToken.objects.update(last_used_at=timezone.now() - datetime.timedelta(days=3))
    new.get(ME)
    devices = _devices(new)
    assert devices[0]["current"] is True
    assert devices[0]["last_seen"] > devices[1]["last_seen"]
    assert old.get(ME).status_code == 200


def test_it_lists_no_one_elses_sign_ins(alice, bob, catalogue):
    _browser(bob)
    token_client(bob)
    assert len(_devices(token_client(alice))) == 1


def test_ending_a_session_signs_it_out_at_once(alice, catalogue):
    browser = _browser(alice)
    browser.get(ME)
    phone = token_client(alice)
    (session,) = [d for d in _devices(phone) if d["kind"] == "session"]
    assert phone.delete(f"{DEVICES}/{session['id']}").status_code == 204
    assert browser.get(ME).status_code in (401, 403)
    assert [d["kind"] for d in _devices(phone)] == ["token"]


def test_ending_a_token_revokes_it_at_once(alice, catalogue):
    browser = _browser(alice)
    phone = token_client(alice)
    (token,) = [d for d in _devices(browser) if d["kind"] == "token"]
    response = browser.delete(f"{DEVICES}/{token['id']}")
    assert response.status_code == 204
    assert phone.get(ME).status_code == 401
    assert ApiToken.objects.get().revoked_at is not None
    assert browser.get(ME).status_code == 200


def test_a_session_can_end_itself(alice, catalogue):
    browser = _browser(alice)
    (mine,) = _devices(browser)
    assert browser.delete(f"{DEVICES}/{mine['id']}").status_code == 204
    assert browser.get(ME).status_code in (401, 403)
    assert not Session.objects.exists()


def test_i_cannot_end_someone_elses_sign_in(alice, bob, catalogue):
    bobs = token_client(bob)
    (his,) = _devices(bobs)
    response = token_client(alice).delete(f"{DEVICES}/{his['id']}")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert bobs.get(ME).status_code == 200


def test_an_unknown_id_answers_404(alice, catalogue):
    response = token_client(alice).delete(f"{DEVICES}/no-such-sign-in")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_sign_out_ends_the_sign_in(alice, catalogue):
    browser = _browser(alice)
    browser.get(ME)
    csrf = browser.cookies["csrftoken"].value
    assert browser.post(LOGOUT, HTTP_X_CSRFTOKEN=csrf).status_code == 204
    assert not SignIn.objects.filter(kind="session").exists()


def test_a_revoked_token_is_no_longer_listed(alice, catalogue):
    me, other = token_client(alice), token_client(alice)
    assert other.delete("/api/v1/auth/token").status_code == 204
    assert len(_devices(me)) == 1


def test_an_expired_session_is_no_longer_listed(alice, catalogue):
    _browser(alice)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert [d["kind"] for d in _devices(token_client(alice))] == ["token"]


def test_a_session_from_before_the_list_gets_its_row_when_it_is_used(alice, catalogue):
    browser = APIClient()
    browser.force_login(alice)
    assert not SignIn.objects.exists()
    (mine,) = _devices(browser)
    assert mine["current"] is True and mine["kind"] == "session"


def test_use_is_noted_at_most_once_a_minute(alice, catalogue):
    browser = _browser(alice)
    browser.get(ME)
    first = SignIn.objects.get().last_seen
    browser.get(ME)
    assert SignIn.objects.get().last_seen == first


def test_a_staff_sign_in_is_listed_too(carol, client):
    response = client.post(
        "/clinic/login/", {"username": carol.email, "password": PASSWORD}, follow=False
    )
    assert response.status_code == 302
    (sign_in,) = SignIn.objects.filter(user=carol)
    assert sign_in.kind == "session"


@pytest.mark.parametrize("kind", ["token", "session"])
def test_forgetting_a_device_by_client_id_still_works(alice, catalogue, kind):
    lost = token_client(alice) if kind == "token" else _browser(alice)
    if kind == "session":
        lost.get(ME)
        csrf = {"HTTP_X_CSRFTOKEN": lost.cookies["csrftoken"].value}
    else:
        csrf = {}
    lost.post(
        "/api/v1/sync/push",
        {"schema": 1, "client_id": "lost", "mutations": []},
        format="json",
        **csrf,
    )
    me = token_client(alice)
    listed = [d for d in _devices(me) if d["client_id"] == "lost"]
    assert len(listed) == 1
    assert me.delete(f"{DEVICES}/lost").status_code == 204
    assert lost.get(ME).status_code in (401, 403)
    assert not [d for d in _devices(me) if d["client_id"] == "lost"]


@pytest.mark.parametrize("cookie", ["abcdefghij\x00klmnopqrst", "x" * 300, "ünïcodeünïcode"])
def test_a_token_call_with_a_forged_session_cookie_is_not_a_server_error(alice, catalogue, cookie):
    phone = token_client(alice)
    forged = {"HTTP_COOKIE": f"sessionid={cookie}"}
    assert phone.get(ME, **forged).status_code == 200
    assert phone.get(DEVICES, **forged).status_code == 200


def test_revoking_a_token_by_its_id_leaves_no_sign_in_row_behind(alice, catalogue):
    me = token_client(alice)
    token_client(alice)
    other_id = ApiToken.objects.order_by("pk").last().pk

    assert me.delete(f"/api/v1/auth/tokens/{other_id}").status_code == 204

    assert not SignIn.objects.filter(token_id=other_id).exists()
    assert SignIn.objects.filter(user=alice).count() == 1


def test_ending_every_sign_in_keeps_when_an_already_revoked_token_was_revoked(alice, catalogue):
    token_client(alice)
    # Revoked a day ago, as forgetting its device does, with its row left.
    long_ago = timezone.now() - datetime.timedelta(days=1)
    ApiToken.objects.update(revoked_at=long_ago)
    assert SignIn.objects.filter(kind=SignIn.Kind.TOKEN).exists()

    services.sign_ins_end_all(user=alice)

    assert ApiToken.objects.get().revoked_at == long_ago
    assert not SignIn.objects.exists()
