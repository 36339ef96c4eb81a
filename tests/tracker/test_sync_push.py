"""Push (sync-protocol.md §3)."""

from __future__ import annotations

import json

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Device
from tests.support import (
    NOT_CANONICAL_UUID,
    PUSH,
    checkin,
    course,
    delete,
    new_id,
    pull_all,
    push,
    push_ok,
    question,
    scan,
    side_effect,
    upsert,
)
from tests.support import PULL as PULL_URL
from tracker.models import AppliedMutation, Record


def test_it_answers_each_mutation_in_the_order_sent(alice_api):
    mutations = [upsert("scans", scan()) for _ in range(5)]
    results = push_ok(alice_api, mutations)
    assert [r["mutation_id"] for r in results] == [m["mutation_id"] for m in mutations]
    assert [r["id"] for r in results] == [m["id"] for m in mutations]


def test_it_creates_a_record_at_version_1(alice_api, alice):
    m = upsert("courses", course())
    (result,) = push_ok(alice_api, [m])
    assert result == {
        "mutation_id": m["mutation_id"],
        "id": m["id"],
        "status": "applied",
        "version": 1,
    }
    record = Record.objects.get(id=m["id"])
    assert (record.user, record.collection, record.version, record.deleted) == (
        alice,
        "courses",
        1,
        False,
    )


def test_it_adds_one_to_the_version_on_every_accepted_change(alice_api):
    m = upsert("questions", question())
    push_ok(alice_api, [m])
    (second,) = push_ok(
        alice_api, [upsert("questions", question(asked=True), id=m["id"], base_version=1)]
    )
    (third,) = push_ok(alice_api, [delete("questions", id=m["id"], base_version=2)])
    assert (second["version"], third["version"]) == (2, 3)


def test_a_rejected_mutation_never_stops_the_others(alice_api):
    good_before = upsert("scans", scan())
    bad = upsert("scans", scan(date="2026-02-30"))
    good_after = upsert("questions", question())
    results = push_ok(alice_api, [good_before, bad, good_after])
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert Record.objects.filter(id__in=[good_before["id"], good_after["id"]]).count() == 2


def test_a_conflicting_mutation_never_stops_the_others(alice_api):
    existing = upsert("scans", scan())
    push_ok(alice_api, [existing])
    again = upsert("scans", scan(), id=existing["id"])
    fresh = upsert("scans", scan())
    results = push_ok(alice_api, [again, fresh])
    assert [r["status"] for r in results] == ["conflict", "applied"]


def test_it_answers_conflict_with_current_when_creating_an_existing_id(alice_api):
    first = upsert("scans", scan(notes="first"))
    push_ok(alice_api, [first])
    (result,) = push_ok(alice_api, [upsert("scans", scan(notes="second"), id=first["id"])])
    assert result["status"] == "conflict"
    current = result["current"]
    assert current["id"] == first["id"]
    assert current["version"] == 1
    assert current["collection"] == "scans"
    assert current["deleted"] is False
    assert current["data"]["notes"] == "first"
    assert current["updated_at"].endswith("Z")
    assert Record.objects.get(id=first["id"]).data["notes"] == "first"


def test_it_answers_conflict_for_a_stale_base_version(alice_api):
    m = upsert("questions", question(text="v1"))
    push_ok(alice_api, [m])
    push_ok(alice_api, [upsert("questions", question(text="v2"), id=m["id"], base_version=1)])
    (result,) = push_ok(
        alice_api, [upsert("questions", question(text="stale"), id=m["id"], base_version=1)]
    )
    assert result["status"] == "conflict"
    assert result["current"]["version"] == 2
    assert result["current"]["data"]["text"] == "v2"
    assert Record.objects.get(id=m["id"]).data["text"] == "v2"


def test_a_client_can_merge_and_push_again_at_the_current_version(alice_api):
    m = upsert("questions", question(text="v1"))
    push_ok(alice_api, [m])
    push_ok(alice_api, [upsert("questions", question(text="v2"), id=m["id"], base_version=1)])
    (conflict,) = push_ok(
        alice_api, [upsert("questions", question(text="x"), id=m["id"], base_version=1)]
    )
    (result,) = push_ok(
        alice_api,
        [
            upsert(
                "questions",
                question(text="merged"),
                id=m["id"],
                base_version=conflict["current"]["version"],
            )
        ],
    )
    assert result == {**result, "status": "applied", "version": 3}


def test_it_answers_conflict_for_a_delete_at_a_stale_base_version(alice_api):
    m = upsert("courses", course())
    push_ok(alice_api, [m])
    push_ok(alice_api, [upsert("courses", course(notes="edited"), id=m["id"], base_version=1)])
    (result,) = push_ok(alice_api, [delete("courses", id=m["id"], base_version=1)])
    assert result["status"] == "conflict"
    assert Record.objects.get(id=m["id"]).deleted is False


