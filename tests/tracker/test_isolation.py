"""Alice and Bob: nothing of one is ever visible to or changeable by the other."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from accounts.models import ApiToken, Device
from tests.support import PULL, delete, pull_all, push_ok, question, scan, upsert, verified_login
from tracker.models import Record


def _alice_has_a_journal(alice_api) -> dict:
    m = upsert("scans", scan(notes="alice-secret-words"))
    push_ok(
        alice_api,
        [m, upsert("questions", question(text="alice-question"))],
        client_id="alice-phone",
    )
    return m


def test_bob_pulls_nothing_of_alices(alice_api, bob_api):
    _alice_has_a_journal(alice_api)
    changes, _ = pull_all(bob_api)
    assert changes == []


def test_bob_cannot_use_alices_cursor(alice_api, bob_api):
    _alice_has_a_journal(alice_api)
    cursor = alice_api.get(PULL).json()["cursor"]
    response = bob_api.get(PULL, {"cursor": cursor})
    assert response.status_code == 400
    assert "alice" not in response.content.decode()


def test_bob_cannot_change_or_delete_alices_records(alice_api, bob_api):
    m = _alice_has_a_journal(alice_api)
    results = push_ok(bob_api, [upsert("scans", scan(notes="bob"), id=m["id"], base_version=1)])
    results += push_ok(bob_api, [delete("scans", id=m["id"], base_version=1)])
    assert {r["error"] for r in results} == {"id_unavailable"}
    assert Record.objects.get(id=m["id"]).data["notes"] == "alice-secret-words"


def test_bob_learns_nothing_of_alices_records_from_any_answer(alice_api, bob_api):
    m = _alice_has_a_journal(alice_api)
    answers = [
        bob_api.post(
            "/api/v1/sync/push",
            {"schema": 1, "mutations": [upsert("scans", scan(), id=m["id"])]},
            format="json",
        ),
        bob_api.get(PULL),
        bob_api.get("/api/v1/auth/devices"),
        bob_api.get("/api/v1/auth/tokens"),
        bob_api.get("/api/v1/auth/me"),
    ]
    for response in answers:
        assert "alice" not in response.content.decode()


def test_bob_replaying_alices_mutation_id_gets_his_own_answer(alice_api, bob_api):
    m = _alice_has_a_journal(alice_api)
    (result,) = push_ok(bob_api, [upsert("scans", scan(), mutation_id=m["mutation_id"])])
    # Mutation ids are per user: Bob's mutation is his own new scan.
    assert result["status"] == "applied"
    assert json.dumps(result).count(m["id"]) == 0


def test_bob_sees_neither_alices_devices_nor_tokens(alice, alice_api, bob_api):
    _alice_has_a_journal(alice_api)
    # Bob's list holds his own sign-in (the token of this call) and nothing of Alice's.
    devices = bob_api.get("/api/v1/auth/devices").json()["devices"]
    assert [(d["current"], d["client_id"]) for d in devices] == [(True, None)]
    tokens = bob_api.get("/api/v1/auth/tokens").json()["tokens"]
    assert {t["id"] for t in tokens}.isdisjoint(
        ApiToken.objects.filter(user=alice).values_list("pk", flat=True)
    )


def test_bob_cannot_revoke_alices_devices_or_tokens(alice, alice_api, bob_api):
    _alice_has_a_journal(alice_api)
    token = ApiToken.objects.filter(user=alice).first()
    assert bob_api.delete(f"/api/v1/auth/tokens/{token.pk}").status_code == 404
    assert bob_api.delete("/api/v1/auth/devices/alice-phone").status_code == 404
    assert Device.objects.filter(user=alice, client_id="alice-phone").exists()
    assert alice_api.get("/api/v1/auth/me").status_code == 200


def test_bob_erasing_his_account_leaves_alices_journal(alice_api, bob_api):
    _alice_has_a_journal(alice_api)
    from tests.support import PASSWORD

    assert (
        bob_api.delete("/api/v1/auth/me", {"password": PASSWORD}, format="json").status_code == 204
    )
    changes, _ = pull_all(alice_api)
    assert len(changes) == 2


def test_the_same_client_id_for_two_users_is_two_devices(alice_api, bob_api, alice, bob):
    push_ok(alice_api, [upsert("scans", scan())], client_id="family-tablet")
    push_ok(bob_api, [upsert("scans", scan())], client_id="family-tablet")
    assert Device.objects.filter(client_id="family-tablet").count() == 2
    assert bob_api.delete("/api/v1/auth/devices/family-tablet").status_code == 204
    assert Device.objects.filter(user=alice, client_id="family-tablet").exists()


@pytest.fixture
def support(client, admin_user):
    """A superuser past the second factor: the most anyone can see in the admin."""
    return verified_login(client, admin_user)


def test_no_one_can_browse_journal_records_in_the_admin(support, alice_api):
    admin_client = support
    m = _alice_has_a_journal(alice_api)
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "journal record" not in index.lower()
    assert "alice-secret-words" not in index
    response = admin_client.get(f"/admin/tracker/record/{m['id']}/change/")
    assert response.status_code == 404


def test_support_sees_counts_and_devices_never_entries(support, alice, alice_api):
    admin_client = support
    _alice_has_a_journal(alice_api)
    listing = admin_client.get(reverse("admin:accounts_journalaccount_changelist"))
    assert listing.status_code == 200
    detail = admin_client.get(reverse("admin:accounts_journalaccount_change", args=[alice.pk]))
    page = detail.content.decode()
    assert detail.status_code == 200
    assert "alice-phone" in page
    assert "scans: 1" in page
    assert "alice-secret-words" not in page and "alice-question" not in page


def test_reviewers_cannot_open_the_support_view(client, rita):
    verified_login(client, rita)
    response = client.get(reverse("admin:accounts_journalaccount_changelist"))
    assert response.status_code == 403
