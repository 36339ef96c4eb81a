"""An entry's data as the database keeps it: what was pushed comes back, and can be queried.

On PostgreSQL the column is `json` (its text, not jsonb: tracker.models.JSONTextField),
so these run on both engines in CI: a lookup inside the data must still work.
"""

from __future__ import annotations

from tests.support import PULL, delete, push_ok, question, scan, upsert
from tracker.models import Record


def test_pushed_data_comes_back_unchanged_in_a_pull_and_from_the_orm(alice_api):
    data = scan(notes="Ünïcode “quotes”, a \\ backslash and </script>", date="2026-03-01")
    m = upsert("scans", data)
    push_ok(alice_api, [m])
    (change,) = alice_api.get(PULL).json()["changes"]
    # The server fills the fields left out (as null); what was sent is unchanged.
    assert change["data"] == {**change["data"], **data}
    assert Record.objects.get(id=m["id"]).data == change["data"]


def test_queries_inside_the_data_find_the_entries(alice, alice_api):
    kept = upsert("questions", question(text="Can I travel?"))
    other = upsert("scans", scan(notes="stable"))
    gone = upsert("questions", question(text="Old question"))
    push_ok(alice_api, [kept, other, gone])
    push_ok(alice_api, [delete("questions", id=gone["id"], base_version=1)])
    mine = Record.objects.filter(user=alice)

    assert [str(r.id) for r in mine.filter(data__text="Can I travel?")] == [kept["id"]]
    assert [str(r.id) for r in mine.filter(data__notes="stable")] == [other["id"]]
    assert {str(r.id) for r in mine.filter(data__has_key="text")} == {kept["id"]}
    # A tombstone's data is {}.
    assert [str(r.id) for r in mine.filter(data={})] == [gone["id"]]
