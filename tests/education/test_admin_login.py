"""Admin sign-in is throttled by django-axes: five wrong passwords lock the door."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.support import PASSWORD

LOGIN = "/admin/login/?next=/admin/"


def _attempt(client: Client, username: str, password: str, ip: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_it_signs_a_reviewer_in_with_the_right_password(rita):
    response = _attempt(Client(), rita.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_it_refuses_even_the_right_password_after_five_wrong_ones(rita):
    client = Client()
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = _attempt(client, rita.username, "wrong password")
        assert response.status_code == 200
        assert "Please enter the correct" in response.content.decode()
    fifth = _attempt(client, rita.username, "wrong password")
    assert fifth.status_code == 429  # the fifth failure locks the door

    response = _attempt(client, rita.username, PASSWORD)

    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_the_account_from_another_address_too(rita):
    for _ in range(5):
        _attempt(Client(), rita.username, "wrong password", ip="203.0.113.7")

    response = _attempt(Client(), rita.username, PASSWORD, ip="198.51.100.20")

    assert response.status_code == 429


def test_guesses_at_other_accounts_from_her_address_do_not_lock_a_reviewer_out(rita):
    # Behind a proxy every staff member shares one address: never lock by address alone.
    for n in range(5):
        _attempt(Client(), f"guess{n}@example.org", "wrong password", ip="203.0.113.9")

    response = _attempt(Client(), rita.username, PASSWORD, ip="203.0.113.9")

    assert response.status_code == 302


def test_it_forgets_failures_after_a_successful_sign_in(rita):
    for _ in range(4):
        _attempt(Client(), rita.username, "wrong password")
    assert _attempt(Client(), rita.username, PASSWORD).status_code == 302

    for _ in range(4):
        _attempt(Client(), rita.username, "wrong password")
    response = _attempt(Client(), rita.username, PASSWORD)

    assert response.status_code == 302


@pytest.mark.parametrize(
    "data",
    [{}, {"username": "x" * 5000, "password": "y"}, {"username": "' OR 1=1 --", "password": ""}],
)
def test_it_answers_odd_sign_in_input_with_the_form(db, data):
    response = Client().post(LOGIN, data)

    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/admin/login/", "/clinic/login/"])
def test_sign_in_forms_ask_for_the_email_address_by_name(client, db, url):
    page = client.get(url).content.decode()

    assert re.search(r'<label for="id_username"[^>]*>Email:?</label>', page), page
    assert "Username" not in page
    assert 'autocomplete="email"' in page
