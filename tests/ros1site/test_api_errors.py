"""Every domain error has one answer, decided in ros1site/api_errors.py."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from ros1site import api_errors, errors
from tests.support import signed_in

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
