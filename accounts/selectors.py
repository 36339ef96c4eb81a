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

# Set on a user by accounts.services.token_lookup, which asks staff_membership_sql
# in the statement that checks the token: the answer is as fresh as the token's.
STAFF_MEMBERSHIP_ATTR = "_staff_membership"


def staff_membership_sql(*, user_id: str, is_active: str) -> tuple[str, list]:
    """The database half of is_staff_member, as an SQL condition on two column expressions.

    A reviewer whose account is switched off no longer counts as one.
    """
    user_model = get_user_model()
    groups = user_model.groups.through._meta
    sql = (
        "(EXISTS (SELECT 1 FROM "  # noqa: S608 - table names come from models
        f"{groups.db_table} ug JOIN {Group._meta.db_table} g ON g.id = ug.group_id "
        f"WHERE ug.user_id = {user_id} AND g.name = %s AND {is_active}) "
        f"OR EXISTS (SELECT 1 FROM {ClinicMembership._meta.db_table} m "
        f"WHERE m.user_id = {user_id}))"
    )
    return sql, [REVIEWERS_GROUP]


def is_staff_member(user) -> bool:
    """Staff of any kind: admin staff, medical reviewers, clinic staff.

    They see unpublished content or shared journals, so they alone sign in with
    a second factor and have their idle sessions ended.
    """
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    known = getattr(user, STAFF_MEMBERSHIP_ATTR, None)
    if known is not None:
        return known
    # One fixed statement: compiling the same question through the ORM cost
    # more than running it.
    sql, params = staff_membership_sql(user_id="%s", is_active="%s")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", [user.pk, *params, bool(user.is_active), user.pk])
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
