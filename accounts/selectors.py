"""Reads of accounts, and the one rule of who counts as staff."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import ApiToken, Device, SignIn
from clinics.models import ClinicMembership
from education.services import REVIEWERS_GROUP


def is_staff_member(user) -> bool:
    """Staff of any kind: admin staff, medical reviewers, clinic staff.

    They see unpublished content or shared journals, so they alone sign in with
    a second factor and have their idle sessions ended.
    """
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # One fixed statement: every patient API call asks (accounts/permissions.py),
    # and compiling the same question through the ORM cost more than running it.
    user_model = get_user_model()
    groups = user_model.groups.through._meta
    sql = (
        "SELECT EXISTS (SELECT 1 FROM "  # noqa: S608 - table names come from models
        f"{groups.db_table} ug JOIN {Group._meta.db_table} g ON g.id = ug.group_id "
        "WHERE ug.user_id = %s AND g.name = %s AND %s) "
        f"OR EXISTS (SELECT 1 FROM {ClinicMembership._meta.db_table} m WHERE m.user_id = %s)"
    )
    with connection.cursor() as cursor:
        # A reviewer whose account is switched off no longer counts as one.
        cursor.execute(sql, [user.pk, REVIEWERS_GROUP, bool(user.is_active), user.pk])
        return bool(cursor.fetchone()[0])


def devices_for_user(*, user_id: int):
    """The installs that have synced this user's journal, most recent first."""
    return Device.objects.filter(user_id=user_id).order_by("-last_seen")


def tokens_for_user(*, user_id: int):
    """The user's bearer tokens that still work, newest first."""
    return ApiToken.objects.filter(user_id=user_id, revoked_at__isnull=True).order_by("-created_at")


def sign_ins_for_user(*, user_id: int):
    """The user's sign-ins that still work, most recently seen first.

    A session counts while its django_session row lives and has not expired,
    a token while it is not revoked.
    """
    live_session = Session.objects.filter(
        session_key=OuterRef("session_key"), expire_date__gt=timezone.now()
    )
    return (
        SignIn.objects.filter(user_id=user_id)
        .annotate(session_exists=Exists(live_session))
        .filter(
            Q(kind=SignIn.Kind.SESSION, session_exists=True)
            | Q(kind=SignIn.Kind.TOKEN, token__revoked_at__isnull=True)
        )
        .order_by("-last_seen", "-pk")
    )


def session_is_stored(session) -> bool:
    """Whether this request's session still has its row (ending a sign-in deletes it)."""
    return (
        bool(session.session_key)
        and Session.objects.filter(session_key=session.session_key).exists()
    )
