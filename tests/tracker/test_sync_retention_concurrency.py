"""Retention pruning while devices push and pull, in real concurrent transactions on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.support import PULL, delete, push_ok, question, token_client, upsert
from tests.tracker.test_concurrency import _in_thread, _result
from tests.tracker.test_sync_retention import _prune
from tracker.models import Record

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks and truly concurrent transactions",
    ),
]


def test_a_device_that_pulls_while_history_is_pruned_ends_with_the_servers_journal(
    alice, catalogue
):
    writer, reader = token_client(alice), token_client(alice)
    live = [upsert("questions", question(text=f"first {i}")) for i in range(20)]
    push_ok(writer, live)
    writing_done, pruned_once = threading.Event(), threading.Event()
    resets = []

    def write():
        # Each push deletes the oldest entry and creates one: a stream of
        # tombstones, every one old enough to prune (the prune runs 31 days ahead).
        try:
            for i in range(60):
                gone = live.pop(0)
                new = upsert("questions", question(text=f"later {i}"))
                push_ok(writer, [delete("questions", id=gone["id"], base_version=1), new])
                live.append(new)
        finally:
            writing_done.set()

    def prune():
        pruned = 0
        while not writing_done.is_set():
            pruned += _prune(batch_size=3).tombstones
            pruned_once.set()
        return pruned + _prune(batch_size=3).tombstones

    def pull():
        # A device as static/js/pull.js keeps it: on 410 it pulls from the
        # beginning and drops what that full pull did not confirm.
        journal: dict[str, dict] = {}
        cursor, confirmed = None, None
        while True:
            finished = writing_done.is_set()
            if not finished:
                # Let a prune run between two pages, so that pages and prunes interleave.
                pruned_once.wait(timeout=30)
                pruned_once.clear()
            params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
            response = reader.get(PULL, params)
            if response.status_code == 410:
                assert response.json()["error"] == "reset_required"
                resets.append(cursor)
                cursor, confirmed = None, set()
                continue
            assert response.status_code == 200, response.content
            body = response.json()
            for change in body["changes"]:
                if confirmed is not None:
                    confirmed.add(change["id"])
                if change["deleted"]:
                    journal.pop(change["id"], None)
                else:
                    journal[change["id"]] = change
            cursor = body["cursor"]
            if not body["has_more"]:
                if confirmed is not None:
                    journal = {k: v for k, v in journal.items() if k in confirmed}
                    confirmed = None
                if finished:
                    return journal

    threads = [_in_thread(t) for t in (write, prune, pull)]
    _, pruned, journal = (_result(*t) for t in threads)
    server = {str(i) for i in Record.objects.filter(deleted=False).values_list("id", flat=True)}
    assert set(journal) == server == {m["id"] for m in live}
    assert pruned == 60
    assert resets, "no pull met a prune: the test did not exercise 410"
    assert not Record.objects.filter(deleted=True).exists()
