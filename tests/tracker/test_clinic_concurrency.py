"""Two consents sent at once (two tabs) on PostgreSQL leave one running share, not two."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from tests.factories import UserFactory
from tracker.clinic_models import Clinic, Consent
from tracker.clinic_services import consent_grant

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks and truly concurrent transactions",
    ),
]


def test_it_keeps_one_running_share_when_two_grants_race():
    patient = UserFactory(email="alice@example.com")
    clinic = Clinic.objects.create(name="Riverside Lung Clinic", share_code="RIVR2345")
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def grant(scope: str) -> None:
        try:
            start.wait(timeout=30)
            consent_grant(
                patient=patient,
                clinic=clinic,
                scopes=[scope],
                expires_on=None,
                display_name="Alice",
                wording="words",
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=grant, args=(s,))
        for s in ("courses", "scans", "side_effects", "questions")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert Consent.objects.filter(patient=patient).count() == 4
    assert Consent.objects.filter(patient=patient, revoked_at__isnull=True).count() == 1
