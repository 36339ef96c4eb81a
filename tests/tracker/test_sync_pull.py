"""Pull (sync-protocol.md §4)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support import (
    PULL,
    checkin,
    course,
    delete,
    pull_all,
    push,
    push_ok,
    question,
    scan,
    upsert,
)
from tracker.contract import collections_for_schema
from tracker.models import SyncState
from tracker.selectors import (
    _page_rows_orm,
    _page_rows_postgresql,
    cursor_make,
    cursor_read,
    iso_utc,
)


def test_it_pulls_from_the_beginning_without_a_cursor(alice_api):
    mutations = [
        upsert("scans", scan()),
        upsert("courses", course()),
        upsert("questions", question()),
    ]
    push_ok(alice_api, mutations)
    body = alice_api.get(PULL).json()
    assert [c["id"] for c in body["changes"]] == [m["id"] for m in mutations]
    assert body["has_more"] is False
    assert isinstance(body["cursor"], str) and body["cursor"]


def test_it_answers_changes_as_record_envelopes(alice_api):
    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    (change,) = alice_api.get(PULL).json()["changes"]
    assert set(change) == {"collection", "id", "version", "deleted", "updated_at", "data"}
    assert change["collection"] == "scans" and change["version"] == 1
    assert change["data"]["modality"] == "ct"
    assert change["id"] == m["id"] and change["deleted"] is False
    # UTC, to the millisecond, with a trailing Z (sync-protocol.md §2).
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", change["updated_at"])


def test_it_orders_changes_as_the_server_accepted_them_not_by_creation(alice_api):
    a, b, c = (upsert("questions", question(text=t)) for t in "abc")
    push_ok(alice_api, [a, b, c])
    push_ok(alice_api, [upsert("questions", question(text="a2"), id=a["id"], base_version=1)])
    changes, _ = pull_all(alice_api)
    assert [ch["id"] for ch in changes] == [b["id"], c["id"], a["id"]]


def test_each_record_appears_once_in_its_latest_state(alice_api):
    m = upsert("questions", question(text="v1"))
    push_ok(alice_api, [m])
    for version in range(1, 4):
        push_ok(
            alice_api,
            [
                upsert(
                    "questions", question(text=f"v{version + 1}"), id=m["id"], base_version=version
                )
            ],
        )
    (change,) = alice_api.get(PULL).json()["changes"]
    assert (change["version"], change["data"]["text"]) == (4, "v4")


def test_it_includes_tombstones_with_empty_data(alice_api):
    m = upsert("scans", scan(notes="gone"))
    push_ok(alice_api, [m])
    push_ok(alice_api, [delete("scans", id=m["id"], base_version=1)])
    (change,) = alice_api.get(PULL).json()["changes"]
    assert change["deleted"] is True and change["data"] == {} and change["version"] == 2


def test_a_cursor_returns_only_later_changes(alice_api):
    push_ok(alice_api, [upsert("scans", scan())])
    cursor = alice_api.get(PULL).json()["cursor"]
    later = upsert("questions", question())
    push_ok(alice_api, [later])
    body = alice_api.get(PULL, {"cursor": cursor}).json()
    assert [c["id"] for c in body["changes"]] == [later["id"]]


def test_an_empty_page_keeps_the_cursor_usable(alice_api):
    push_ok(alice_api, [upsert("scans", scan())])
    cursor = alice_api.get(PULL).json()["cursor"]
    again = alice_api.get(PULL, {"cursor": cursor}).json()
    assert again["changes"] == [] and again["has_more"] is False
    later = upsert("scans", scan())
    push_ok(alice_api, [later])
    assert [
        c["id"] for c in alice_api.get(PULL, {"cursor": again["cursor"]}).json()["changes"]
    ] == [later["id"]]


def test_it_pages_with_limit_and_has_more_without_skipping_or_repeating(alice_api):
    mutations = [upsert("questions", question(text=str(i))) for i in range(25)]
    push_ok(alice_api, mutations)
    first = alice_api.get(PULL, {"limit": 10}).json()
    assert len(first["changes"]) == 10 and first["has_more"] is True
    changes, _ = pull_all(alice_api, limit=10)
    assert [c["id"] for c in changes] == [m["id"] for m in mutations]


def test_has_more_is_false_when_the_page_ends_exactly_at_the_last_change(alice_api):
    push_ok(alice_api, [upsert("questions", question()) for _ in range(5)])
    body = alice_api.get(PULL, {"limit": 5}).json()
    assert len(body["changes"]) == 5 and body["has_more"] is False


def test_the_default_limit_is_200(alice_api):
    push_ok(alice_api, [upsert("questions", question()) for _ in range(201)])
    body = alice_api.get(PULL).json()
    assert len(body["changes"]) == 200 and body["has_more"] is True


def test_it_allows_a_limit_of_1000(alice_api):
    push_ok(alice_api, [upsert("questions", question()) for _ in range(3)])
    assert alice_api.get(PULL, {"limit": 1000}).status_code == 200
    assert len(alice_api.get(PULL, {"limit": 1}).json()["changes"]) == 1


@pytest.mark.parametrize("limit", ["0", "1001", "-1", "abc", "1.5", "", " 5", "١٢"])
def test_it_refuses_a_limit_outside_1_to_1000(alice_api, limit):
    response = alice_api.get(PULL, {"limit": limit})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid"
    assert list(response.json()["fields"]) == ["limit"]


@pytest.mark.parametrize(
    "cursor", ["garbage", "WzEsNF0:1xWcMX:forged", "a" * 5000, "0", "null", "WzEsNF0"]
)
def test_it_answers_invalid_cursor_for_a_malformed_cursor(alice_api, cursor):
    response = alice_api.get(PULL, {"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_cursor"


def test_it_answers_invalid_cursor_for_a_cursor_made_for_another_user(alice_api, bob_api, bob):
    push_ok(bob_api, [upsert("scans", scan())])
    bobs_cursor = bob_api.get(PULL).json()["cursor"]
    response = alice_api.get(PULL, {"cursor": bobs_cursor})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_cursor"


def test_it_answers_invalid_cursor_for_a_cursor_signed_with_another_key(alice_api, alice):
    forged = signing.dumps([alice.pk, 0], key="not-the-server-key", salt="tracker.sync.cursor.v1")
    assert alice_api.get(PULL, {"cursor": forged}).json()["error"] == "invalid_cursor"


def test_it_answers_reset_required_for_a_cursor_beyond_the_servers_history(alice_api, alice):
    # What a device holds after the server was restored from an older backup.
    response = alice_api.get(PULL, {"cursor": cursor_make(user_id=alice.pk, seq=10_000)})
    assert response.status_code == 410
    assert response.json()["error"] == "reset_required"


def test_a_pull_reads_one_indexed_range_whatever_other_users_hold(alice_api, bob_api):
    push_ok(bob_api, [upsert("questions", question()) for _ in range(50)])
    push_ok(alice_api, [upsert("questions", question()) for _ in range(5)])
    with CaptureQueriesContext(connection) as queries:
        assert alice_api.get(PULL).status_code == 200
    record_queries = [q["sql"] for q in queries if "tracker_record" in q["sql"]]
    assert len(record_queries) == 1
    assert "change_seq" in record_queries[0] and "user_id" in record_queries[0]


def test_pull_requires_authentication(client):
    assert client.get(PULL).status_code in (401, 403)


def test_the_push_cursor_then_pull_misses_nothing_pushed_by_another_device(alice, catalogue):
    from tests.support import token_client

    phone, laptop = token_client(alice), token_client(alice)
    _, phone_cursor = pull_all(phone)
    laptop_change = upsert("scans", scan())
    push_ok(laptop, [laptop_change], client_id="laptop")
    push(phone, [upsert("questions", question())], client_id="phone")
    changes, _ = pull_all(phone, phone_cursor)
    assert laptop_change["id"] in {c["id"] for c in changes}


# Found by mutation testing (bench/mutation.py, target "pull").


def test_a_conflict_answers_the_record_exactly_as_a_pull_writes_it(alice_api):
    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    gone = upsert("questions", question())
    push_ok(alice_api, [gone])
    push_ok(alice_api, [delete("questions", id=gone["id"], base_version=1)])
    pulled = {c["id"]: c for c in alice_api.get(PULL).json()["changes"]}

    stale = upsert("scans", scan(), id=m["id"], base_version=None)
    on_tombstone = upsert("questions", question(), id=gone["id"], base_version=2)
    results = push_ok(alice_api, [stale, on_tombstone])

    assert [r["status"] for r in results] == ["conflict", "conflict"]
    assert results[0]["current"] == pulled[m["id"]]
    assert results[1]["current"] == pulled[gone["id"]]
    assert pulled[gone["id"]]["data"] == {} and pulled[gone["id"]]["deleted"] is True


def test_a_cursor_at_the_start_pulls_everything(alice_api, alice):
    push_ok(alice_api, [upsert("scans", scan()), upsert("questions", question())])
    body = alice_api.get(PULL, {"cursor": cursor_make(user_id=alice.pk, seq=0)}).json()
    assert len(body["changes"]) == 2


@pytest.mark.parametrize("seq", [-1, True, "3", None, 1.5])
def test_it_answers_invalid_cursor_for_a_signed_cursor_with_a_bad_position(alice_api, alice, seq):
    forged = signing.dumps([alice.pk, seq], salt="tracker.sync.cursor.v1", compress=False)
    response = alice_api.get(PULL, {"cursor": forged})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_cursor"


def test_a_cursor_at_the_latest_change_is_not_beyond_the_history(alice_api, alice):
    push_ok(alice_api, [upsert("scans", scan()) for _ in range(3)])
    body = alice_api.get(PULL, {"cursor": cursor_make(user_id=alice.pk, seq=3)}).json()
    assert body["changes"] == [] and body["has_more"] is False
    response = alice_api.get(PULL, {"cursor": cursor_make(user_id=alice.pk, seq=4)})
    assert response.status_code == 410


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL writes its own pages")
@pytest.mark.parametrize("schema", [1, 2])
@pytest.mark.parametrize(("after", "limit"), [(0, 1000), (0, 3), (2, 2), (7, 5), (99, 5)])
def test_a_page_written_by_postgresql_is_the_text_the_orm_path_writes(
    alice_api, alice, catalogue, schema, after, limit
):
    gone = upsert("questions", question(text='Quotes " and \\ and ünïcode, 💊'))
    push_ok(
        alice_api,
        [upsert("scans", scan()), gone, upsert("courses", course())],
        schema=2,
    )
    assert push_ok(alice_api, [upsert("checkins", checkin())], schema=2)[0]["status"] == "applied"
    push_ok(alice_api, [delete("questions", id=gone["id"], base_version=1)], schema=2)
    push_ok(alice_api, [upsert("questions", question(text="tab\tnew\nline"))], schema=2)
    known = frozenset(collections_for_schema(schema))
    args = {"user_id": alice.pk, "after": after, "limit": limit, "known": known}
    ours, orm = _page_rows_postgresql(**args), _page_rows_orm(**args)
    assert ours.changes_json == orm.changes_json
    assert (ours.last, ours.has_more, ours.pruned_seq) == (orm.last, orm.has_more, orm.pruned_seq)
    if orm.last is None:
        assert ours.last_seq == orm.last_seq


# Found by mutation testing on PostgreSQL (bench/mutation.py pull --again --postgresql):
# the ORM's page has the same text there, but an empty page costs a second statement.


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL writes its own pages")
def test_on_postgresql_a_page_and_the_positions_are_one_statement_even_when_empty(alice_api):
    push_ok(alice_api, [upsert("scans", scan()), upsert("questions", question())])
    _, at_the_end = pull_all(alice_api)
    for params in ({}, {"cursor": at_the_end}):
        with CaptureQueriesContext(connection) as queries:
            body = alice_api.get(PULL, params).json()
        assert len(body["changes"]) == (0 if params else 2)
        journal = [
            q["sql"]
            for q in queries
            if "tracker_" in q["sql"] and "tracker_apitoken" not in q["sql"]
        ]
        assert len(journal) == 1, journal
        assert "tracker_record" in journal[0] and "tracker_syncstate" in journal[0]


# -- The cursor and the answers that send a device back to the beginning (exact bodies)

INVALID_CURSOR = {
    "error": "invalid_cursor",
    "detail": "This cursor is not valid for this account. Pull from the beginning.",
}


@pytest.mark.parametrize(
    "seq,horizon,schema", [(5, 0, 1), (5, 9, 1), (5, 0, 2), (5, 9, 2), (0, 0, 1)]
)
def test_a_cursor_reads_back_as_the_position_horizon_and_schema_it_was_made_for(
    alice, seq, horizon, schema
):
    cursor = cursor_make(user_id=alice.pk, seq=seq, horizon=horizon, schema=schema)

    assert cursor_read(cursor=cursor, user_id=alice.pk) == (seq, horizon, schema)


@pytest.mark.parametrize("horizon", [3, 5])
def test_a_cursor_forgets_a_horizon_that_is_not_ahead_of_its_position(alice, horizon):
    cursor = cursor_make(user_id=alice.pk, seq=5, horizon=horizon)

    assert cursor_read(cursor=cursor, user_id=alice.pk) == (5, 0, 1)


def test_a_pushs_cursor_names_the_position_with_no_horizon(alice_api, alice):
    response = push(alice_api, [], schema=1)

    assert cursor_read(cursor=response.json()["cursor"], user_id=alice.pk) == (0, 0, 1)


@pytest.mark.parametrize(
    "value",
    [
        # A schema that is not a whole number, or one no app speaks.
        lambda pk: [pk, 1, 0, "2"],
        lambda pk: [pk, 1, 0, 99],
        # A horizon that is no position, with a good schema.
        lambda pk: [pk, 1, -1, 2],
        lambda pk: [pk, 1, 0, 2, 0],
    ],
)
def test_a_signed_cursor_with_a_bad_part_answers_the_invalid_cursor_body(alice_api, alice, value):
    cursor = signing.dumps(value(alice.pk), salt="tracker.sync.cursor.v1", compress=False)

    response = alice_api.get(PULL, {"cursor": cursor})

    assert response.status_code == 400
    assert response.json() == INVALID_CURSOR


def test_a_malformed_cursor_answers_the_invalid_cursor_body(alice_api):
    response = alice_api.get(PULL, {"cursor": "not-a-cursor"})

    assert response.status_code == 400
    assert response.json() == INVALID_CURSOR


def test_a_cursor_one_past_an_empty_history_answers_reset_required(alice_api, alice):
    # The server was restored from a backup taken before the device's only change.
    response = alice_api.get(PULL, {"cursor": cursor_make(user_id=alice.pk, seq=1)})

    assert response.status_code == 410
    assert response.json() == {
        "error": "reset_required",
        "detail": "The server no longer knows this point. Pull from the beginning.",
    }


def test_an_account_that_never_synced_pulls_again_with_its_cursor(alice_api, alice):
    # An account made outside the app (an admin's) has no sync state yet.
    SyncState.objects.filter(user=alice).delete()
    first = alice_api.get(PULL).json()

    again = alice_api.get(PULL, {"cursor": first["cursor"]})

    assert again.status_code == 200
    assert again.json()["changes"] == []


def test_an_account_that_never_synced_pulls_with_a_cursor_at_the_beginning(alice_api, alice):
    SyncState.objects.filter(user=alice).delete()

    response = alice_api.get(PULL, {"cursor": cursor_make(user_id=alice.pk, seq=0)})

    assert response.status_code == 200
    assert response.json()["changes"] == []


def test_times_are_written_in_utc_whatever_the_servers_time_zone(settings):
    settings.TIME_ZONE = "Europe/Paris"
    moment = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)

    assert iso_utc(moment) == "2026-06-01T12:00:00.000Z"