def test_a_delete_leaves_a_contentless_tombstone(alice_api):
    m = upsert("scans", scan(notes="private words"))
    push_ok(alice_api, [m])
    (result,) = push_ok(alice_api, [delete("scans", id=m["id"], base_version=1)])
    assert result["status"] == "applied" and result["version"] == 2
    record = Record.objects.get(id=m["id"])
    assert record.deleted is True
    assert record.data == {}


def test_changing_a_tombstone_is_a_conflict(alice_api):
    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    push_ok(alice_api, [delete("scans", id=m["id"], base_version=1)])
    (result,) = push_ok(alice_api, [upsert("scans", scan(), id=m["id"], base_version=2)])
    assert result["status"] == "conflict"
    assert result["current"]["deleted"] is True
    assert result["current"]["data"] == {}
    assert Record.objects.get(id=m["id"]).deleted is True


def test_deleting_a_tombstone_again_is_a_conflict(alice_api):
    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    push_ok(alice_api, [delete("scans", id=m["id"], base_version=1)])
    (result,) = push_ok(alice_api, [delete("scans", id=m["id"], base_version=2)])
    assert result["status"] == "conflict"
    assert Record.objects.get(id=m["id"]).version == 2


def test_creating_over_a_tombstone_is_a_conflict_and_never_resurrects_it(alice_api):
    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    push_ok(alice_api, [delete("scans", id=m["id"], base_version=1)])
    (result,) = push_ok(alice_api, [upsert("scans", scan(), id=m["id"])])
    assert result["status"] == "conflict"
    assert Record.objects.get(id=m["id"]).deleted is True


def test_it_answers_a_replayed_mutation_id_from_its_first_answer(alice_api):
    m = upsert("questions", question())
    first = push_ok(alice_api, [m])
    second = push_ok(alice_api, [m])
    assert second == first
    assert Record.objects.get(id=m["id"]).version == 1
    assert AppliedMutation.objects.filter(mutation_id=m["mutation_id"]).count() == 1


def test_a_replayed_mutation_is_not_applied_again_after_later_changes(alice_api):
    create = upsert("questions", question(text="v1"))
    push_ok(alice_api, [create])
    update = upsert("questions", question(text="v2"), id=create["id"], base_version=1)
    push_ok(alice_api, [update])
    # The answer to the first push was lost; the client resends it.
    (result,) = push_ok(alice_api, [create])
    assert (result["status"], result["version"]) == ("applied", 1)
    record = Record.objects.get(id=create["id"])
    assert (record.version, record.data["text"]) == (2, "v2")


def test_resending_a_whole_request_after_a_lost_answer_is_safe(alice_api):
    mutations = [upsert("scans", scan()) for _ in range(3)] + [upsert("questions", question())]
    first = push(alice_api, mutations).json()
    second = push(alice_api, mutations).json()
    assert second["results"] == first["results"]
    changes, _ = pull_all(alice_api)
    assert len(changes) == 4


def test_it_answers_id_unavailable_for_another_users_id_without_a_hint(alice_api, bob_api):
    alices = upsert("scans", scan(notes="alice's words"))
    push_ok(alice_api, [alices])
    for attempt in (
        upsert("scans", scan(notes="bob"), id=alices["id"]),
        upsert("scans", scan(notes="bob"), id=alices["id"], base_version=1),
        delete("scans", id=alices["id"], base_version=1),
        upsert("questions", question(), id=alices["id"]),
    ):
        (result,) = push_ok(bob_api, [attempt])
        assert result["status"] == "rejected"
        assert result["error"] == "id_unavailable"
        assert "current" not in result
        assert "alice" not in json.dumps(result)
    record = Record.objects.get(id=alices["id"])
    assert (record.version, record.deleted, record.data["notes"]) == (1, False, "alice's words")


def test_it_rejects_a_change_to_an_id_that_does_not_exist(alice_api):
    (result,) = push_ok(alice_api, [upsert("scans", scan(), base_version=3)])
    assert result["status"] == "rejected"
    assert result["error"] == "not_found"
    (result,) = push_ok(alice_api, [delete("scans", id=new_id(), base_version=1)])
    assert result["error"] == "not_found"
    assert Record.objects.count() == 0


def test_it_rejects_a_change_that_names_the_wrong_collection(alice_api):
    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    (result,) = push_ok(alice_api, [upsert("questions", question(), id=m["id"], base_version=1)])
    assert result["status"] == "rejected"
    assert "collection" in result["fields"]
    assert Record.objects.get(id=m["id"]).collection == "scans"


