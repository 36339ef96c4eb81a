"""Retention of sync history (docs/sync-protocol.md §4, retention): replies, tombstones, 410."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.support import (
    PULL,
    delete,
    pull_all,
    push_ok,
    question,
    scan,
    upsert,
)
from tracker.models import AppliedMutation, ForgottenRecord, Record, SyncState
from tracker.services import sync_history_prune

DAY = datetime.timedelta(days=1)


def _later(days: int) -> datetime.datetime:
    return timezone.now() + days * DAY


def _prune(days_later: int = 31, **kwargs):
    """Prunes as the command would `days_later` days from now, with 30 days' retention."""
    return sync_history_prune(now=_later(days_later), retention_days=30, **kwargs)


def _created(client, count: int = 1, **data) -> list[dict]:
    mutations = [upsert("questions", question(text=f"q{i}", **data)) for i in range(count)]
    push_ok(client, mutations)
    return mutations


def _deleted(client, mutation: dict, base_version: int = 1) -> dict:
    m = delete(mutation["collection"], id=mutation["id"], base_version=base_version)
    push_ok(client, [m])
    return m


def _age(*, days: int) -> None:
    """Makes every stored reply and change so far `days` days older."""
    AppliedMutation.objects.update(applied_at=timezone.now() - days * DAY)
    Record.objects.update(updated_at=timezone.now() - days * DAY)


# -- What is pruned -------------------------------------------------------------


def test_it_prunes_stored_replies_older_than_the_retention_and_keeps_younger_ones(alice_api):
    old = _created(alice_api, 3)
    _age(days=40)
    young = _created(alice_api, 2)
    result = sync_history_prune(retention_days=30, batch_size=2)
    assert result.replies == 3
    kept = set(AppliedMutation.objects.values_list("mutation_id", flat=True))
    assert {str(m) for m in kept} == {m["mutation_id"] for m in young}
    assert not kept & {m["mutation_id"] for m in old}


def test_it_compacts_old_tombstones_to_their_bare_id_and_keeps_every_live_entry(alice_api, alice):
    live, gone = _created(alice_api, 2)
    _deleted(alice_api, gone)
    tombstone = Record.objects.get(id=gone["id"])
    _age(days=40)
    result = sync_history_prune(retention_days=30, batch_size=1)
    assert (result.tombstones, result.users) == (1, 1)
    assert list(Record.objects.values_list("id", flat=True)) == [Record.objects.get().id]
    assert str(Record.objects.get().id) == live["id"]
    forgotten = ForgottenRecord.objects.get()
    assert (str(forgotten.id), forgotten.user_id) == (gone["id"], alice.pk)
    assert SyncState.objects.get(user=alice).pruned_seq == tombstone.change_seq


def test_it_keeps_tombstones_younger_than_the_retention(alice_api, alice):
    (gone,) = _created(alice_api)
    _deleted(alice_api, gone)
    assert _prune(days_later=29).tombstones == 0
    assert Record.objects.get(id=gone["id"]).deleted
    assert SyncState.objects.get(user=alice).pruned_seq == 0


def test_it_refuses_a_retention_below_one_day(db):
    with pytest.raises(ValueError, match="at least 1"):
        sync_history_prune(retention_days=0)


def test_the_command_prunes_with_the_retention_of_the_settings(alice_api, settings, capsys):
    settings.SYNC_RETENTION_DAYS = 10
    (gone,) = _created(alice_api)
    _deleted(alice_api, gone)
    _age(days=11)
    call_command("prune_sync_history", "--batch-size", "1")
    out = capsys.readouterr().out
    assert "2 stored replies, 1 tombstones of 1 users" in out
    assert not Record.objects.exists() and not AppliedMutation.objects.exists()


def test_the_command_leaves_what_is_younger_than_days(alice_api, capsys):
    _created(alice_api)
    _age(days=11)
    call_command("prune_sync_history", "--days", "12")
    assert "0 stored replies" in capsys.readouterr().out
    assert AppliedMutation.objects.count() == 1


@pytest.mark.parametrize("args", [["--days", "0"], ["--batch-size", "0"]])
def test_the_command_refuses_a_limit_below_one(db, args):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("prune_sync_history", *args)


