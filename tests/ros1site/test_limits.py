"""Every address refuses an oversized body with 413 before reading it (ros1site/limits.py)."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from ros1site.limits import (
    API_BODY_MAX_BYTES,
    MIB,
    PAGE_BODY_MAX_BYTES,
    PUSH_BODY_MAX_BYTES,
    CappedStream,
)
from tests.support import PASSWORD, scan, upsert
from tracker.parsers import StrictJSONParser

TEN_MIB = 10 * MIB


class CountingInput:
    """A request body of `total` bytes that counts how many the server read."""

    def __init__(self, total: int, fill: bytes = b" "):
        self.total = total
        self.fill = fill
        self.read_bytes = 0

    def read(self, size: int | None = -1) -> bytes:
        left = self.total - self.read_bytes
        n = left if size is None or size < 0 else min(size, left)
        self.read_bytes += n
        return self.fill * n

    def readline(self, size: int | None = -1) -> bytes:
        return self.read(size)


def _send(path: str, body: CountingInput, *, declared: int | None, client=None, **extra):
    environ = {"wsgi.input": body, "CONTENT_TYPE": "application/json", **extra}
    if declared is None:
        environ["CONTENT_LENGTH"] = ""
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    else:
        environ["CONTENT_LENGTH"] = str(declared)
    return (client or Client()).generic("POST", path, b"", **environ)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/auth/login", "/api/v1/auth/token", "/api/v1/auth/register", "/api/v1/sync/push"],
)
def test_it_refuses_a_declared_oversized_body_without_reading_a_byte(db, path):
    body = CountingInput(TEN_MIB)

    response = _send(path, body, declared=TEN_MIB)

    assert response.status_code == 413
    assert response.json()["error"] == "request_too_large"
    assert body.read_bytes == 0


def test_it_refuses_a_declared_oversized_form_on_a_page_without_reading_it(db):
    body = CountingInput(TEN_MIB)

    response = _send("/clinic/login/", body, declared=TEN_MIB)

    assert response.status_code == 413
    assert body.read_bytes == 0


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        ("/api/v1/auth/login", API_BODY_MAX_BYTES),
        ("/api/v1/sync/push", PUSH_BODY_MAX_BYTES),
        ("/clinic/login/", PAGE_BODY_MAX_BYTES),
    ],
)
def test_it_reads_a_chunked_oversized_body_only_to_its_limit(db, path, limit):
    body = CountingInput(TEN_MIB)

    response = _send(path, body, declared=None)

    assert response.status_code == 413
    assert body.read_bytes == limit + 1


def test_it_reads_no_more_than_a_lying_content_length_declares(db):
    body = CountingInput(TEN_MIB)

    response = _send("/api/v1/auth/login", body, declared=100)

    assert response.status_code == 400
    assert body.read_bytes == 100


def test_it_signs_in_with_a_chunked_body(alice):
    raw = b'{"email": "alice@example.com", "password": "%s"}' % PASSWORD.encode()
    chunked = {
        "wsgi.input": io.BytesIO(raw),
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": "",
        "HTTP_TRANSFER_ENCODING": "chunked",
    }
    response = Client().generic("POST", "/api/v1/auth/login", b"", **chunked)
    assert response.status_code == 200


def test_it_still_takes_a_push_of_more_than_the_api_limit(alice_api):
    big = "x" * 1000
    mutations = [upsert("scans", scan(notes=big)) for _ in range(200)]
    raw = json.dumps({"schema": 1, "mutations": mutations}).encode()
    assert API_BODY_MAX_BYTES < len(raw) < PUSH_BODY_MAX_BYTES
    response = alice_api.post("/api/v1/sync/push", raw, content_type="application/json")
    assert response.status_code == 200, response.json()


def test_it_refuses_an_api_body_just_over_64_kib(alice):
    raw = b'{"email": "alice@example.com", "password": "' + b"x" * API_BODY_MAX_BYTES + b'"}'
    response = APIClient().post("/api/v1/auth/login", raw, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"] == "request_too_large"


def test_the_parser_reads_at_most_its_limit_plus_one_byte():
    body = CountingInput(TEN_MIB, fill=b"1")
    with pytest.raises(Exception) as refused:
        StrictJSONParser().parse(body, parser_context={})
    assert getattr(refused.value, "code", None) == "request_too_large"
    assert body.read_bytes == API_BODY_MAX_BYTES + 1


def test_the_capped_stream_stops_at_the_limit_plus_one_byte():
    # What an ASGI server's body gets: a stream not cut at Content-Length.
    body = CountingInput(TEN_MIB)
    capped = CappedStream(body, 1000)
    assert len(capped.read()) == 1001
    assert capped.read(10) == b""
    assert capped.exceeded
    assert body.read_bytes == 1001
