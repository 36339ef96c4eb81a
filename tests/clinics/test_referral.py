"""A clinic's referral link and QR code: the app recommended by the clinic, and nothing shared."""

from __future__ import annotations

import io
import re

import pytest
import segno
from django.test import Client

from clinics.models import AccessLog, Consent
from tests.support import signed_in


def test_it_shows_the_app_recommended_by_the_clinic_with_its_contact_details(clinic_a):
    response = Client().get(f"/r/{clinic_a.referral_code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Recommended by Riverside Lung Clinic" in html
    for detail in (
        "+44 20 7946 0000",
        "lung@riverside.example",
        "1 River Road",
        "riverside.example/lung",
    ):
        assert detail in html
    assert "Nothing is shared with the clinic by opening this link." in html


def test_it_hands_the_device_the_clinics_public_details_without_inline_code(clinic_a):
    html = Client().get(f"/r/{clinic_a.referral_code}/").content.decode()

    # Executable scripts come from files only (the CSP allows nothing else).
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert " src=" in tag or 'type="application/json"' in tag
    assert "js/referral.js" in html
    data = re.search(r'<script id="referral-data" type="application/json">(.*?)</script>', html)
    assert '"name": "Riverside Lung Clinic"' in data.group(1)
    assert '"share_code": "RIVR2345"' in data.group(1)


def test_it_remembers_the_referral_on_the_device_in_a_signed_cookie(clinic_a):
    response = Client().get(f"/r/{clinic_a.referral_code}/")

    cookie = response.cookies["ros1_referral"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    # Signed: a copied value cannot be swapped for another clinic's code.
    assert cookie.value != clinic_a.referral_code
    assert cookie.value.startswith(clinic_a.referral_code + ":")


def test_it_shares_nothing_when_a_signed_in_patient_opens_the_link(alice, clinic_a, journals):
    client = signed_in(alice)

    client.get(f"/r/{clinic_a.referral_code}/")

    assert not Consent.objects.exists()
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("code", ["not-a-clinic", "RIVR2345", "a" * 500, "%00"])
def test_it_answers_an_unknown_or_forged_referral_code_with_a_friendly_404(clinic_a, code):
    response = Client().get(f"/r/{code}/")

    assert response.status_code == 404
    assert "This referral link does not work" in response.content.decode()
    assert "Riverside" not in response.content.decode()
    assert "ros1_referral" not in response.cookies


def test_it_shows_staff_the_link_and_qr_code_ready_to_print(carol, clinic_a):
    html = signed_in(carol).get("/clinic/referral/").content.decode()

    assert f"http://testserver/r/{clinic_a.referral_code}/" in html
    assert "<svg" in html
    assert "RIVR-2345" in html
    assert "css/clinic.css" in html  # its @media print rules print the sheet only
    assert 'href="/clinic/referral.svg"' in html and 'href="/clinic/referral.png"' in html


@pytest.mark.parametrize(("fmt", "content_type"), [("svg", "image/svg+xml"), ("png", "image/png")])
def test_it_serves_the_qr_code_of_the_referral_link_as_svg_and_png(
    carol, clinic_a, fmt, content_type
):
    response = signed_in(carol).get(f"/clinic/referral.{fmt}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    expected = io.BytesIO()
    scale = 8 if fmt == "svg" else 10
    segno.make(f"http://testserver/r/{clinic_a.referral_code}/", error="m").save(
        expected, kind=fmt, scale=scale, border=4
    )
    assert response.content == expected.getvalue()


def test_it_gives_each_clinic_its_own_unguessable_codes(clinic_a, clinic_b):
    assert clinic_a.referral_code != clinic_b.referral_code
    assert len(clinic_a.referral_code) >= 32
    assert clinic_b.share_code != clinic_a.share_code


def test_signing_out_forgets_the_referral(alice, clinic_a):
    """The next person on this browser must not learn which clinic referred the last one."""
    client = signed_in(alice)
    client.get(f"/r/{clinic_a.referral_code}/")
    assert client.cookies["ros1_referral"].value

    response = client.post("/api/v1/auth/logout")

    assert response.status_code == 204
    assert response.cookies["ros1_referral"].value == ""
    assert response.cookies["ros1_referral"]["max-age"] == 0
    assert "ros1_referral" not in client.cookies or not client.cookies["ros1_referral"].value


def test_a_device_whose_sign_in_ended_can_still_forget_the_referral(clinic_a):
    """With no session left (revoked, expired, erased), the call still clears the cookie."""
    client = Client()
    client.get(f"/r/{clinic_a.referral_code}/")

    response = client.post("/api/v1/auth/logout")

    assert response.status_code == 204
    assert response.cookies["ros1_referral"]["max-age"] == 0
