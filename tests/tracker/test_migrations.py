"""A database made before accounts and clinics were apps migrates with every row intact.

Tracker's migrations 0001-0005 are what main had; the move itself changes only
Django's idea of which app owns each table, so every row, id and link must be
as it was, and permissions granted on the old models must still be granted.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.models import ApiToken, Device, JournalAccount
from clinics.models import AccessLog, Clinic, ClinicInvite, ClinicMembership, Consent
from tracker.models import Record

MAIN = ("tracker", "0005_invite_cancelled_at")
BEFORE = [MAIN, ("accounts", None), ("clinics", None)]
MOVED = {
    "accounts": ["apitoken", "device", "journalaccount"],
    "clinics": ["clinic", "clinicmembership", "clinicinvite", "consent", "accesslog"],
}


def _as_before_the_move() -> dict[str, int]:
    """Content types as main had them: every moved model under `tracker`."""
    moved = [model for models in MOVED.values() for model in models]
    ContentType.objects.filter(app_label__in=[*MOVED, "tracker"], model__in=moved).delete()
    ids = {}
    for models in MOVED.values():
        for model in models:
            ct = ContentType.objects.create(app_label="tracker", model=model)
            Permission.objects.create(content_type=ct, codename=f"view_{model}", name=model)
            ids[model] = ct.pk
    return ids


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_every_row_and_grant():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([MAIN]).apps
    content_type_ids = _as_before_the_move()
    now = timezone.now()

    User = old.get_model("auth", "User")
    alice = User.objects.create(username="alice@example.com", email="alice@example.com")
    carol = User.objects.create(username="carol@example.org", email="carol@example.org")
    token = old.get_model("tracker", "ApiToken").objects.create(
        user=alice, label="phone", key_hash="a" * 64, created_at=now
    )
    old.get_model("tracker", "Device").objects.create(
        user=alice, client_id="phone-1", first_seen=now, last_seen=now,
        user_agent="Firefox on Android", token=token, session_key="s" * 32,
    )  # fmt: skip
    old.get_model("tracker", "Record").objects.create(
        id="00000000-0000-4000-8000-000000000001", user=alice, collection="scans",
        data={"date": "2026-03-01"}, created_at=now, updated_at=now, change_seq=1,
    )  # fmt: skip
    clinic = old.get_model("tracker", "Clinic").objects.create(
        name="Riverside", referral_code="r" * 32, share_code="RIVR2345"
    )
    old.get_model("tracker", "ClinicMembership").objects.create(
        user=carol, clinic=clinic, is_clinic_admin=True
    )
    old.get_model("tracker", "ClinicInvite").objects.create(
        clinic=clinic, email="dave@example.org", token_hash="t" * 64, invited_by=carol,
        expires_at=now + datetime.timedelta(days=7),
    )  # fmt: skip
    consent = old.get_model("tracker", "Consent").objects.create(
        patient=alice, clinic=clinic, scopes=["scans"], display_name="Alice A.",
        wording="The words shown.", granted_at=now,
    )  # fmt: skip
    old.get_model("tracker", "AccessLog").objects.create(
        patient=alice, consent=consent, clinic=clinic, clinic_name="Riverside", staff=carol,
        staff_name="Carol", action="view", scopes=["scans"], at=now,
    )  # fmt: skip
    support = Group.objects.create(name="support")
    support.permissions.add(Permission.objects.get(content_type_id=content_type_ids["consent"]))

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    device = Device.objects.get(client_id="phone-1")
    assert device.user_id == alice.pk and device.token == ApiToken.objects.get(pk=token.pk)
    assert device.session_key == "s" * 32
    assert JournalAccount.objects.get(pk=alice.pk).email == "alice@example.com"
    assert Record.objects.get(user_id=alice.pk).data == {"date": "2026-03-01"}
    assert Clinic.objects.get(pk=clinic.pk).share_code == "RIVR2345"
    assert ClinicMembership.objects.get(user_id=carol.pk).is_clinic_admin
    assert ClinicInvite.objects.get().invited_by_id == carol.pk
    moved_consent = Consent.objects.get(pk=consent.pk)
    assert moved_consent.public_id == consent.public_id
    assert moved_consent.scopes == ["scans"]
    assert AccessLog.objects.get().consent_id == consent.pk
    # get_for_model reads a per-process cache that an earlier test in the
    # same worker may have filled with the ids of the test database's own rows.
    ContentType.objects.clear_cache()
    for app, models in MOVED.items():
        for model in models:
            ct = ContentType.objects.get_for_model(_model(app, model), for_concrete_model=False)
            assert (ct.app_label, ct.pk) == (app, content_type_ids[model])
    assert support.permissions.get().content_type.app_label == "clinics"


def _model(app: str, model: str):
    from django.apps import apps

    return apps.get_model(app, model)