def test_it_rejects_an_unknown_collection(alice_api):
    m = upsert("moods", {"mood": "fine"})
    (result,) = push_ok(alice_api, [m])
    assert result["status"] == "rejected" and "collection" in result["fields"]
    assert not Record.objects.exists()


def test_it_rejects_an_unknown_op(alice_api):
    m = {**upsert("scans", scan()), "op": "patch"}
    (result,) = push_ok(alice_api, [m])
    assert result["status"] == "rejected" and "op" in result["fields"]


def test_it_rejects_a_mutation_whose_id_is_not_a_uuid(alice_api):
    m = {**upsert("scans", scan()), "id": "scan-1"}
    (result,) = push_ok(alice_api, [m])
    assert result["status"] == "rejected" and "id" in result["fields"]


@pytest.mark.parametrize("form", NOT_CANONICAL_UUID)
def test_it_rejects_an_id_that_is_not_a_canonical_uuid(alice_api, form):
    m = {**upsert("scans", scan()), "id": NOT_CANONICAL_UUID[form]}
    (result,) = push_ok(alice_api, [m])
    assert result["status"] == "rejected" and result["error"] == "invalid"
    assert list(result["fields"]) == ["id"]
    assert not Record.objects.exists()


@pytest.mark.parametrize("form", NOT_CANONICAL_UUID)
def test_it_refuses_a_mutation_id_that_is_not_a_canonical_uuid(alice_api, form):
    m = {**upsert("scans", scan()), "mutation_id": NOT_CANONICAL_UUID[form]}
    _refused(alice_api, {"schema": 1, "mutations": [m]}, fields=["mutations.0.mutation_id"])


def test_it_rejects_a_base_version_of_the_wrong_type(alice_api):
    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    for base in ("1", True, 0, 1.5):
        (result,) = push_ok(
            alice_api, [{**upsert("scans", scan(), id=m["id"]), "base_version": base}]
        )
        assert result["status"] == "rejected" and "base_version" in result["fields"], base
    assert Record.objects.get(id=m["id"]).version == 1


def test_it_rejects_a_delete_without_a_base_version(alice_api):
    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    (result,) = push_ok(
        alice_api, [{**delete("scans", id=m["id"], base_version=1), "base_version": None}]
    )
    assert result["status"] == "rejected"
    assert Record.objects.get(id=m["id"]).deleted is False


def test_it_rejects_an_upsert_without_data(alice_api):
    m = upsert("scans", scan())
    del m["data"]
    (result,) = push_ok(alice_api, [m])
    assert result["status"] == "rejected" and "data" in result["fields"]


def test_it_rejects_unknown_keys_in_a_mutation(alice_api):
    m = {**upsert("scans", scan()), "priority": "high"}
    (result,) = push_ok(alice_api, [m])
    assert result["status"] == "rejected" and "priority" in result["fields"]


def test_a_rejected_mutation_can_be_fixed_and_resent_with_the_same_mutation_id(alice_api):
    m = upsert("scans", scan(date="2026-02-30"))
    (first,) = push_ok(alice_api, [m])
    assert first["status"] == "rejected"
    (second,) = push_ok(alice_api, [{**m, "data": scan()}])
    assert second["status"] == "applied"


def test_the_answer_carries_a_cursor_after_this_push(alice_api):
    push_ok(alice_api, [upsert("scans", scan())])
    body = push(alice_api, [upsert("scans", scan())]).json()
    response = alice_api.get("/api/v1/sync/pull", {"cursor": body["cursor"]})
    assert response.status_code == 200
    assert response.json()["changes"] == []


# -- Whole-request refusals: nothing applied


def _refused(
    client,
    body,
    *,
    error="invalid_request",
    fields=None,
    content_type="application/json",
    status=400,
):
    """The whole push refused with `error`, naming exactly `fields`, and nothing applied."""
    raw = body if isinstance(body, (str, bytes)) else json.dumps(body)
    response = client.post(PUSH, raw, content_type=content_type)
    assert response.status_code == status, response.content
    answer = response.json()
    assert answer["error"] == error, answer
    assert isinstance(answer["detail"], str) and answer["detail"], answer
    assert sorted(answer.get("fields", {})) == sorted(fields or []), answer
    assert not Record.objects.exists()
    assert not AppliedMutation.objects.exists()
    return answer


def test_it_refuses_a_body_that_is_not_json(alice_api):
    _refused(alice_api, b'{"schema": 1, "mutations": [', error="invalid_json")


def test_it_refuses_json_that_is_not_an_object(alice_api):
    _refused(alice_api, [upsert("scans", scan())])


def test_it_refuses_a_push_without_mutations(alice_api):
    _refused(alice_api, {"schema": 1, "client_id": "a"}, fields=["mutations"])


