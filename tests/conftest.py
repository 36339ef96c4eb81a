"""Personas shared by every test.

Alice is a patient. Bob is another patient who must never see Alice's journal.
Rita and Sam are medical reviewers. Victor is an anonymous visitor (no fixture:
use the plain `client`).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from education.services import REVIEWERS_GROUP
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.com", first_name="Alice")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.com", first_name="Bob")


def _reviewer(email: str, first: str, last: str):
    user = UserFactory(email=email, first_name=first, last_name=last, is_staff=True)
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    user.groups.add(group)
    return user


@pytest.fixture
def rita(db):
    """A medical reviewer."""
    return _reviewer("rita@example.org", "Rita", "Reviewer")


@pytest.fixture
def sam(db):
    """A second medical reviewer, for the two-person rule."""
    return _reviewer("sam@example.org", "Sam", "Second")


def verified_login(client, user):
    """Signs `user` in on `client` with a confirmed authenticator, as after the second factor.

    Staff, reviewers and clinic staff need a verified session for /admin/ and
    /clinic/ (tracker.clinic_middleware); plain force_login leaves them at the
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