def test_an_erased_account_leaves_no_forgotten_ids(alice_api, alice):
    (gone,) = _created(alice_api)
    _deleted(alice_api, gone)
    _prune()
    assert ForgottenRecord.objects.filter(user=alice).exists()
    alice.delete()
    assert not ForgottenRecord.objects.exists()


# -- Pulls past the horizon ---------------------------------------------------------

TOO_LONG = {
    "error": "reset_required",
    "detail": "This device has not synced for too long. Pull from the beginning.",
}


def test_a_pull_from_a_cursor_before_the_compaction_horizon_answers_reset_required(alice_api):
    first, second = _created(alice_api, 2)
    _, cursor = pull_all(alice_api)
    _deleted(alice_api, first)
    _prune()
    response = alice_api.get(PULL, {"cursor": cursor})
    assert response.status_code == 410
    assert response.json() == TOO_LONG
    # Pulling from the beginning makes the device whole: the deleted entry is not there.
    changes, _ = pull_all(alice_api)
    assert [c["id"] for c in changes] == [second["id"]]


def test_a_cursor_at_or_after_the_horizon_pulls_as_before(alice_api):
    (gone,) = _created(alice_api)
    _deleted(alice_api, gone)
    _, cursor = pull_all(alice_api)
    _prune()
    (later,) = _created(alice_api)
    changes, _ = pull_all(alice_api, cursor)
    assert [c["id"] for c in changes] == [later["id"]]


def test_a_pull_from_the_beginning_pages_past_the_horizon_without_a_reset(alice_api):
    before = _created(alice_api, 3)
    gone = _created(alice_api, 3)
    for m in gone:
        _deleted(alice_api, m)
    _prune()
    after = _created(alice_api, 3)
    # Pages of 2 end below the horizon at first: they must still carry on.
    changes, _ = pull_all(alice_api, limit=2)
    assert [c["id"] for c in changes] == [m["id"] for m in before + after]


def test_a_journal_entirely_compacted_gives_a_cursor_that_pulls_again(alice_api, alice):
    from tracker.selectors import cursor_read

    for m in _created(alice_api, 2):
        _deleted(alice_api, m)
    _prune()
    changes, cursor = pull_all(alice_api)
    assert changes == []
    again, same = pull_all(alice_api, cursor)
    assert again == []
    # The same position: a cursor's text also carries the second it was signed in.
    position = cursor_read(cursor=cursor, user_id=alice.pk)
    assert cursor_read(cursor=same, user_id=alice.pk) == position
    (later,) = _created(alice_api)
    assert [c["id"] for c in pull_all(alice_api, cursor)[0]] == [later["id"]]


def test_a_prune_in_the_middle_of_a_pull_from_the_beginning_asks_for_another_reset(alice_api):
    entries = _created(alice_api, 4)
    page = alice_api.get(PULL, {"limit": 1}).json()
    # A deletion behind the device's position, compacted while it is paging.
    _deleted(alice_api, entries[2])
    _prune()
    response = alice_api.get(PULL, {"cursor": page["cursor"], "limit": 1})
    assert response.status_code == 410
    assert response.json() == TOO_LONG


def test_a_forged_horizon_in_a_cursor_is_an_invalid_cursor(alice_api, alice):
    from django.core import signing

    from tracker.selectors import _CURSOR_SALT

    forged = ([alice.pk, 1, -1], [alice.pk, 1, True], [alice.pk, 1, 2, 3], [alice.pk, 1, 0, 0], "x")
    for value in forged:
        cursor = signing.dumps(value, salt=_CURSOR_SALT, compress=False)
        response = alice_api.get(PULL, {"cursor": cursor})
        assert response.status_code == 400, value
        assert response.json()["error"] == "invalid_cursor"


# -- Replays whose stored reply is gone --------------------------------------------


def test_a_resent_mutation_within_the_retention_is_answered_from_its_stored_reply(alice_api):
    (m,) = _created(alice_api)
    _prune(days_later=29)
    (result,) = push_ok(alice_api, [m])
    assert (result["status"], result["version"]) == ("applied", 1)
    assert Record.objects.count() == 1