def test_it_refuses_mutations_that_are_not_a_list(alice_api):
    # An object of objects would otherwise be read as a list of its keys.
    m = upsert("scans", scan())
    answer = _refused(alice_api, {"schema": 1, "mutations": {"0": m}}, fields=["mutations"])
    assert answer["fields"]["mutations"] == ["Must be a list."]
    _refused(alice_api, {"schema": 1, "mutations": "[]"}, fields=["mutations"])


def test_it_refuses_more_than_500_mutations(alice_api):
    mutations = [upsert("questions", question()) for _ in range(501)]
    _refused(
        alice_api, {"schema": 1, "client_id": "a", "mutations": mutations}, fields=["mutations"]
    )


def test_it_accepts_exactly_500_mutations(alice_api):
    mutations = [upsert("questions", question()) for _ in range(500)]
    results = push_ok(alice_api, mutations)
    assert {r["status"] for r in results} == {"applied"}


def test_it_refuses_a_repeated_mutation_id_within_one_request(alice_api):
    a = upsert("scans", scan())
    b = upsert("scans", scan(), mutation_id=a["mutation_id"])
    _refused(alice_api, {"schema": 1, "mutations": [a, b]}, fields=["mutations.1.mutation_id"])


def test_it_refuses_a_repeated_id_within_one_request(alice_api):
    a = upsert("scans", scan())
    b = upsert("scans", scan(), id=a["id"])
    _refused(alice_api, {"schema": 1, "mutations": [a, b]}, fields=["mutations.1.id"])


def test_it_refuses_a_mutation_without_a_uuid_mutation_id(alice_api):
    for bad in (None, "1", 7):
        m = {**upsert("scans", scan()), "mutation_id": bad}
        _refused(
            alice_api,
            {"schema": 1, "mutations": [upsert("scans", scan()), m]},
            fields=["mutations.1.mutation_id"],
        )


def test_it_refuses_a_mutation_that_is_not_an_object(alice_api):
    _refused(
        alice_api,
        {"schema": 1, "mutations": [upsert("scans", scan()), "delete everything"]},
        fields=["mutations.1"],
    )


def test_it_refuses_a_body_over_2_mib_with_413(alice_api):
    filler = "x" * 4000
    mutations = [upsert("scans", scan(notes=filler)) for _ in range(530)]
    raw = json.dumps({"schema": 1, "mutations": mutations[:500]})
    assert len(raw) > 2 * 1024 * 1024
    _refused(alice_api, raw, error="request_too_large", status=413)


def test_it_refuses_a_10_mb_body_with_413(alice_api):
    _refused(
        alice_api, b"{" + b" " * (10 * 1024 * 1024) + b"}", error="request_too_large", status=413
    )


def test_it_refuses_a_body_larger_than_its_declared_length_allows(alice_api):
    raw = json.dumps({"schema": 1, "mutations": [upsert("scans", scan(notes="x" * 4000))] * 1})
    response = alice_api.generic(
        "POST", PUSH, raw.encode() + b" " * (2 * 1024 * 1024), content_type="application/json"
    )
    assert response.status_code == 413
    assert not Record.objects.exists()


def test_it_answers_409_schema_outdated_for_an_older_schema(alice_api):
    body = {"schema": 0, "mutations": [upsert("scans", scan())]}
    _refused(alice_api, body, error="schema_outdated", status=409)


def test_it_answers_409_schema_unsupported_for_a_newer_schema(alice_api):
    body = {"schema": 3, "mutations": [upsert("scans", scan())]}
    _refused(alice_api, body, error="schema_unsupported", status=409)


def test_it_refuses_a_push_without_a_schema(alice_api):
    _refused(alice_api, {"mutations": [upsert("scans", scan())]}, fields=["schema"])


def test_it_refuses_a_schema_that_is_not_a_number(alice_api):
    for bad in ("1", True, 1.0):
        body = {"schema": bad, "mutations": [upsert("scans", scan())]}
        _refused(alice_api, body, fields=["schema"])


def test_it_refuses_nan_which_is_not_json(alice_api):
    _refused(alice_api, '{"schema": 1, "mutations": [], "x": NaN}', error="invalid_json")


def test_it_refuses_deeply_nested_json_without_crashing(alice_api):
    _refused(alice_api, "[" * 100_000 + "]" * 100_000, error="invalid_json")


def test_it_answers_503_never_500_when_the_database_is_busy(alice_api, monkeypatch):
    from tracker import services

    def busy(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "_lock_state", busy)
    response = push(alice_api, [upsert("scans", scan())])
    assert response.status_code == 503
    assert response.json()["error"] == "service_unavailable"
    assert not Record.objects.exists()


