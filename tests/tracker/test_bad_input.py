"""Anything a client can send gets the contract's answer: never a 500, never a stray change."""

from __future__ import annotations

import json
import logging
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import PULL, PUSH, new_id, push_ok, question, scan, upsert
from tracker.models import Record

ENDPOINTS = [
    ("post", PUSH),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/token"),
    ("delete", "/api/v1/auth/me"),
]

HOSTILE_BODIES = [
    b"",
    b"null",
    b"[]",
    b"42",
    b'"string"',
    b"{",
    b"\xff\xfe\x00garbage",
    b'{"schema": 1, "mutations": null}',
    b'{"schema": 1, "mutations": [null, 1, "x"]}',
    b'{"schema": 1e400, "mutations": []}',
    b'{"schema": 1, "mutations": [{"mutation_id": {"$gt": ""}}]}',
    b'{"email": {"a": 1}, "password": ["x"]}',
    b'{"password": 12}',
    ("[" * 50_000 + "]" * 50_000).encode(),
]


@pytest.mark.parametrize("method,url", ENDPOINTS)
@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=range(len(HOSTILE_BODIES)))
def test_hostile_bodies_never_crash_or_change_anything(alice_api, method, url, body):
    before = Record.objects.count()
    response = getattr(alice_api, method)(url, body, content_type="application/json")
    assert response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
    assert "error" in response.json()
    assert Record.objects.count() == before


def test_a_wrong_content_type_is_refused_with_json(alice_api):
    response = alice_api.post("/api/v1/auth/login", "email=a&password=b", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"


def test_a_10_mb_body_to_sign_in_is_refused_cleanly(db, client):
    response = client.post(
        "/api/v1/auth/login",
        b'{"email": "' + b"a" * (10 * 1024 * 1024) + b'"}',
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["error"] == "request_too_large"


@pytest.mark.parametrize(
    "query", ["cursor=%00", "cursor=%ff%fe", "limit=99999999999999999999", "cursor=&limit=5"]
)
def test_hostile_pull_queries_never_crash(alice_api, query):
    response = alice_api.get(f"{PULL}?{query}")
    assert response.status_code < 500


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
mutation_like = st.fixed_dictionaries(
    {},
    optional={
        "mutation_id": st.uuids().map(str) | json_values,
        "collection": st.sampled_from(["scans", "courses", "side_effects", "questions", "x"])
        | json_values,
        "id": st.uuids().map(str) | json_values,
        "op": st.sampled_from(["upsert", "delete"]) | json_values,
        "base_version": st.none() | st.integers(min_value=-2, max_value=3) | json_values,
        "data": st.dictionaries(
            st.sampled_from(
                ["date", "modality", "sites", "outcome", "notes", "text", "severity", "zzz"]
            ),
            json_values,
        )
        | json_values,
    },
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mutations=st.lists(mutation_like, max_size=5), schema=st.sampled_from([1, 1, 0, 2, "1", None])
)
def test_random_pushes_never_crash_and_only_apply_valid_mutations(alice_api, mutations, schema):
    before = Record.objects.count()
    response = alice_api.post(
        PUSH,
        json.dumps({"schema": schema, "mutations": mutations}),
        content_type="application/json",
    )
    assert response.status_code in (200, 400, 409), response.content
    if response.status_code != 200:
        assert Record.objects.count() == before
        return
    results = response.json()["results"]
    assert len(results) == len(mutations)
    applied = sum(1 for r in results if r["status"] == "applied")
    assert Record.objects.count() <= before + applied


def test_journal_text_never_reaches_the_logs(alice_api, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "my-private-scan-words"
    m = upsert("scans", scan(notes=secret))
    push_ok(alice_api, [m, upsert("scans", scan(notes=secret, date="2026-02-30"))])
    push_ok(alice_api, [upsert("scans", scan(notes=secret), id=m["id"])])
    alice_api.get(PULL)
    alice_api.post(
        PUSH, b'{"schema": 1, "mutations": [' + secret.encode(), content_type="application/json"
    )
    assert secret not in caplog.text


def test_a_foreign_id_in_a_batch_changes_nothing_of_the_owner(alice_api, bob_api):
    m = upsert("scans", scan(notes="alice"))
    push_ok(alice_api, [m])
    results = push_ok(
        bob_api, [upsert("scans", scan(), id=m["id"]), upsert("scans", scan(), id=new_id())]
    )
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert Record.objects.get(id=m["id"]).data["notes"] == "alice"


def _browser_session(alice):
    from rest_framework.test import APIClient

    from tests.support import PASSWORD

    browser = APIClient(enforce_csrf_checks=True)
    browser.post("/api/v1/auth/login", {"email": alice.email, "password": PASSWORD}, format="json")
    return browser


def test_a_multipart_push_from_a_browser_session_is_refused_as_not_json(alice, catalogue):
    browser = _browser_session(alice)

    response = browser.post(
        PUSH,
        {"schema": "1", "mutations": "[]"},
        format="multipart",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_json"
    assert not Record.objects.exists()


@pytest.mark.parametrize("content_type", ["text/plain", "application/octet-stream"])
def test_a_json_push_with_another_content_type_is_read_as_json_with_a_session_too(
    alice, catalogue, content_type
):
    browser = _browser_session(alice)
    mutation = upsert("questions", question())

    response = browser.generic(
        "POST",
        PUSH,
        json.dumps({"schema": 1, "mutations": [mutation]}),
        content_type=content_type,
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )

    assert response.status_code == 200, response.content
    assert response.json()["results"][0]["status"] == "applied"
    assert Record.objects.get().id == uuid.UUID(mutation["id"])
