"""Two consents sent at once (two tabs) on PostgreSQL leave one running share, not two."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from clinics.models import Clinic, Consent
from clinics.services import consent_grant
from tests.factories import UserFactory

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


def test_an_invitation_is_either_accepted_or_withdrawn_when_acceptance_and_removal_race():
    from django.contrib.auth import get_user_model

    from clinics.models import ClinicInvite, ClinicMembership
    from clinics.services import invite_accept, invite_create, membership_remove

    clinic = Clinic.objects.create(name="Riverside Lung Clinic", share_code="RIVR2345")
    carol = UserFactory(email="carol@riverside.example")
    olga = UserFactory(email="olga@riverside.example")
    for admin in (carol, olga):
        ClinicMembership.objects.create(user=admin, clinic=clinic, is_clinic_admin=True)
    tokens: list[str] = []
    invite_create(
        clinic=clinic,
        email="carol.private@example.org",
        invited_by=carol,
        accept_url=lambda token: tokens.append(token) or token,
    )
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(job) -> None:
        try:
            start.wait(timeout=30)
            job()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    membership_id = ClinicMembership.objects.get(user=carol).pk
    jobs = [
        lambda: invite_accept(token=tokens[0], password="a long and unusual passphrase 42"),
        lambda: membership_remove(by=olga, membership_id=membership_id),
    ]
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    # Acceptance may lose (the link was withdrawn first); nothing else may fail.
    assert all("withdrawn" in str(error) for error in errors), errors
    invite = ClinicInvite.objects.get()
    joined = get_user_model().objects.filter(email="carol.private@example.org").exists()
    assert not ClinicMembership.objects.filter(user=carol).exists()
    if joined:
        assert invite.accepted_at is not None and invite.cancelled_at is None
    else:
        assert invite.accepted_at is None and invite.cancelled_at is not None