def _losing_races(monkeypatch, losses: int) -> list[int]:
    """The user's first push loses the race for its new SyncState `losses` times."""
    from django.db import IntegrityError

    from tracker import services

    tries = []
    real = services._lock_state

    def racing(**kwargs):
        tries.append(1)
        if len(tries) <= losses:
            raise IntegrityError("duplicate key value violates unique constraint")
        return real(**kwargs)

    monkeypatch.setattr(services, "_lock_state", racing)
    return tries


def test_a_push_that_loses_the_race_for_a_new_row_twice_applies_on_its_third_try(
    alice_api, monkeypatch
):
    tries = _losing_races(monkeypatch, losses=2)
    m = upsert("scans", scan())

    (result,) = push_ok(alice_api, [m])

    assert (result["status"], result["version"]) == ("applied", 1)
    assert len(tries) == 3
    assert Record.objects.filter(id=m["id"]).count() == 1


def test_a_push_that_loses_the_race_three_times_answers_503_and_applies_nothing(
    alice_api, monkeypatch
):
    tries = _losing_races(monkeypatch, losses=3)

    response = push(alice_api, [upsert("scans", scan())])

    assert response.status_code == 503
    assert response.json()["error"] == "service_unavailable"
    assert len(tries) == 3
    assert not Record.objects.exists()


def test_a_failure_half_way_rolls_back_the_whole_push(alice_api, monkeypatch):
    from tracker import services

    def broken(**kwargs):
        raise OperationalError("connection lost")

    # Raised after every write of the push, inside its transaction.
    monkeypatch.setattr(services, "cursor_make", broken)
    mutations = [upsert("scans", scan()), upsert("questions", question())]
    assert push(alice_api, mutations).status_code == 503
    assert not Record.objects.exists() and not AppliedMutation.objects.exists()
    monkeypatch.undo()
    results = push_ok(alice_api, mutations)
    assert [r["status"] for r in results] == ["applied", "applied"]


# -- Devices


def test_it_remembers_each_client_id_with_first_and_last_seen_and_browser(alice, catalogue):
    from tests.support import token_client

    firefox = token_client(
        alice, user_agent="Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"
    )
    push_ok(firefox, [upsert("scans", scan())], client_id="phone")
    first = Device.objects.get(user=alice, client_id="phone")
    push_ok(firefox, [upsert("scans", scan())], client_id="phone")
    device = Device.objects.get(user=alice, client_id="phone")
    assert device.first_seen == first.first_seen
    assert device.last_seen > first.last_seen
    assert device.user_agent == "Firefox on Android"


def test_it_accepts_a_client_id_of_1_to_100_characters(alice_api, alice):
    for good in ("a", "x" * 100):
        push_ok(alice_api, [upsert("scans", scan())], client_id=good)
    assert sorted(Device.objects.filter(user=alice).values_list("client_id", flat=True)) == [
        "a",
        "x" * 100,
    ]


def test_it_refuses_a_client_id_that_is_not_a_string_of_1_to_100_characters(alice_api):
    for bad in (12, "", "x" * 101, "a\u0000b"):
        body = {"schema": 1, "client_id": bad, "mutations": [upsert("scans", scan())]}
        _refused(alice_api, body, fields=["client_id"])


# -- Cost


def _queries_for(client, mutations) -> int:
    with CaptureQueriesContext(connection) as queries:
        results = push_ok(client, mutations)
    assert {r["status"] for r in results} == {"applied"}
    return len(queries)


@pytest.mark.parametrize("collection,data", [("scans", scan()), ("courses", course())])
def test_a_push_of_100_new_entries_costs_a_small_constant_number_of_queries(
    alice_api, collection, data
):
    push_ok(alice_api, [upsert("questions", question())])  # the sync state exists
    ten = _queries_for(alice_api, [upsert(collection, data) for _ in range(10)])
    hundred = _queries_for(alice_api, [upsert(collection, data) for _ in range(100)])
    assert hundred == ten
    # 13: one is the check that the caller is not staff (accounts/permissions.py).
    assert hundred <= 13


def test_a_push_of_100_updates_costs_a_small_constant_number_of_queries(
    alice_api, django_assert_max_num_queries
):
    mutations = [upsert("side_effects", side_effect()) for _ in range(100)]
    push_ok(alice_api, mutations)
    updates = [
        upsert("side_effects", side_effect(severity=3), id=m["id"], base_version=1)
        for m in mutations
    ]
    with django_assert_max_num_queries(13):
        results = push_ok(alice_api, updates)
    assert {r["version"] for r in results} == {2}


# Found by mutation testing (bench/mutation.py, target "push").


