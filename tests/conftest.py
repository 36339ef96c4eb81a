"""Every persona of the tests, in one place.

Patients: Alice, and Bob, who must never see Alice's journal. Medical
reviewers: Rita, and Sam for the two-person rule. Clinics: Carol is the admin
of clinic A and Dave is on its staff; Erin works for clinic B. Victor, the
anonymous visitor, is the plain `client`. With `journals`, Alice and Bob each
have one entry per collection, carrying a marker (ALICE-…, BOB-…) so that a
leak shows up as text; Alice shares everything with clinic A (`alice_share`),
Bob only his scans with clinic B (`bob_share`).
"""

from __future__ import annotations

import asyncio
import email
import socket
import threading
import time
from email import policy

import pytest
from aiosmtpd.controller import Controller

from clinics.models import Clinic
from tests.factories import DrugFactory, SideEffectTermFactory, UserFactory, published
from tests.support import (
    ALICE_MARKERS,
    BOB_MARKERS,
    reviewer,
    share,
    staff,
    token_client,
    write_journal,
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, whose PostgreSQL sessions all end before it is dropped.

    A connection opened on a thread of the live server (tests/browser) can
    outlive the server by a moment; PostgreSQL then refuses to drop the
    database, which stayed behind after the run. The sessions ended here are
    this run's own, on this worker's test database only.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.com", first_name="Alice")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.com", first_name="Bob")


@pytest.fixture
def rita(db):
    """A medical reviewer."""
    return reviewer("rita@example.org", "Rita", "Reviewer")


@pytest.fixture
def sam(db):
    """A second medical reviewer, for the two-person rule."""
    return reviewer("sam@example.org", "Sam", "Second")


@pytest.fixture
def catalogue(db):
    """A published drug `crizotinib` and side-effect term `fatigue`, and an unpublished drug."""
    drug = published(DrugFactory(slug="crizotinib", generic_name="crizotinib"))
    # Rated as PRO-CTCAE rates fatigue: how bad, and how much it got in the way.
    term = published(
        SideEffectTermFactory(
            slug="fatigue",
            patient_term="Tiredness",
            checkin=True,
            takes_severity=True,
            takes_interference=True,
        )
    )
    DrugFactory(slug="draftinib")
    return {"drug": drug, "term": term}


@pytest.fixture
def alice_api(alice, catalogue):
    return token_client(alice)


@pytest.fixture
def bob_api(bob, catalogue):
    return token_client(bob)


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


# -- A real SMTP server (aiosmtpd) for the mail the app sends


class _Inbox:
    """What the SMTP server received: each message, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list = []
        # Cleared, the server holds every message until it is set again (at most 10 s).
        self.accepting = threading.Event()
        self.accepting.set()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.get_running_loop().run_in_executor(None, self.accepting.wait, 10)
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def wait(self, count: int, *, settle: float = 0.3) -> list:
        """The messages once `count` have arrived (mail is sent on a thread of its own)."""
        deadline = time.monotonic() + 10
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        # Long enough for one that should not come to show up.
        time.sleep(settle)
        return self.messages


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free local port, and Django's SMTP backend pointed at it."""
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()
