"""A patient's optional second factor: an authenticator app (django-otp TOTP)."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts import services
from tests.support import PASSWORD, current_code, token_client

TWO_FACTOR = "/api/v1/auth/two-factor"
CONFIRM = "/api/v1/auth/two-factor/confirm"
LOGIN = "/api/v1/auth/login"
TOKEN = "/api/v1/auth/token"


def _turn_on(client) -> TOTPDevice:
    setup = client.post(TWO_FACTOR)
    assert setup.status_code == 201
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(CONFIRM, {"code": current_code(device)}, format="json")
    assert response.status_code == 200
    assert response.json() == {"enabled": True}
    device.refresh_from_db()
    return device


def _sign_in(url, **extra):
    body = {"email": "alice@example.com", "password": PASSWORD, **extra}
    return APIClient().post(url, body, format="json")


def test_it_says_whether_it_is_on(alice):
    phone = token_client(alice)
    assert phone.get(TWO_FACTOR).json() == {"enabled": False}
    _turn_on(phone)
    assert phone.get(TWO_FACTOR).json() == {"enabled": True}


def test_setting_up_shows_a_qr_code_and_changes_nothing_until_confirmed(alice):
    phone = token_client(alice)
    setup = phone.post(TWO_FACTOR).json()
    assert setup["otpauth_uri"].startswith("otpauth://totp/")
    assert setup["qr_svg"].startswith("<svg")
    assert setup["secret"]
    assert _sign_in(LOGIN).status_code == 200


def test_a_wrong_confirmation_code_is_refused(alice):
    phone = token_client(alice)
    phone.post(TWO_FACTOR)
    response = phone.post(CONFIRM, {"code": "000000"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_otp"
    assert response.json()["fields"]["code"]
    assert _sign_in(LOGIN).status_code == 200


@pytest.mark.parametrize("url", [LOGIN, TOKEN])
def test_once_on_sign_in_needs_the_code(alice, url):
    device = _turn_on(token_client(alice))
    missing = _sign_in(url)
    assert missing.status_code == 400
    assert missing.json()["error"] == "otp_required"
    assert missing.json()["fields"]["otp"]
    # A code is good once: the one that confirmed the app is not taken again.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    assert _sign_in(url, otp=current_code(device)).status_code in (200, 201)
    wrong = _sign_in(url, otp="000000")
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_otp"


def test_wrong_codes_count_towards_the_lockout(alice, settings):
    settings.AXES_FAILURE_LIMIT = 3
    device = _turn_on(token_client(alice))
    for _ in range(3):
        _sign_in(LOGIN, otp="000000")
    assert AccessAttempt.objects.filter(username="alice@example.com").exists()
    response = _sign_in(LOGIN, otp=current_code(device))
    assert response.status_code == 429
    assert response.json()["error"] == "too_many_attempts"


def test_a_wrong_password_is_still_invalid_credentials(alice):
    _turn_on(token_client(alice))
    response = APIClient().post(
        LOGIN, {"email": "alice@example.com", "password": "nope"}, format="json"
    )
    assert response.json()["error"] == "invalid_credentials"


def test_turning_it_off_needs_the_password(alice):
    phone = token_client(alice)
    _turn_on(phone)
    wrong = phone.delete(TWO_FACTOR, {"password": "nope"}, format="json")
    assert wrong.status_code == 400
    assert wrong.json()["fields"]["password"]
    assert phone.delete(TWO_FACTOR, {"password": PASSWORD}, format="json").status_code == 204
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert _sign_in(LOGIN).status_code == 200


def test_it_is_the_callers_own(alice, bob):
    _turn_on(token_client(bob))
    assert _sign_in(LOGIN).status_code == 200


def _dark_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules of a segno SVG, read back from its path (one `h` run per row stretch)."""
    (path,) = re.findall(r' d="([^"]+)"', svg)
    dark, x, y = set(), 0.0, 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark.update((int(x) + i, int(y)) for i in range(int(a)))
            x += int(a)
    return dark


def _error_level(svg: str) -> str:
    """The QR code's error level, from the format bits beside its top-left finder."""
    dark = _dark_modules(svg)
    border = min(x for x, _ in dark)
    # The first copy of the 15 format bits, most significant first (ISO/IEC 18004, 7.9).
    row = [(i, 8) for i in range(6)] + [(7, 8), (8, 8)]
    cells = row + [(8, 7)] + [(8, j) for j in range(5, -1, -1)]
    bits = 0
    for x, y in cells:
        bits = bits << 1 | ((x + border, y + border) in dark)
    return "MLHQ"[(bits ^ 0b101010000010010) >> 13]


def test_the_qr_code_is_drawn_four_pixels_a_module_at_error_level_m(alice):
    svg = token_client(alice).post(TWO_FACTOR).json()["qr_svg"]

    dark = _dark_modules(svg)
    border = min(x for x, _ in dark)
    modules = max(x for x, _ in dark) + 1 + border  # the quiet zone on both sides
    (width,) = re.findall(r'<svg width="(\d+)"', svg)
    assert int(width) == 4 * modules
    # Level M: a phone's camera still reads it with a smudge or a glare on the screen.
    assert _error_level(svg) == "M"


def test_a_code_not_of_6_or_8_digits_does_not_count_as_a_wrong_code(alice):
    phone = token_client(alice)
    _turn_on(phone)

    assert services.totp_verify(user=alice, token="abcdef") is None
    assert services.totp_verify(user=alice, token="123456789") is None

    # Neither reached the authenticator, so neither makes the next right code wait.
    assert services.totp_wait_seconds(user=alice) == 0


def test_wrong_codes_while_setting_up_a_new_authenticator_do_not_delay_sign_in(alice):
    phone = token_client(alice)
    _turn_on(phone)
    phone.post(TWO_FACTOR)
    new = TOTPDevice.objects.get(user=alice, confirmed=False)
    new.throttle_increment()
    new.throttle_increment()

    assert services.totp_wait_seconds(user=alice, confirmed=False) > 0
    assert services.totp_wait_seconds(user=alice) == 0
