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
