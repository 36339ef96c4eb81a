"""What every answer carries: no-store on private answers, Permissions-Policy, 405 for TRACE."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from ros1site.headers import DENIED_FEATURES
from tests.support import PASSWORD, current_code, token_client

PRIVATE = [
    "/api/v1/sync/pull",
    "/api/v1/auth/me",
    "/api/v1/auth/tokens",
    "/api/v1/auth/devices",
    "/api/v1/export.json",
    "/api/v1/export.fhir.json",
]


@pytest.mark.parametrize("path", PRIVATE)
def test_journal_and_account_answers_are_never_stored(alice_api, path):
    response = alice_api.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_refused_journal_answer_is_never_stored_either(db):
    response = Client().get("/api/v1/sync/pull")
    assert response.status_code in (401, 403)
    assert "no-store" in response["Cache-Control"]


def test_sign_in_answers_are_never_stored(alice):
    response = Client().post(
        "/api/v1/auth/login",
        {"email": alice.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_journals_csrf_answer_is_never_stored(client, db):
    assert "no-store" in client.get("/journal/csrf/")["Cache-Control"]


@pytest.mark.parametrize("path", ["/journal/", "/journal/summary/"])
def test_the_journals_shells_stay_keepable_by_the_service_worker(client, db, path):
    # They hold no patient data, and the worker keeps no page sent no-store or private.
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")


def test_public_pages_and_the_catalogue_stay_cacheable(client, db):
    for path in ["/", "/api/v1/catalog"]:
        assert "no-store" not in client.get(path).get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/", "/journal/", "/api/v1/catalog", "/no-such-page/"])
def test_every_answer_denies_the_features_the_app_does_not_use(client, db, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
    assert policy.count("=()") == len(DENIED_FEATURES)


def test_the_app_uses_none_of_the_denied_features():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "static" / "js"
    scripts = "\n".join(p.read_text() for p in root.glob("*.js"))
    for api in ("getUserMedia", "geolocation", "PaymentRequest", "navigator.usb", "wakeLock"):
        assert api not in scripts


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "PROPFIND", "FOO"])
@pytest.mark.parametrize("path", ["/", "/journal/", "/clinic/login/", "/api/v1/auth/login"])
def test_it_refuses_trace_and_unknown_methods_everywhere(client, db, method, path):
    response = client.generic(method, path)
    assert response.status_code == 405
    assert "TRACE" not in response["Allow"]
    if path.startswith("/api/"):
        assert response.json()["error"] == "method_not_allowed"


def test_it_rotates_the_session_key_at_the_second_factor(carol):
    device = TOTPDevice.objects.create(user=carol, name="phone", confirmed=True)
    client = Client()
    client.post("/clinic/login/", {"username": carol.username, "password": PASSWORD})
    before = client.session.session_key

    response = client.post("/clinic/two-factor/", {"token": current_code(device), "next": "/"})

    assert response.status_code == 302
    after = client.session.session_key
    assert after and after != before
    assert client.get("/clinic/").status_code == 200


def test_it_rotates_the_session_key_when_setting_the_authenticator_up(carol):
    client = Client()
    client.post("/clinic/login/", {"username": carol.username, "password": PASSWORD})
    client.get("/clinic/two-factor/setup/")
    device = TOTPDevice.objects.get(user=carol, confirmed=False)
    before = client.session.session_key

    client.post("/clinic/two-factor/setup/", {"token": current_code(device), "next": "/"})

    after = client.session.session_key
    assert after and after != before
    assert client.get("/clinic/").status_code == 200


def test_a_bearer_token_answer_is_never_stored(alice, catalogue):
    assert "no-store" in token_client(alice).get("/api/v1/sync/pull")["Cache-Control"]


SITE_POLICY_PARTS = ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")


@pytest.mark.parametrize("path", ["/", "/journal/", "/api/v1/catalog"])
def test_pages_and_api_answers_carry_the_sites_content_security_policy(client, db, path):
    policy = client.get(path)["Content-Security-Policy"]
    for part in SITE_POLICY_PARTS:
        assert part in policy
    assert "unsafe-inline" not in policy


def test_a_token_api_answer_carries_the_policy_too(alice_api):
    policy = alice_api.get("/api/v1/sync/pull")["Content-Security-Policy"]
    assert "object-src 'none'" in policy


def test_a_changed_policy_setting_is_what_answers_carry_next(client, db, settings):
    client.get("/")  # the site's policy is built and kept
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/")["Content-Security-Policy"] == "default-src 'none'"
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}
    assert "img-src 'self'" in client.get("/")["Content-Security-Policy-Report-Only"]


def test_an_answer_with_a_policy_of_its_own_keeps_it(rf):
    from django.http import HttpResponse

    from ros1site.headers import CSPMiddleware

    def view(request):
        response = HttpResponse("ok")
        response._csp_update = {"img-src": ["https://example.org"]}
        return response

    middleware = CSPMiddleware(view)
    request = rf.get("/")
    middleware.process_request(request)
    policy = middleware.process_response(request, view(request))["Content-Security-Policy"]
    assert "img-src 'self' data: https://example.org" in policy
    assert "default-src 'self'" in policy
