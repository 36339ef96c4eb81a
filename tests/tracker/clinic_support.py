"""Personas and journals for the clinic tests.

Alice and Bob are patients (tests/conftest.py). Carol is the admin of clinic
A and Dave is on its staff; Erin works for clinic B. Rita is a medical
reviewer with no clinic. Victor, the anonymous visitor, is the plain `client`.
Alice shares everything with clinic A; Bob shares only his scans with clinic B.
Every entry carries a marker (ALICE-…, BOB-…) so that a leak shows up as text.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp

from tests.conftest import verified_login
from tests.factories import UserFactory
from tests.tracker.conftest import (
    course,
    push_ok,
    question,
    scan,
    side_effect,
    token_client,
    upsert,
)
from tracker.clinic_models import Clinic, ClinicMembership
from tracker.clinic_services import consent_grant

ALL_SCOPES = ["courses", "scans", "side_effects", "questions"]
ALICE_MARKERS = {
    "courses": "ALICE-COURSE-NOTE",
    "scans": "ALICE-SCAN-NOTE",
    "side_effects": "ALICE-SIDE-EFFECT-NOTE",
    "questions": "ALICE-QUESTION",
}
BOB_MARKERS = {
    "courses": "BOB-COURSE-NOTE",
    "scans": "BOB-SCAN-NOTE",
    "side_effects": "BOB-SIDE-EFFECT-NOTE",
    "questions": "BOB-QUESTION",
}


def write_journal(user, markers: dict[str, str]) -> None:
    """One entry per collection through the sync API, as the app would push them."""
    api = token_client(user)
    push_ok(
        api,
        [
            upsert("courses", course(notes=markers["courses"])),
            upsert("scans", scan(notes=markers["scans"], outcome="improved")),
            upsert("side_effects", side_effect(notes=markers["side_effects"], severity=3)),
            upsert("questions", question(text=f"{markers['questions']}: with food?")),
        ],
    )


def staff(email: str, first: str, clinic: Clinic, *, admin: bool = False):
    user = UserFactory(email=email, first_name=first, last_name="Staff")
    ClinicMembership.objects.create(user=user, clinic=clinic, is_clinic_admin=admin)
    return user


def share(patient, clinic, *, scopes=None, name=None, expires_on=None):
    return consent_grant(
        patient=patient,
        clinic=clinic,
        scopes=scopes or ALL_SCOPES,
        expires_on=expires_on,
        display_name=name or f"{patient.first_name} (test)",
        wording="The words shown.",
    )


def signed_in(user) -> Client:
    """A browser session with both factors."""
    return verified_login(Client(), user)


def password_only(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def current_code(device) -> str:
    """The code an authenticator app would show right now for this device."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def clinic_a(db):
    return Clinic.objects.create(
        name="Riverside Lung Clinic",
        phone="+44 20 7946 0000",
        email="lung@riverside.example",
        address="1 River Road\nLondon",
        website="https://riverside.example/lung",
        share_code="RIVR2345",
    )


@pytest.fixture
def clinic_b(db):
    return Clinic.objects.create(name="Hilltop Oncology", share_code="HILL6789")


@pytest.fixture
def carol(clinic_a):
    """Clinic A's admin."""
    return staff("carol@riverside.example", "Carol", clinic_a, admin=True)


@pytest.fixture
def dave(clinic_a):
    """Clinic A's staff, not an admin."""
    return staff("dave@riverside.example", "Dave", clinic_a)


@pytest.fixture
def erin(clinic_b):
    """Clinic B's staff."""
    return staff("erin@hilltop.example", "Erin", clinic_b, admin=True)


@pytest.fixture
def journals(alice, bob, catalogue):
    write_journal(alice, ALICE_MARKERS)
    write_journal(bob, BOB_MARKERS)


@pytest.fixture
def alice_share(alice, clinic_a, journals):
    """Alice shares her whole journal with clinic A, as "Alice A."."""
    return share(alice, clinic_a, name="Alice A.")


@pytest.fixture
def bob_share(bob, clinic_b, journals):
    """Bob shares only his scans with clinic B, as "Bob B."."""
    return share(bob, clinic_b, scopes=["scans"], name="Bob B.")


def many_looks(consent, staff_user, count: int) -> None:
    """`count` looks at this share, a minute apart; look 1 is the oldest."""
    import datetime

    from django.utils import timezone

    from tracker.clinic_models import AccessLog

    start = timezone.now() - datetime.timedelta(days=30)
    AccessLog.objects.bulk_create(
        AccessLog(
            patient_id=consent.patient_id,
            consent=consent,
            clinic=consent.clinic,
            clinic_name=consent.clinic.name,
            staff=staff_user,
            staff_name=f"Look number {n}",
            action="view",
            scopes=consent.scopes,
            at=start + datetime.timedelta(minutes=n),
        )
        for n in range(1, count + 1)
    )
