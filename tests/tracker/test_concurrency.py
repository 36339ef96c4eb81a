"""Real concurrent transactions on PostgreSQL: per-user row locks, ordering, idempotence."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction

from tests.support import (
    PULL,
    checkin,
    new_id,
    pull_all,
    push,
    push_ok,
    question,
    token_client,
    upsert,
)
from tracker.models import Record, SyncState

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks and truly concurrent transactions",
    ),
]

TIMEOUT = 60


def _in_thread(target: Callable[[], object]) -> tuple[threading.Thread, dict]:
    """Runs target on its own thread (and so its own database connection)."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = target()
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _result(thread: threading.Thread, outcome: dict):
    thread.join(TIMEOUT)
    assert not thread.is_alive(), "thread did not finish"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def test_four_devices_pushing_while_a_fifth_pulls_miss_and_duplicate_nothing(alice, catalogue):
    devices = [token_client(alice) for _ in range(4)]
    reader = token_client(alice)
    start = threading.Barrier(5)
    pushing_done = threading.Event()
    batches = [
        [[upsert("questions", question(text=f"{d}-{b}-{i}")) for i in range(20)] for b in range(6)]
        for d in range(4)
    ]

    def pusher(index: int):
        def run():
            start.wait()
            for batch in batches[index]:
                assert push(devices[index], batch, client_id=f"device-{index}").status_code == 200

        return run

    def puller():
        seen: list[str] = []
        cursor = None
        start.wait()
        while not pushing_done.is_set():
            params = {"limit": 37, **({"cursor": cursor} if cursor else {})}
            body = reader.get(PULL, params).json()
            seen.extend(c["id"] for c in body["changes"])
            cursor = body["cursor"]
        changes, _ = pull_all(reader, cursor, limit=37)
        seen.extend(c["id"] for c in changes)
        return seen

    pushers = [_in_thread(pusher(i)) for i in range(4)]
    reading = _in_thread(puller)
    for thread, outcome in pushers:
        _result(thread, outcome)
    pushing_done.set()
    seen = _result(*reading)

    expected = {m["id"] for device in batches for batch in device for m in batch}
    assert len(seen) == len(set(seen)), "a change was delivered twice"
    assert set(seen) == expected, "a change was skipped"
    assert SyncState.objects.get(user=alice).last_seq == len(expected)


def test_schema_1_and_schema_2_readers_miss_and_duplicate_nothing_while_checkins_arrive(
    alice, catalogue
):
    """A schema-1 page leaves check-ins out and moves past them: neither reader skips a change."""
    devices = [token_client(alice) for _ in range(3)]
    readers = {1: token_client(alice), 2: token_client(alice)}
    start = threading.Barrier(5)
    pushing_done = threading.Event()
    batches = [
        [
            [
                upsert("checkins", checkin(date=f"2026-0{1 + b}-0{1 + i}", wellbeing=d))
                if i % 2
                else upsert("questions", question(text=f"{d}-{b}-{i}"))
                for i in range(8)
            ]
            for b in range(5)
        ]
        for d in range(3)
    ]

    def pusher(index: int):
        def run():
            start.wait()
            for batch in batches[index]:
                response = push(devices[index], batch, client_id=f"device-{index}", schema=2)
                assert response.status_code == 200
                assert {r["status"] for r in response.json()["results"]} == {"applied"}

        return run

    def puller(schema: int):
        def run():
            seen: list[str] = []
            cursor = None
            start.wait()
            while not pushing_done.is_set():
                params = {"limit": 7, "schema": schema, **({"cursor": cursor} if cursor else {})}
                body = readers[schema].get(PULL, params).json()
                seen.extend(c["id"] for c in body["changes"])
                cursor = body["cursor"]
            changes, _ = pull_all(readers[schema], cursor, limit=7, schema=schema)
            seen.extend(c["id"] for c in changes)
            return seen

        return run

    pushers = [_in_thread(pusher(i)) for i in range(3)]
    reading = {schema: _in_thread(puller(schema)) for schema in (1, 2)}
    for thread, outcome in pushers:
        _result(thread, outcome)
    pushing_done.set()
    seen = {schema: _result(*reading[schema]) for schema in (1, 2)}

    mutations = [m for device in batches for batch in device for m in batch]
    for schema, expected in (
        (1, {m["id"] for m in mutations if m["collection"] != "checkins"}),
        (2, {m["id"] for m in mutations}),
    ):
        assert len(seen[schema]) == len(set(seen[schema])), f"schema {schema}: seen twice"
        assert set(seen[schema]) == expected, f"schema {schema}: a change was skipped"


