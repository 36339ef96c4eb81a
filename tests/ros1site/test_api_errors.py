"""Every domain error has one answer, decided in ros1site/api_errors.py."""

from __future__ import annotations

import pytest
from django.db import DataError
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse

from ros1site import api_errors, errors
from tests.support import signed_in, token_client

KINDS = errors.DomainError.__subclasses__()


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_every_kind_of_domain_error_has_an_http_status(kind):
    response = api_errors.exception_handler(kind("some_code", "Said plainly."), context={})

    assert 400 <= response.status_code < 500
    assert response.data == {"error": "some_code", "detail": "Said plainly."}


def test_the_api_answer_names_the_fields_at_fault():
    exc = errors.InvalidInput("invalid", "Some fields are not valid.", fields={"a": ["No."]})

    response = api_errors.exception_handler(exc, context={})

    assert response.status_code == 400
    assert response.data["fields"] == {"a": ["No."]}


def test_a_page_answers_a_not_found_with_the_sites_404_page(db):
    request = RequestFactory().get("/")
    middleware = api_errors.DomainErrorPagesMiddleware(lambda r: None)

    response = middleware.process_exception(request, errors.NotFound("not_found", "None."))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_page_lets_other_errors_through(db):
    middleware = api_errors.DomainErrorPagesMiddleware(lambda r: None)

    assert middleware.process_exception(RequestFactory().get("/"), ValueError("x")) is None


def test_stopping_someone_elses_share_is_the_404_page(alice, bob_share):
    response = signed_in(alice).post(reverse("clinic:sharing-revoke", args=[bob_share.public_id]))

    assert response.status_code == 404


def test_a_value_the_database_cannot_store_is_the_clients_error_not_a_busy_server():
    response = api_errors.exception_handler(DataError("NUL"), context={})

    assert response.status_code == 400
    assert response.data["error"] == "invalid"
    assert "Retry-After" not in response


def test_deleting_what_other_records_depend_on_is_a_conflict_not_a_busy_server():
    response = api_errors.exception_handler(ProtectedError("in use", set()), context={})

    assert response.status_code == 409
    assert response.data["error"] == "protected"


def test_a_nul_in_a_path_id_is_answered_as_a_client_error_on_every_engine(alice):
    client = token_client(alice)

    response = client.delete("/api/v1/auth/devices/a%00b")

    assert response.status_code in (400, 404)
    assert response.json()["error"] in ("invalid", "not_found")
