"""What the tests share besides personas: sign-in helpers, record builders, sync calls.

Every persona is a fixture in tests/conftest.py; this module holds plain
functions, so that a test imports what it uses by name.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import Group
from django.test import Client
from django_otp.oath import totp
from rest_framework.test import APIClient

from accounts.services import token_create
from clinics.models import Clinic, ClinicMembership
from clinics.services import consent_grant
from education.services import REVIEWERS_GROUP
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


def reviewer(email: str, first: str, last: str):
    user = UserFactory(email=email, first_name=first, last_name=last, is_staff=True)
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    user.groups.add(group)
    return user


def verified_login(client, user):
    """Signs `user` in on `client` with a confirmed authenticator, as after the second factor.

    Staff, reviewers and clinic staff need a verified session for /admin/ and
    /clinic/ (accounts.middleware); plain force_login leaves them at the
    code prompt.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


PUSH = "/api/v1/sync/push"


PULL = "/api/v1/sync/pull"


def new_id() -> str:
    return str(uuid.uuid4())


def token_client(user, *, user_agent: str = "pytest") -> APIClient:
    """An API client signed in with a bearer token, as a native client would be."""
    _, key = token_create(user=user, label="test")
    client = APIClient(HTTP_USER_AGENT=user_agent)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def course(**overrides: Any) -> dict[str, Any]:
    data = {"drug": "crizotinib", "start_date": "2026-01-05", "dose": "250 mg twice daily"}
    data.update(overrides)
    return data


def scan(**overrides: Any) -> dict[str, Any]:
    data = {"date": "2026-03-01", "modality": "ct", "sites": ["chest"], "outcome": "stable"}
    data.update(overrides)
    return data


def side_effect(**overrides: Any) -> dict[str, Any]:
    data = {"term": "fatigue", "severity": 2, "onset_date": "2026-02-01"}
    data.update(overrides)
    return data


def checkin(**overrides: Any) -> dict[str, Any]:
    """A weekly check-in (sync schema 2) rating the catalogue fixture's `fatigue`."""
    data = {
        "date": "2026-03-02",
        "items": [
            {"term": "fatigue", "severity": 2, "interference": 1},
            {"term": "other", "term_other": "Hiccups", "frequency": 3},
        ],
        "wellbeing": 6,
    }
    data.update(overrides)
    return data


def question(**overrides: Any) -> dict[str, Any]:
    data = {"text": "Should I take it with food?"}
    data.update(overrides)
    return data


def upsert(
    collection: str,
    data: dict[str, Any],
    *,
    id: str | None = None,
    base_version: int | None = None,
    mutation_id: str | None = None,
) -> dict[str, Any]:
    return {
        "mutation_id": mutation_id or new_id(),
        "collection": collection,
        "id": id or new_id(),
        "op": "upsert",
        "base_version": base_version,
        "data": data,
    }


def delete(collection: str, *, id: str, base_version: int, mutation_id: str | None = None):
    return {
        "mutation_id": mutation_id or new_id(),
        "collection": collection,
        "id": id,
        "op": "delete",
        "base_version": base_version,
    }


def push(client: APIClient, mutations: list[dict], *, client_id: str = "device-a", schema=1):
    """POSTs a push and returns the response."""
    body = {"schema": schema, "client_id": client_id, "mutations": mutations}
    return client.post(PUSH, body, format="json")


def push_ok(client: APIClient, mutations: list[dict], **kwargs) -> list[dict]:
    response = push(client, mutations, **kwargs)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def pull_all(
    client: APIClient, cursor: str | None = None, limit: int = 200, schema: int | None = None
):
    """Pulls until has_more is false; returns (changes, cursor)."""
    changes: list[dict] = []
    while True:
        params: dict[str, Any] = {"limit": limit}
        if schema is not None:
            params["schema"] = schema
        if cursor:
            params["cursor"] = cursor
        response = client.get(PULL, params)
        assert response.status_code == 200, response.content
        body = response.json()
        changes.extend(body["changes"])
        cursor = body["cursor"]
        if not body["has_more"]:
            return changes, cursor


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


def a_look(consent, staff_user, *, name: str, at):
    """One look by `staff_user` at this share, unsaved: a clinic's access-log row."""
    from clinics.models import AccessLog

    return AccessLog(
        patient_id=consent.patient_id,
        consent=consent,
        clinic=consent.clinic,
        clinic_name=consent.clinic.name,
        staff=staff_user,
        staff_name=name,
        action="view",
        scopes=consent.scopes,
        at=at,
    )


def many_looks(consent, staff_user, count: int) -> None:
    """`count` looks at this share, a minute apart; look 1 is the oldest."""
    import datetime

    from django.utils import timezone

    from clinics.models import AccessLog

    start = timezone.now() - datetime.timedelta(days=30)
    AccessLog.objects.bulk_create(
        a_look(
            consent, staff_user, name=f"Look number {n}", at=start + datetime.timedelta(minutes=n)
        )
        for n in range(1, count + 1)
    )


# -- Ids

CANONICAL_UUID = "8c0b2e5a-0a0b-4f5e-9d7f-1a2b3c4d5e6f"
# Forms Python's uuid.UUID would read as the same UUID, but that other code
# (the clinic's links from a scan to its course, the device) would not match.
NOT_CANONICAL_UUID = {
    "braces": "{" + CANONICAL_UUID + "}",
    "urn": "urn:uuid:" + CANONICAL_UUID,
    "no hyphens": CANONICAL_UUID.replace("-", ""),
    "full-width digits": CANONICAL_UUID.translate({0x30 + d: 0xFF10 + d for d in range(10)}),
    "Arabic-Indic digits": CANONICAL_UUID.translate({0x30 + d: 0x0660 + d for d in range(10)}),
    "trailing newline": CANONICAL_UUID + "\n",
}
