"""Reads of accounts, and the one rule of who counts as staff."""

from __future__ import annotations

from accounts.models import ApiToken, Device
from clinics.models import ClinicMembership
from education.services import is_medical_reviewer


def is_staff_member(user) -> bool:
    """Staff of any kind: admin staff, medical reviewers, clinic staff.

    They see unpublished content or shared journals, so they alone sign in with
    a second factor and have their idle sessions ended.
    """
    if user is None or not user.is_authenticated:
        return False
    return (
        user.is_staff
        or user.is_superuser
        or is_medical_reviewer(user)
        or ClinicMembership.objects.filter(user_id=user.pk).exists()
    )


def devices_for_user(*, user_id: int):
    """The installs that have synced this user's journal, most recent first."""
    return Device.objects.filter(user_id=user_id).order_by("-last_seen")


def tokens_for_user(*, user_id: int):
    """The user's bearer tokens that still work, newest first."""
    return ApiToken.objects.filter(user_id=user_id, revoked_at__isnull=True).order_by("-created_at")