def test_six_racing_updates_at_the_same_base_version_apply_exactly_once(alice, catalogue):
    setup = token_client(alice)
    m = upsert("questions", question(text="original"))
    push_ok(setup, [m])
    clients = [token_client(alice) for _ in range(6)]
    start = threading.Barrier(6)

    def racer(index: int):
        def run():
            start.wait()
            mutation = upsert(
                "questions", question(text=f"edit {index}"), id=m["id"], base_version=1
            )
            return push_ok(clients[index], [mutation], client_id=f"d{index}")[0]

        return run

    threads = [_in_thread(racer(i)) for i in range(6)]
    results = [_result(t, o) for t, o in threads]
    statuses = sorted(r["status"] for r in results)
    assert statuses == ["applied"] + ["conflict"] * 5
    record = Record.objects.get(id=m["id"])
    assert record.version == 2
    winner = next(r for r in results if r["status"] == "applied")
    assert winner["version"] == 2
    for loser in (r for r in results if r["status"] == "conflict"):
        assert loser["current"]["version"] == 2
        assert loser["current"]["data"]["text"] == record.data["text"]


def test_two_users_pushing_at_once_never_wait_on_each_others_lock(alice, bob, catalogue):
    alice_api, bob_api = token_client(alice), token_client(bob)
    push_ok(alice_api, [upsert("questions", question())])
    push_ok(bob_api, [upsert("questions", question())])
    held, release = threading.Event(), threading.Event()

    def hold_alices_lock():
        with transaction.atomic():
            SyncState.objects.select_for_update().get(user=alice)
            held.set()
            assert release.wait(TIMEOUT)

    holder = _in_thread(hold_alices_lock)
    try:
        assert held.wait(TIMEOUT)
        # Bob's push completes while Alice's lock is still held...
        bobs = _in_thread(lambda: push(bob_api, [upsert("questions", question())]).status_code)
        assert _result(*bobs) == 200
        assert holder[0].is_alive()

        # ...while Alice's own devices queue behind it: with a short lock
        # timeout her second device is told the server is busy, nothing applied.
        def alice_pushes_with_short_lock_timeout():
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '200ms'")
            return push(alice_api, [upsert("questions", question(text="queued"))])

        response = _result(*_in_thread(alice_pushes_with_short_lock_timeout))
        assert response.status_code == 503
        assert response.json()["error"] == "service_unavailable"
        assert not Record.objects.filter(data__text="queued").exists()
    finally:
        release.set()
        _result(*holder)


def test_a_retry_racing_its_own_original_applies_once(alice, catalogue):
    clients = [token_client(alice), token_client(alice)]
    mutations = [upsert("questions", question(text=str(i))) for i in range(30)]
    start = threading.Barrier(2)

    def send(index: int):
        def run():
            start.wait()
            return push_ok(clients[index], mutations, client_id="same-device")

        return run

    first, second = (_result(t, o) for t, o in [_in_thread(send(0)), _in_thread(send(1))])
    assert first == second
    assert Record.objects.filter(user=alice).count() == 30
    assert {r.version for r in Record.objects.filter(user=alice)} == {1}


def test_two_users_racing_for_one_new_id_give_it_to_exactly_one(alice, bob, catalogue):
    apis = [token_client(alice), token_client(bob)]
    for api in apis:
        push_ok(api, [upsert("questions", question())])
    shared = upsert("questions", question(text="mine"))
    start = threading.Barrier(2)

    def claim(index: int):
        def run():
            start.wait()
            return push_ok(apis[index], [{**shared, "mutation_id": new_id()}])[0]

        return run

    results = [_result(t, o) for t, o in [_in_thread(claim(0)), _in_thread(claim(1))]]
    assert sorted(r["status"] for r in results) == ["applied", "rejected"]
    assert next(r for r in results if r["status"] == "rejected")["error"] == "id_unavailable"