def test_a_rejected_and_a_conflict_answer_have_exactly_the_contracts_keys(alice_api):
    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    bad = upsert("scans", {**scan(), "date": "not a date"})
    stale = upsert("scans", scan(), id=m["id"], base_version=None)
    rejected, conflict = push_ok(alice_api, [bad, stale])

    assert set(rejected) == {"mutation_id", "id", "status", "error", "detail", "fields"}
    assert (rejected["mutation_id"], rejected["id"]) == (bad["mutation_id"], bad["id"])
    assert rejected["status"] == "rejected" and rejected["error"] == "invalid"
    assert isinstance(rejected["detail"], str) and rejected["detail"]
    assert list(rejected["fields"]) == ["date"]
    assert set(conflict) == {"mutation_id", "id", "status", "current"}
    assert (conflict["mutation_id"], conflict["id"]) == (stale["mutation_id"], stale["id"])


def test_a_users_first_change_takes_the_first_position(alice_api, alice):
    from tracker.models import SyncState
    from tracker.selectors import cursor_make

    SyncState.objects.filter(user=alice).delete()
    push_ok(alice_api, [upsert("scans", scan())])
    after_first = alice_api.get(PULL_URL, {"cursor": cursor_make(user_id=alice.pk, seq=1)})
    assert after_first.json()["changes"] == []
    from_start = alice_api.get(PULL_URL, {"cursor": cursor_make(user_id=alice.pk, seq=0)})
    assert len(from_start.json()["changes"]) == 1


def test_a_mutation_id_another_account_used_is_a_new_mutation_here(alice_api, bob_api, bob):
    # Mutation ids are the client's; Alice's stored reply must never answer Bob.
    alices = upsert("questions", question(text="ALICE-ONLY"))
    push_ok(alice_api, [alices])
    bobs = upsert("questions", question(text="Bob's own"), mutation_id=alices["mutation_id"])

    [result] = push_ok(bob_api, [bobs])

    assert result["status"] == "applied"
    assert result["id"] == bobs["id"]
    assert "ALICE-ONLY" not in json.dumps(result)
    assert Record.objects.filter(user=bob, id=bobs["id"]).exists()


def _between_two_good_ones(client, bad, **kwargs) -> dict:
    before, after = upsert("scans", scan()), upsert("questions", question())

    first, rejected, last = push_ok(client, [before, bad, after], **kwargs)

    assert (first["status"], last["status"]) == ("applied", "applied")
    assert rejected["status"] == "rejected"
    return {k: v for k, v in rejected.items() if k not in ("mutation_id", "id", "status")}


def test_a_change_that_does_not_parse_is_refused_alone_with_its_sentence(alice_api):
    bad = upsert("scans", scan())
    bad["op"] = "replace"

    answer = _between_two_good_ones(alice_api, bad)

    assert answer["error"] == "invalid"
    assert answer["detail"] == "This change is not valid."
    assert list(answer["fields"]) == ["op"]


def test_another_accounts_id_is_refused_alone_with_its_sentence(alice_api, bob_api):
    [bobs] = push_ok(bob_api, [upsert("scans", scan())])

    answer = _between_two_good_ones(alice_api, upsert("scans", scan(), id=bobs["id"]))

    assert answer == {
        "error": "id_unavailable",
        "detail": "This id cannot be used. Make a new one.",
    }


def test_a_collection_newer_than_the_push_is_refused_alone_with_its_sentence(alice_api):
    answer = _between_two_good_ones(alice_api, upsert("checkins", checkin()), schema=1)

    assert answer == {
        "error": "unknown_collection",
        "detail": "This app's schema does not have this collection. Update the app.",
        "fields": {"collection": ["Not part of sync schema 1."]},
    }


def test_an_entry_that_breaks_the_contract_is_refused_alone_with_its_sentence(alice_api):
    answer = _between_two_good_ones(alice_api, upsert("scans", scan(date="2026-02-30")))

    assert answer["error"] == "invalid"
    assert answer["detail"] == "This entry is not valid."
    assert list(answer["fields"]) == ["date"]


def test_a_change_of_an_entry_that_is_not_there_is_refused_alone_with_its_sentence(alice_api):
    answer = _between_two_good_ones(alice_api, upsert("scans", scan(), base_version=1))

    assert answer == {
        "error": "not_found",
        "detail": "There is no entry with this id to change.",
    }


def test_a_change_under_another_collection_is_refused_alone_with_its_sentence(alice_api):
    [created] = push_ok(alice_api, [upsert("scans", scan())])
    moved = upsert("questions", question(), id=created["id"], base_version=created["version"])

    answer = _between_two_good_ones(alice_api, moved)

    assert answer == {
        "error": "invalid",
        "detail": "This change is not valid.",
        "fields": {"collection": ["This id belongs to another collection."]},
    }


# Each refusal's exact answer: `detail` is the sentence the app shows for a
# refused push, and each `fields` message the one it shows beside the field.

_ONE = [upsert("scans", scan())]
_TWICE = upsert("scans", scan())


