"""Schemathesis against /api/v1/schema/: no 5xx, and every answer conforms to the schema.

Each operation gets data that fits the schema and data that breaks it (both of
schemathesis's generation modes), sent through the real WSGI stack as Alice
with a bearer token. Bounded so that the whole file stays well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from accounts.services import token_create
from ros1site.wsgi import application

CHECKS = [not_a_server_error, response_schema_conformance]

# Every operation gets schemathesis's deterministic coverage cases (each
# field's boundaries and wrong types) plus a few random examples in both
# generation modes. A push's schema is large and slow to draw from, so it
# gets fewer random examples; its coverage cases already number hundreds.
CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"max-examples": 10, "deterministic": True},
        "operations": [
            {"include-path": "/api/v1/sync/push", "generation": {"max-examples": 5}},
        ],
    }
)

# Read through the WSGI app at import: drawing the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application, config=CONFIG)


@pytest.fixture(autouse=True)
def _the_app_keeps_the_tests_connection():
    """As Django's test Client does: the WSGI app must not close the test's transaction.

    Django closes "old" connections when a request starts and ends; inside the
    test's transaction that would close it (PostgreSQL), losing the test's data.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_within_its_schema_and_never_with_a_server_error(case, alice, catalogue):
    # A fresh token per call: the fuzzer may revoke the one it was given
    # (DELETE /auth/token, /auth/tokens/{id}) and must not blind later calls.
    _, key = token_create(user=alice, label="fuzz")
    # schemathesis's in-process WSGI transport does not decompress; real
    # clients do, so ask for the uncompressed body here.
    headers = {"Authorization": f"Token {key}", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, checks=CHECKS)


# -- What the fuzzer found, pinned down ----------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/api/v1/sync/pull", "/api/v1/export.json", "/api/v1/export.fhir.json", "/api/v1/catalog"],
)
def test_an_unknown_format_parameter_answers_404_in_the_error_body(alice_api, url):
    # DRF reads ?format= to pick a renderer and raises Django's Http404 when
    # none matches; that once crashed the error handler into a 500.
    response = alice_api.get(url, {"format": "no-such-format"})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
