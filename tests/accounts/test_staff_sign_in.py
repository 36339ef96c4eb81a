"""Staff sign-in: the password, the second factor, and the idle limit."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import middleware
from tests.support import PASSWORD, current_code, password_only, signed_in

# --- The second factor ---------------------------------------------------------------------------


def test_it_sets_up_the_authenticator_on_first_sign_in_with_a_qr_code_and_the_secret(carol):
    client = Client()
    response = client.post("/clinic/login/", {"username": carol.username, "password": PASSWORD})
    assert response["Location"] == "/clinic/two-factor/?next=%2Fclinic%2F"
    response = client.get(response["Location"])
    assert response["Location"] == "/clinic/two-factor/setup/?next=%2Fclinic%2F"

    page = client.get(response["Location"]).content.decode()

    assert "<svg" in page
    device = TOTPDevice.objects.get(user=carol, confirmed=False)
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    assert len(secret) == 32
    assert client.get("/clinic/")["Location"].startswith("/clinic/two-factor/")
    response = client.post(
        "/clinic/two-factor/setup/", {"token": current_code(device), "next": "/clinic/"}
    )
    assert response["Location"] == "/clinic/"
    assert client.get("/clinic/").status_code == 200
    assert TOTPDevice.objects.get(user=carol).confirmed


def test_it_refuses_a_wrong_code_when_setting_up(carol):
    client = password_only(carol)
    client.get("/clinic/two-factor/setup/")

    response = client.post("/clinic/two-factor/setup/", {"token": "000000"})

    assert response.status_code == 400
    assert "That code is not right." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=carol, confirmed=True).exists()
    assert client.get("/clinic/").status_code == 302


def test_it_asks_for_the_code_at_every_sign_in(carol):
    device = TOTPDevice.objects.create(user=carol, name="phone", confirmed=True)
    client = Client()
    client.post("/clinic/login/", {"username": carol.username, "password": PASSWORD})

    wrong = client.post("/clinic/two-factor/", {"token": "123456", "next": "/clinic/"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/clinic/").status_code == 302
    # A wrong code makes the next try wait a moment (django-otp's throttle); a moment later:
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)

    right = client.post("/clinic/two-factor/", {"token": current_code(device), "next": "/clinic/"})
    assert right["Location"] == "/clinic/"
    assert client.get("/clinic/").status_code == 200


@pytest.mark.parametrize(
    ("page", "confirmed"), [("/clinic/two-factor/", True), ("/clinic/two-factor/setup/", False)]
)
def test_it_says_how_long_to_wait_after_too_many_wrong_codes_even_for_the_right_one(
    carol, page, confirmed
):
    device = TOTPDevice.objects.create(user=carol, name="phone", confirmed=confirmed)
    client = Client()
    client.post("/clinic/login/", {"username": carol.username, "password": PASSWORD})
    # Five wrong codes in a row: django-otp now refuses every code for 16 seconds.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=5, throttling_failure_timestamp=timezone.now()
    )

    refused = client.post(page, {"token": current_code(device), "next": "/clinic/"})

    text = refused.content.decode()
    assert refused.status_code == 400
    assert "Too many wrong codes in a row." in text
    assert 14 <= int(re.search(r"wait (\d+) seconds", text).group(1)) <= 16
    assert "not right" not in text
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=17)
    )
    accepted = client.post(page, {"token": current_code(device), "next": "/clinic/"})
    assert accepted["Location"] == "/clinic/"


def test_it_does_not_let_an_unverified_session_replace_the_authenticator(carol):
    TOTPDevice.objects.create(user=carol, name="phone", confirmed=True)
    client = password_only(carol)

    response = client.get("/clinic/two-factor/setup/")

    assert response["Location"].startswith("/clinic/two-factor/?next=")
    assert TOTPDevice.objects.filter(user=carol).count() == 1


def test_it_takes_a_reviewer_through_the_second_factor_to_the_admin(rita):
    client = Client()
    client.post("/admin/login/", {"username": rita.username, "password": PASSWORD})

    response = client.get("/admin/")
    assert response["Location"] == "/clinic/two-factor/?next=%2Fadmin%2F"
    client.get("/clinic/two-factor/setup/?next=/admin/")
    device = TOTPDevice.objects.get(user=rita)
    response = client.post(
        "/clinic/two-factor/setup/", {"token": current_code(device), "next": "/admin/"}
    )

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_it_never_follows_a_next_address_off_the_site(carol):
    device = TOTPDevice.objects.create(user=carol, name="phone", confirmed=True)
    client = password_only(carol)

    response = client.post(
        "/clinic/two-factor/", {"token": current_code(device), "next": "https://evil.example/"}
    )

    assert response["Location"] == "/clinic/"


def test_it_does_not_offer_the_second_factor_pages_to_patients_or_visitors(alice):
    assert password_only(alice).get("/clinic/two-factor/setup/").status_code == 403
    assert Client().get("/clinic/two-factor/")["Location"].startswith("/clinic/login/")
    assert not TOTPDevice.objects.exists()


def test_it_answers_a_wrong_password_on_the_staff_sign_in_with_the_form(carol):
    response = Client().post("/clinic/login/", {"username": carol.username, "password": "nope"})

    assert response.status_code == 400
    assert "Please enter a correct username and password" in response.content.decode()


# --- Idle sessions -------------------------------------------------------------------------------


@override_settings(STAFF_SESSION_IDLE_SECONDS=1800)
def test_it_ends_a_clinic_staff_session_after_the_idle_limit(dave, monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    client = signed_in(dave)
    assert not dave.is_staff
    assert client.get("/clinic/").status_code == 200
    now[0] += 1700
    assert client.get("/clinic/").status_code == 200

    now[0] += 1801
    response = client.get("/clinic/")

    assert response.status_code == 302
    assert response["Location"].startswith("/clinic/login/")


@override_settings(STAFF_SESSION_IDLE_SECONDS=1800)
def test_it_keeps_a_patients_session_however_long_the_pause(alice, monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    client = password_only(alice)
    assert client.get("/journal/sharing/").status_code == 200

    now[0] += 7 * 24 * 3600

    assert client.get("/journal/sharing/").status_code == 200


@override_settings(STAFF_SESSION_IDLE_SECONDS=1800)
def test_it_tells_clinic_staff_they_were_signed_out_for_inactivity(dave, monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    client = signed_in(dave)
    client.get("/clinic/")
    now[0] += 1801

    page = client.get("/clinic/", follow=True).content.decode()

    assert "Clinic staff sign-in" in page
    assert "You were signed out because you had not used the site for a while." in page


def test_it_sends_patients_from_the_staff_sign_in_to_their_journal(alice):
    client = Client()

    response = client.post("/clinic/login/", {"username": alice.username, "password": PASSWORD})

    assert response.status_code == 400
    assert "This sign-in is for clinic staff." in response.content.decode()
    assert "_auth_user_id" not in client.session