@pytest.mark.parametrize(
    "body,status,answer",
    [
        (
            [_ONE],
            400,
            {"error": "invalid_request", "detail": "The body must be a JSON object."},
        ),
        (
            {"mutations": _ONE},
            400,
            {
                "error": "invalid_request",
                "detail": "The schema version is missing.",
                "fields": {"schema": ["This field is required."]},
            },
        ),
        (
            {"schema": "1", "mutations": _ONE},
            400,
            {
                "error": "invalid_request",
                "detail": "The schema version must be a whole number.",
                "fields": {"schema": ["Must be a whole number."]},
            },
        ),
        (
            {"schema": 0, "mutations": _ONE},
            409,
            {
                "error": "schema_outdated",
                "detail": "This app is out of date. Update it; your changes are kept meanwhile.",
            },
        ),
        (
            {"schema": 3, "mutations": _ONE},
            409,
            {
                "error": "schema_unsupported",
                "detail": "This server does not know this schema yet. "
                "Keep your changes and try later.",
            },
        ),
        (
            {"schema": 1, "client_id": "", "mutations": _ONE},
            400,
            {
                "error": "invalid_request",
                "detail": "The client_id is not valid.",
                "fields": {"client_id": ["Must be a string of 1 to 100 characters, e.g. a UUID."]},
            },
        ),
        (
            {"schema": 1},
            400,
            {
                "error": "invalid_request",
                "detail": "The list of mutations is missing.",
                "fields": {"mutations": ["This field is required."]},
            },
        ),
        (
            {"schema": 1, "mutations": {"0": _ONE[0]}},
            400,
            {
                "error": "invalid_request",
                "detail": "The mutations must be a list.",
                "fields": {"mutations": ["Must be a list."]},
            },
        ),
        (
            {"schema": 1, "mutations": [upsert("questions", question()) for _ in range(501)]},
            400,
            {
                "error": "invalid_request",
                "detail": "At most 500 mutations per request.",
                "fields": {"mutations": ["At most 500 per request."]},
            },
        ),
        (
            {"schema": 1, "mutations": [*_ONE, ["not", "an", "object"]]},
            400,
            {
                "error": "invalid_request",
                "detail": "Each mutation must be an object.",
                "fields": {"mutations.1": ["Must be an object."]},
            },
        ),
        (
            {"schema": 1, "mutations": [*_ONE, {**_TWICE, "mutation_id": "7"}]},
            400,
            {
                "error": "invalid_request",
                "detail": "Each mutation needs a mutation_id that is a UUID.",
                "fields": {"mutations.1.mutation_id": ["Must be a UUID."]},
            },
        ),
        (
            {"schema": 1, "mutations": [_TWICE, {**_ONE[0], "mutation_id": _TWICE["mutation_id"]}]},
            400,
            {
                "error": "invalid_request",
                "detail": "A mutation_id is repeated within this request.",
                "fields": {"mutations.1.mutation_id": ["Repeated within this request."]},
            },
        ),
        (
            {"schema": 1, "mutations": [_TWICE, upsert("scans", scan(), id=_TWICE["id"])]},
            400,
            {
                "error": "invalid_request",
                "detail": "An id is repeated within this request.",
                "fields": {"mutations.1.id": ["Repeated within this request."]},
            },
        ),
    ],
    ids=[
        "not an object",
        "no schema",
        "schema not a number",
        "schema too old",
        "schema too new",
        "client_id empty",
        "no mutations",
        "mutations not a list",
        "501 mutations",
        "a mutation not an object",
        "a mutation_id not a UUID",
        "a repeated mutation_id",
        "a repeated id",
    ],
)
def test_a_refused_push_answers_with_its_sentence_and_the_field_at_fault(
    alice_api, body, status, answer
):
    assert (
        _refused(alice_api, body, error=answer["error"], fields=answer.get("fields"), status=status)
        == answer
    )


def _rejected_alone(client, mutation) -> dict:
    (result,) = push_ok(client, [mutation])
    assert (result["status"], result["error"]) == ("rejected", "invalid"), result
    assert result["detail"] == "This change is not valid."
    assert not Record.objects.exists()
    return result


_ANY_COLLECTION = "Must be one of: courses, scans, side_effects, questions, checkins."


