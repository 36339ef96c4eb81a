"""Property: whatever the interleaving of pushes, pulls and retries from two devices,
both devices and the server end with the same journal, each mutation applied at most once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory
from tests.support import PULL, PUSH, new_id, token_client
from tracker.models import AppliedMutation, Record


@dataclass
class Device:
    """A minimal offline client: a local journal, a queue with one mutation per id, a cursor."""

    api: Any
    name: str
    journal: dict[str, dict] = field(default_factory=dict)  # id -> {version, deleted, data}
    queue: dict[str, dict] = field(default_factory=dict)  # id -> mutation
    shadow: dict[str, dict] = field(default_factory=dict)  # id -> latest server state seen
    cursor: str | None = None

    def write(self, record_id: str, data: dict | None) -> None:
        """Edits (or deletes, data=None) an entry locally and queues the change."""
        known = self.shadow.get(record_id)
        base = known["version"] if known else None
        if data is None and base is None:
            # Deleting an entry the server has not shown us: forget it
            # locally. Should a lost push have created it, a pull brings it back.
            self.queue.pop(record_id, None)
            self.journal.pop(record_id, None)
            return
        mutation = {
            "mutation_id": new_id(),
            "collection": "questions",
            "id": record_id,
            "base_version": base,
        }
        mutation.update({"op": "delete"} if data is None else {"op": "upsert", "data": data})
        self.queue[record_id] = mutation
        self.journal[record_id] = {
            "version": known["version"] if known else 0,
            "deleted": data is None,
            "data": {} if data is None else data,
        }

    def push(self, *, lose_answer: bool) -> None:
        sent = list(self.queue.values())
        body = {"schema": 1, "client_id": self.name, "mutations": sent}
        response = self.api.post(PUSH, body, format="json")
        assert response.status_code == 200, response.content
        if lose_answer:
            return  # the connection broke: the queue stays and will be resent
        for mutation, result in zip(sent, response.json()["results"], strict=True):
            record_id = mutation["id"]
            if self.queue.get(record_id) is not mutation:
                continue
            del self.queue[record_id]
            if result["status"] == "applied":
                self.journal[record_id]["version"] = result["version"]
                self.shadow[record_id] = dict(self.journal[record_id])
            elif result["status"] == "conflict":
                self.journal[record_id] = _local(result["current"])
                self.shadow[record_id] = _local(result["current"])
            else:
                raise AssertionError(result)

    def pull(self) -> None:
        while True:
            params = {"limit": 3, **({"cursor": self.cursor} if self.cursor else {})}
            body = self.api.get(PULL, params).json()
            for change in body["changes"]:
                self.shadow[change["id"]] = _local(change)
                if change["id"] not in self.queue:
                    self.journal[change["id"]] = _local(change)
            self.cursor = body["cursor"]
            if not body["has_more"]:
                return


def _local(envelope: dict) -> dict:
    return {
        "version": envelope["version"],
        "deleted": envelope["deleted"],
        "data": envelope["data"],
    }


def _question(text: str, asked: bool) -> dict:
    return {"text": text, "source": None, "asked": asked, "answer": ""}


steps = st.lists(
    st.tuples(
        st.integers(0, 1),  # which device
        st.sampled_from(["create", "edit", "delete", "push", "push_lost", "pull"]),
        st.integers(0, 7),  # which entry
        st.booleans(),
    ),
    max_size=30,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_two_devices_converge_on_the_servers_journal_and_nothing_applies_twice(db, steps):
    user = UserFactory()
    devices = [Device(token_client(user), "phone"), Device(token_client(user), "laptop")]
    for n, (which, action, entry, flag) in enumerate(steps):
        device = devices[which]
        ids = sorted(device.journal)
        if action == "create":
            device.write(new_id(), _question(f"q{n}", flag))
        elif action in ("edit", "delete") and ids:
            record_id = ids[entry % len(ids)]
            if not device.journal[record_id]["deleted"]:
                device.write(record_id, None if action == "delete" else _question(f"e{n}", flag))
        elif action == "push":
            device.push(lose_answer=False)
        elif action == "push_lost":
            device.push(lose_answer=True)
        elif action == "pull":
            device.pull()

    for device in devices:
        while device.queue:
            device.push(lose_answer=False)
    for device in devices:
        device.pull()

    server = {
        str(r.id): {"version": r.version, "deleted": r.deleted, "data": r.data}
        for r in Record.objects.filter(user=user)
    }
    assert devices[0].journal == server
    assert devices[1].journal == server
    # At most once: every accepted change raised the version by exactly one,
    # and there is one stored answer per applied mutation.
    applied = AppliedMutation.objects.filter(user=user)
    per_record: dict[str, int] = {}
    for result in applied.values_list("result", flat=True):
        per_record[result["id"]] = per_record.get(result["id"], 0) + 1
    assert per_record == {record_id: state["version"] for record_id, state in server.items()}
