"""Bad input to the account API: the exact error body, naming the field and saying what to fix.

A client shows `fields[...]` next to the input it names, so the field and the
sentence are the contract, not only the status (issue 15).
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.support import PASSWORD, token_client

REGISTER = "/api/v1/auth/register"
TOKEN = "/api/v1/auth/token"
TOKENS = "/api/v1/auth/tokens"
DEVICES = "/api/v1/auth/devices"
CHANGE = "/api/v1/auth/password"
STRONG = "plum-orchard-velvet-42"
# Long passwords that Django's validators accept: not common, not numeric, not like the email.
LONGEST_PASSWORD = ("plum-orchard-velvet-42-" * 200)[:4096]
TOO_LONG_PASSWORD = LONGEST_PASSWORD + "x"


def _invalid(field: str, message: str) -> dict:
    return {
        "error": "invalid",
        "detail": "Some fields are not valid.",
        "fields": {field: [message]},
    }


def _email(length: int) -> str:
    domain = "@example.com"
    return "a" * (length - len(domain)) + domain


@pytest.mark.parametrize(
    "body,field,message",
    [
        ({"email": "   ", "password": STRONG}, "email", "Enter an email address."),
        ({"email": _email(151), "password": STRONG}, "email", "This email address is too long."),
        ({"email": "not-an-email", "password": STRONG}, "email", "Enter a valid email address."),
        ({"email": "carol@example.com"}, "password", "Enter a password."),
        ({"email": "carol@example.com", "password": 12345678}, "password", "Enter a password."),
        (
            {"email": "carol@example.com", "password": TOO_LONG_PASSWORD},
            "password",
            "This password is too long.",
        ),
    ],
)
def test_registering_with_a_bad_field_answers_that_field_and_what_to_fix(db, body, field, message):
    response = APIClient().post(REGISTER, body, format="json")

    assert response.status_code == 400
    assert response.json() == _invalid(field, message)


@pytest.mark.parametrize(
    "body",
    [
        {"email": _email(150), "password": STRONG},
        {"email": "carol@example.com", "password": LONGEST_PASSWORD},
    ],
)
def test_it_registers_an_email_and_a_password_of_the_longest_length(db, body):
    assert APIClient().post(REGISTER, body, format="json").status_code == 201


def _token(label, **extra):
    body = {"email": "alice@example.com", "password": PASSWORD, "label": label}
    return APIClient(**extra).post(TOKEN, body, format="json")


@pytest.mark.parametrize("label", ["x" * 101, 7, "nul\x00byte"])
def test_a_bad_token_label_answers_the_label_field(alice, label):
    response = _token(label)

    assert response.status_code == 400
    assert response.json() == _invalid("label", "A label is text of at most 100 characters.")


def test_a_token_label_may_be_100_characters_or_left_out(alice):
    assert _token("x" * 100).status_code == 201
    assert _token(None).status_code == 201

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {_token('phone').json()['token']}")
    labels = sorted(t["label"] for t in client.get(TOKENS).json()["tokens"])
    assert labels == ["", "phone", "x" * 100]


def test_a_new_token_is_listed_with_the_browser_that_asked_for_it(alice):
    firefox = "Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0"
    key = _token("phone", HTTP_USER_AGENT=firefox).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    [device] = client.get(DEVICES).json()["devices"]
    assert device["user_agent"] == "Firefox on Android"


def test_a_token_made_without_a_browser_names_none(alice):
    [device] = token_client(alice).get(DEVICES).json()["devices"]

    assert device["user_agent"] == ""


@pytest.mark.parametrize(
    "new_password,message",
    [
        ("", "Enter a new password."),
        (12345678, "Enter a new password."),
        (TOO_LONG_PASSWORD, "This password is too long."),
    ],
)
def test_a_bad_new_password_answers_the_new_password_field(alice, new_password, message):
    response = token_client(alice).post(
        CHANGE, {"current_password": PASSWORD, "new_password": new_password}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == _invalid("new_password", message)


def test_a_weak_new_password_answers_the_validators_words_on_the_new_password_field(alice):
    response = token_client(alice).post(
        CHANGE, {"current_password": PASSWORD, "new_password": "12345678901"}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid" and body["detail"] == "Some fields are not valid."
    assert "This password is entirely numeric." in body["fields"]["new_password"]


def test_a_new_password_may_be_of_the_longest_length(alice):
    response = token_client(alice).post(
        CHANGE, {"current_password": PASSWORD, "new_password": LONGEST_PASSWORD}, format="json"
    )

    assert response.status_code == 204


@pytest.mark.parametrize(
    "header,detail",
    [
        ("Token", "Send the header as: Token <your token>."),
        ("Token two parts", "Send the header as: Token <your token>."),
        # As a WSGI server hands it on: the header's bytes read as Latin-1.
        ("Token ünïcode", "This token is not valid."),
        ("Token not-a-token-anyone-has", "This token is not valid or was revoked."),
    ],
)
def test_a_bad_authorization_header_answers_401_saying_what_is_wrong(db, header, detail):
    response = APIClient().get("/api/v1/auth/me", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json() == {"error": "authentication_failed", "detail": detail}