@pytest.mark.parametrize(
    "change,fields",
    [
        ({"id": "scan-1"}, {"id": ["Must be a UUID."]}),
        ({"collection": "moods"}, {"collection": [_ANY_COLLECTION]}),
        ({"collection": ["scans"]}, {"collection": [_ANY_COLLECTION]}),
        ({"op": "patch"}, {"op": ["Must be upsert or delete."]}),
        ({"op": ["upsert"]}, {"op": ["Must be upsert or delete."]}),
        (
            {"base_version": 0},
            {"base_version": ["Must be null (to create) or the version being changed."]},
        ),
        ({"priority": "high"}, {"priority": ["Unknown field."]}),
        ({"p" * 150: 1}, {"p" * 100: ["Unknown field."]}),
        ({"a\u0000b": 1}, {"?": ["Unknown field."]}),
        (
            {"op": "delete", "base_version": None},
            {"base_version": ["Required to delete: the version being deleted."]},
        ),
    ],
    ids=[
        "id",
        "collection",
        "collection not text",
        "op",
        "op not text",
        "base_version",
        "unknown key",
        "long unknown key",
        "unknown key with a NUL",
        "delete without base_version",
    ],
)
def test_a_mutation_that_does_not_parse_names_each_field_with_its_message(
    alice_api, change, fields
):
    mutation = {**upsert("scans", scan()), **change}

    result = _rejected_alone(alice_api, mutation)

    assert result["fields"] == fields
    assert (result["mutation_id"], result["id"]) == (mutation["mutation_id"], mutation["id"])


def test_an_upsert_without_data_names_data_with_its_message(alice_api):
    mutation = upsert("scans", scan())
    del mutation["data"]

    assert _rejected_alone(alice_api, mutation)["fields"] == {"data": ["Required for an upsert."]}


def test_a_mutation_without_an_id_is_rejected_with_a_null_id(alice_api):
    mutation = upsert("scans", scan())
    del mutation["id"]

    result = _rejected_alone(alice_api, mutation)

    assert result["id"] is None
    assert result["fields"] == {"id": ["Must be a UUID."]}


@pytest.mark.parametrize("sent,echoed", [(7, None), ("x" * 45, "x" * 45), ("x" * 46, None)])
def test_a_bad_id_is_echoed_only_when_it_is_short_text(alice_api, sent, echoed):
    result = _rejected_alone(alice_api, {**upsert("scans", scan()), "id": sent})

    assert result["id"] == echoed
    assert result["fields"] == {"id": ["Must be a UUID."]}


def test_two_mutations_with_bad_ids_are_rejected_each_not_refused_as_repeated(alice_api):
    first, second = (upsert("scans", scan(), id="not-an-id") for _ in range(2))

    results = push_ok(alice_api, [first, second])

    assert [(r["status"], r["fields"]) for r in results] == [
        ("rejected", {"id": ["Must be a UUID."]}),
        ("rejected", {"id": ["Must be a UUID."]}),
    ]


def test_a_stale_change_is_a_conflict_that_never_stops_the_others(alice_api):
    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    push_ok(alice_api, [upsert("scans", scan(notes="newer"), id=m["id"], base_version=1)])
    stale = upsert("scans", scan(notes="stale"), id=m["id"], base_version=1)
    fresh = upsert("questions", question())

    conflict, applied = push_ok(alice_api, [stale, fresh])

    assert (conflict["status"], conflict["current"]["version"]) == ("conflict", 2)
    assert (applied["id"], applied["status"]) == (fresh["id"], "applied")


def test_a_change_takes_the_next_position_after_the_create(alice_api, alice):
    from tracker.selectors import cursor_make

    m = upsert("scans", scan())
    push_ok(alice_api, [m])
    push_ok(alice_api, [upsert("scans", scan(notes="edited"), id=m["id"], base_version=1)])

    def after(seq):
        cursor = cursor_make(user_id=alice.pk, seq=seq)
        return alice_api.get(PULL_URL, {"cursor": cursor}).json()["changes"]

    assert [c["version"] for c in after(1)] == [2]
    assert after(2) == []


# Found by mutation testing on PostgreSQL (bench/mutation.py push --again --postgresql):
# the ORM's reads and writes give the same rows there, at three times the statements.


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own statements")
def test_on_postgresql_a_push_is_its_lock_one_read_and_one_write(alice_api):
    first = [upsert("scans", scan()) for _ in range(3)]
    push_ok(alice_api, first)  # the sync state and the device exist
    changes = [upsert("scans", scan(notes="x"), id=m["id"], base_version=1) for m in first]
    with CaptureQueriesContext(connection) as queries:
        results = push_ok(alice_api, [*changes, upsert("questions", question())])
    assert [r["status"] for r in results] == ["applied"] * 4
    journal = [
        q["sql"] for q in queries if "tracker_" in q["sql"] and "tracker_apitoken" not in q["sql"]
    ]

    assert len(journal) == 3, journal
    lock, read, write = journal
    assert "tracker_syncstate" in lock and "FOR UPDATE" in lock
    # The stored answers and the records in one statement, so in one snapshot.
    assert "tracker_appliedmutation" in read and "tracker_record" in read
    for table in (
        "tracker_record",
        "tracker_appliedmutation",
        "tracker_syncstate",
        "tracker_device",
    ):
        assert table in write
