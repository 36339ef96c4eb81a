"""Staff sessions end after a period without requests; patients' sessions do not."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from accounts import middleware
from tests.education.admin_support import client_for

IDLE = 30 * 60


class FakeClock:
    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(middleware.time, "time", fake)
    return fake


def _signed_in(user) -> Client:
    return client_for(user)


@override_settings(STAFF_SESSION_IDLE_SECONDS=IDLE)
def test_it_keeps_a_reviewer_signed_in_while_active(rita, clock):
    client = _signed_in(rita)
    for _ in range(4):
        assert client.get("/admin/").status_code == 200
        clock.now += IDLE - 60  # each request comes within the idle limit

    assert client.get("/admin/").status_code == 200


@override_settings(STAFF_SESSION_IDLE_SECONDS=IDLE)
def test_it_signs_a_reviewer_out_after_the_idle_limit(rita, clock):
    client = _signed_in(rita)
    assert client.get("/admin/").status_code == 200

    clock.now += IDLE + 1
    response = client.get("/admin/education/topic/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you were inactive" in login_page
    assert client.get("/admin/").status_code == 302  # and stays signed out
    assert "inactive" not in client.get("/admin/login/").content.decode()  # said once


@override_settings(STAFF_SESSION_IDLE_SECONDS=IDLE)
def test_it_leaves_a_patients_long_session_alone(alice, clock):
    client = _signed_in(alice)
    client.get("/")

    clock.now += 7 * 24 * 3600
    client.get("/")

    assert client.session.get("_auth_user_id") == str(alice.pk)


@override_settings(STAFF_SESSION_IDLE_SECONDS=IDLE)
def test_it_does_not_write_the_session_on_every_request(rita, clock):
    client = _signed_in(rita)
    client.get("/admin/")
    first = client.session[middleware.StaffSessionTimeoutMiddleware.session_key]

    clock.now += 10
    client.get("/admin/")

    assert client.session[middleware.StaffSessionTimeoutMiddleware.session_key] == first
