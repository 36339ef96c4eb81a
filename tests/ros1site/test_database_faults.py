"""A database that cannot answer: 503 with Retry-After, never 500; the retry is exactly-once.

Real PostgreSQL: the request's own connection is cut with pg_terminate_backend
from a second connection, at a chosen point of the request (just before its
COMMIT, just after it), or the database is made unreachable before the
request starts, so that the failure is met in a middleware outside DRF.
"""

from __future__ import annotations

import socket
import time

import psycopg
import pytest
from django.db import InterfaceError, connection
from rest_framework.test import APIClient

from accounts.services import token_create
from tests.support import PULL, new_id, push, question, upsert
from tracker.models import AppliedMutation, Record

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="cuts real PostgreSQL connections"
    ),
]


def _client(user=None, *, session: bool = False) -> APIClient:
    # Django's test client re-raises a view's exception even when the site
    # answered it; a real client only ever sees the answer.
    client = APIClient(raise_request_exception=False)
    if session:
        client.force_login(user)
    elif user is not None:
        _, key = token_create(user=user, label="test")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _terminate(pid: int) -> None:
    """Cuts backend `pid` from another connection, and waits until it is gone."""
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
        deadline = time.monotonic() + 10
        while other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            assert time.monotonic() < deadline, "the backend outlived pg_terminate_backend"
            time.sleep(0.02)


def _cut_at_commit(monkeypatch, *, after: bool) -> None:
    """The next COMMIT loses its connection: before it reaches the server, or just after."""
    real_commit = connection.commit

    def commit():
        monkeypatch.setattr(connection, "commit", real_commit)
        pid = connection.connection.info.backend_pid
        if after:
            real_commit()
            _terminate(pid)
            # The acknowledgement is what is lost: the app sees the cut.
            with connection.wrap_database_errors:
                connection.connection.execute("SELECT 1")
        else:
            _terminate(pid)
            real_commit()

    monkeypatch.setattr(connection, "commit", commit)


def _assert_503(response) -> None:
    assert response.status_code == 503, response.content
    assert response["Retry-After"] == "2"
    assert response.json()["error"] == "service_unavailable"


def _batch() -> list[dict]:
    return [upsert("questions", question(text=f"q{i}")) for i in range(3)]


def test_it_answers_503_when_the_connection_is_cut_before_commit_and_the_retry_applies_once(
    alice, catalogue, monkeypatch
):
    device = _client(alice)
    mutations = _batch()
    _cut_at_commit(monkeypatch, after=False)

    _assert_503(push(device, mutations))
    assert not Record.objects.exists() and not AppliedMutation.objects.exists()

    retry = push(device, mutations)
    assert retry.status_code == 200, retry.content
    assert [r["status"] for r in retry.json()["results"]] == ["applied"] * 3
    assert Record.objects.filter(user=alice).count() == 3


def test_it_answers_503_when_the_answer_to_a_commit_is_lost_and_the_retry_replays_it(
    alice, catalogue, monkeypatch
):
    device = _client(alice)
    mutations = _batch()
    _cut_at_commit(monkeypatch, after=True)

    _assert_503(push(device, mutations))
    # The COMMIT did reach the server: the push is applied, once.
    assert Record.objects.filter(user=alice).count() == 3

    retry = push(device, mutations)
    assert retry.status_code == 200, retry.content
    results = retry.json()["results"]
    assert [(r["status"], r["version"]) for r in results] == [("applied", 1)] * 3
    assert [r["mutation_id"] for r in results] == [m["mutation_id"] for m in mutations]
    assert Record.objects.filter(user=alice).count() == 3
    assert AppliedMutation.objects.filter(user=alice).count() == 3


def test_the_workers_next_request_after_a_cut_connection_gets_a_fresh_one(
    alice, catalogue, monkeypatch
):
    device = _client(alice)
    _cut_at_commit(monkeypatch, after=False)
    _assert_503(push(device, _batch()))

    assert device.get(PULL).status_code == 200
    assert push(device, _batch()).status_code == 200


def _dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_down(monkeypatch):
    """PostgreSQL unreachable from here on, as during a restart or with PgBouncer gone."""

    def down():
        connection.close()
        monkeypatch.setitem(connection.settings_dict, "PORT", str(_dead_port()))

    def up():
        monkeypatch.undo()
        connection.close()

    return down, up


@pytest.mark.parametrize("session", [False, True], ids=["bearer-token", "session"])
def test_a_pull_answers_503_while_the_database_is_down_and_200_once_it_is_back(
    alice, catalogue, database_down, session
):
    device = _client(alice, session=session)
    push(device, _batch())
    down, up = database_down

    down()
    # With a session, the first query is the session's, in a middleware outside DRF.
    _assert_503(device.get(PULL))
    _assert_503(push(device, _batch()))
    up()

    response = device.get(PULL)
    assert response.status_code == 200
    assert len(response.json()["changes"]) == 3


def test_sign_in_answers_503_while_the_database_is_down(alice, database_down):
    down, up = database_down
    down()
    response = _client().post(
        "/api/v1/auth/login",
        {"email": "alice@example.com", "password": "whatever it is"},
        format="json",
    )
    up()
    _assert_503(response)


def test_a_page_answers_503_with_retry_after_while_the_database_is_down(alice, database_down):
    client = _client(alice, session=True)
    down, up = database_down
    down()
    response = client.get("/journal/")
    up()
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert "Busy for a moment" in response.content.decode()


def test_an_interface_error_from_a_closed_connection_answers_503(alice, catalogue, monkeypatch):
    from tracker import services

    def closed(**kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(services, "_lock_state", closed)
    _assert_503(push(_client(alice), [upsert("questions", question(), id=new_id())]))