def test_a_resent_update_whose_reply_was_pruned_is_a_conflict_never_applied_twice(alice_api):
    (m,) = _created(alice_api)
    edit = upsert("questions", question(text="edited"), id=m["id"], base_version=1)
    push_ok(alice_api, [edit])
    _prune()
    (result,) = push_ok(alice_api, [edit])
    assert result["status"] == "conflict"
    assert result["current"]["version"] == 2 and result["current"]["data"]["text"] == "edited"
    assert Record.objects.get(id=m["id"]).version == 2


def test_a_resent_create_of_an_entry_still_there_is_a_conflict(alice_api):
    (m,) = _created(alice_api)
    _prune()
    (result,) = push_ok(alice_api, [m])
    assert result["status"] == "conflict" and result["current"]["version"] == 1
    assert Record.objects.count() == 1


def test_a_resent_create_of_a_compacted_entry_is_refused_not_brought_back(alice_api, alice):
    (m,) = _created(alice_api, answer="deleted on the other phone")
    removal = _deleted(alice_api, m)
    _prune()
    (result,) = push_ok(alice_api, [m])
    assert (result["status"], result["error"]) == ("rejected", "id_unavailable")
    (again,) = push_ok(alice_api, [removal])
    assert (again["status"], again["error"]) == ("rejected", "not_found")
    assert not Record.objects.filter(id=m["id"]).exists()
    assert pull_all(alice_api)[0] == []


def test_a_resent_create_of_a_compacted_entry_is_refused_alone_with_its_sentence(alice_api):
    (m,) = _created(alice_api)
    _deleted(alice_api, m)
    _prune()
    fresh = upsert("scans", scan())

    refused, applied = push_ok(alice_api, [m, fresh])

    assert {k: refused[k] for k in ("status", "error", "detail")} == {
        "status": "rejected",
        "error": "id_unavailable",
        "detail": "This id cannot be used. Make a new one.",
    }
    assert (applied["id"], applied["status"]) == (fresh["id"], "applied")


def test_another_accounts_compacted_id_is_not_forgotten_for_bob(alice_api, bob_api):
    # The forgotten ids are each account's own: Bob's history was pruned too,
    # and nothing of Alice's decides his create.
    (alices,) = _created(alice_api)
    _deleted(alice_api, alices)
    for m in _created(bob_api):
        _deleted(bob_api, m)
    _prune()

    (result,) = push_ok(bob_api, [upsert("scans", scan(), id=alices["id"])])

    assert (result["status"], result["version"]) == ("applied", 1)


def test_a_pruned_accounts_push_without_new_creates_costs_no_statement_more(alice_api, bob_api):
    # Only a create not yet applied can name a compacted id: a resent request
    # (answered from its stored replies) or an update pays nothing for it.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def statements(client, mutations) -> int:
        with CaptureQueriesContext(connection) as captured:
            results = push_ok(client, mutations)
        assert {r["status"] for r in results} == {"applied"}
        return len(captured)

    counts = []
    for client, pruned in ((alice_api, False), (bob_api, True)):
        for m in _created(client):
            _deleted(client, m)
        if pruned:
            _prune()
        kept = _created(client, 3)
        resent = statements(client, kept)
        changes = [
            upsert("questions", question(text="edited"), id=m["id"], base_version=1) for m in kept
        ]
        counts.append((resent, statements(client, changes)))
    assert counts[0] == counts[1]


def test_a_create_of_a_new_id_after_a_prune_still_applies(alice_api):
    (gone,) = _created(alice_api)
    _deleted(alice_api, gone)
    _prune()
    (result,) = push_ok(alice_api, [upsert("scans", scan())])
    assert result["status"] == "applied"


def test_a_batch_of_the_prune_costs_the_same_statements_for_few_tombstones_or_many(
    alice_api, bob_api
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for client, size in ((alice_api, 2), (bob_api, 40)):
        for m in _created(client, size):
            _deleted(client, m)
        with CaptureQueriesContext(connection) as captured:
            assert _prune().tombstones == size
        counts.append(len(captured))
    assert counts[0] == counts[1]
