"""Writes for clinics and sharing: invitations, staff, consents, second factors, the access log."""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken
from clinics.models import (
    AccessLog,
    Clinic,
    ClinicInvite,
    ClinicMembership,
    Consent,
    ShareScope,
)
from clinics.selectors import consent_scopes, sender_may_still_invite, token_hash
from ros1site.errors import NotFound

logger = logging.getLogger(__name__)

INVITE_VALID_FOR = datetime.timedelta(days=7)
DISPLAY_NAME_MAX = 100
_SETUP_DEVICE_NAME = "authenticator app"


def _same_email(a: str, b: str) -> bool:
    return (a or "").strip().lower() == (b or "").strip().lower()


@transaction.atomic
def invite_create(
    *,
    clinic: Clinic,
    email: str,
    invited_by,
    accept_url: Callable[[str], str],
    as_clinic_admin: bool = False,
) -> ClinicInvite:
    """Invites an email address to a clinic's staff: the clinic's own admins invite staff,
    site administrators (superusers) invite a clinic's admins.

    The link carries a single-use token valid for seven days; only its hash
    is stored. The email is sent once the invitation is saved.
    """
    if as_clinic_admin:
        if not invited_by.is_superuser:
            raise PermissionDenied(_("Only site administrators can invite a clinic's admin."))
    elif not ClinicMembership.objects.filter(
        user=invited_by, clinic=clinic, is_clinic_admin=True
    ).exists():
        raise PermissionDenied(_("Only this clinic's admins can invite staff."))
    # Whether the address already has an account is not checked here: the
    # answer would tell a clinic who uses the app. The invitee learns it from
    # the link (see invite_problem).
    email = (email or "").strip().lower()
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    # Sending again replaces the earlier link, so only the newest one works.
    # A clinic's admin never replaces a site administrator's invitation.
    ClinicInvite.objects.filter(
        clinic=clinic,
        email=email,
        as_clinic_admin=as_clinic_admin,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
    ).update(cancelled_at=now)
    invite = ClinicInvite.objects.create(
        clinic=clinic,
        email=email,
        as_clinic_admin=as_clinic_admin,
        token_hash=token_hash(token),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + INVITE_VALID_FOR,
    )
    url = accept_url(token)
    context = {"clinic": clinic, "url": url, "expires_at": invite.expires_at}
    subject = _("Join %(clinic)s on ROS1 Companion") % {"clinic": clinic.name}
    body = render_to_string("clinics/invite_email.txt", context)
    transaction.on_commit(lambda: _send_invitation(subject, body, email, invite.pk))
    return invite


def _send_invitation(subject: str, body: str, email: str, invite_id: int) -> None:
    # The invitation is saved whatever the mail server says; the admin can
    # send another, so a failure is logged rather than shown as an error page.
    try:
        send_mail(subject, body, None, [email])
    except OSError:
        logger.warning("Could not send staff invitation %s", invite_id, exc_info=True)


def invite_problem(invite: ClinicInvite | None) -> str | None:
    """Why an invitation link cannot be used, in plain words; None when it can."""
    if invite is None:
        return _("This invitation link is not valid. Check that you opened the whole link.")
    if invite.accepted_at is not None:
        return _("This invitation has already been used. Sign in instead.")
    if invite.cancelled_at is not None or not _inviter_may_still_invite(invite):
        return _("This invitation was withdrawn. Ask your clinic's admin to send a new one.")
    if invite.expires_at <= timezone.now():
        return _("This invitation has expired. Ask your clinic's admin to send a new one.")
    if _account_exists(invite.email):
        return _(
            "An account with this email address already exists here, so this invitation "
            "cannot be used. Ask your clinic's admin to invite another address."
        )
    return None


def _inviter_may_still_invite(invite: ClinicInvite) -> bool:
    return ClinicInvite.objects.filter(sender_may_still_invite(), pk=invite.pk).exists()


def _account_exists(email: str) -> bool:
    User = get_user_model()
    return (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username__iexact=email).exists()
    )


def _admin_membership(user, *, refusal: str) -> ClinicMembership:
    """The user's membership as a clinic admin; PermissionDenied(refusal) when not one."""
    admin = ClinicMembership.objects.filter(user=user, is_clinic_admin=True).first()
    if admin is None:
        raise PermissionDenied(refusal)
    return admin


@transaction.atomic
def invite_cancel(*, by, invite_id: int) -> ClinicInvite:
    """Withdraws a staff invitation of the canceller's own clinic that has not been accepted yet.

    An invitation to be the clinic's admin is the site administrators' to withdraw.
    """
    admin = _admin_membership(by, refusal=_("Only this clinic's admins can cancel invitations."))
    invite = (
        ClinicInvite.objects.select_for_update()
        .filter(
            pk=invite_id,
            clinic_id=admin.clinic_id,
            as_clinic_admin=False,
            accepted_at__isnull=True,
        )
        .first()
    )
    if invite is None:
        raise NotFound("not_found", _("There is no such invitation."))
    if invite.cancelled_at is None:
        invite.cancelled_at = timezone.now()
        invite.save(update_fields=["cancelled_at"])
    return invite


@transaction.atomic
def invites_cancel_as_site_admin(*, by, invites) -> int:
    """Withdraws these pending invitations, of any clinic; only site administrators may."""
    if not (by.is_active and by.is_superuser):
        raise PermissionDenied(_("Only site administrators can cancel any clinic's invitations."))
    return invites.filter(accepted_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now()
    )


@transaction.atomic
def invite_accept(*, token: str, password: str):
    """Turns a valid, unused, unexpired invitation into a staff account with this password."""
    invite = (
        ClinicInvite.objects.select_for_update()
        .select_related("clinic")
        .filter(token_hash=token_hash(token or ""))
        .first()
    )
    # The invitation's row lock orders this against a removal of its sender,
    # which withdraws it: one of the two happens wholly first.
    problem = invite_problem(invite)
    if problem:
        raise ValidationError(problem)
    User = get_user_model()
    user = User(username=invite.email, email=invite.email, is_staff=False)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    ClinicMembership.objects.create(
        user=user,
        clinic=invite.clinic,
        is_clinic_admin=invite.as_clinic_admin,
        joined_at=timezone.now(),
    )
    invite.accepted_at = timezone.now()
    invite.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def membership_remove(*, by, membership_id: int) -> ClinicMembership:
    """Removes a staff member from the remover's own clinic and closes their account.

    Only the clinic's admins may remove staff, and not themselves, so that a
    clinic is never left without an admin by accident.
    """
    admin = _admin_membership(by, refusal=_("Only this clinic's admins can remove staff."))
    membership = (
        ClinicMembership.objects.select_related("user")
        .filter(pk=membership_id, clinic_id=admin.clinic_id)
        .first()
    )
    if membership is None:
        raise NotFound("not_found", _("There is no such member of your staff."))
    if membership.user_id == by.pk:
        raise ValidationError(_("You cannot remove yourself. Ask another admin of your clinic."))
    user = membership.user
    membership.delete()
    # Staff accounts exist only for the clinic: closing it ends every sign-in.
    user.is_active = False
    user.save(update_fields=["is_active"])
    TOTPDevice.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    ClinicInvite.objects.filter(
        invited_by=user, accepted_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=timezone.now())
    return membership


def _clean_scopes(scopes: Iterable[str]) -> list[str]:
    chosen = set(scopes or [])
    return [scope for scope in ShareScope.values if scope in chosen]


@transaction.atomic
def consent_grant(
    *,
    patient,
    clinic: Clinic,
    scopes: Iterable[str],
    expires_on: datetime.date | None,
    display_name: str,
    wording: str,
) -> Consent:
    """Records a patient's consent to share chosen parts of the journal with one clinic.

    Nothing is shared unless at least one part is chosen; an end date must not
    be in the past. A new consent to the same clinic replaces the one before.
    """
    errors: dict[str, str] = {}
    clean = _clean_scopes(scopes)
    unknown = set(scopes or []) - set(ShareScope.values)
    if not clean or unknown:
        errors["scopes"] = _("Choose at least one part of your journal to share.")
    today = timezone.localdate()
    if expires_on is not None and expires_on < today:
        errors["expires_on"] = _(
            "The end date is in the past. Choose today or a later date, or share until you stop it."
        )
    display_name = (display_name or "").strip()
    if not display_name:
        errors["display_name"] = _("Tell the clinic how to recognise you.")
    elif len(display_name) > DISPLAY_NAME_MAX:
        errors["display_name"] = _("At most %(max)d characters.") % {"max": DISPLAY_NAME_MAX}
    if errors:
        raise ValidationError(errors)
    # The patient's row lock serialises two grants sent at once (two tabs), so
    # that a clinic never holds two running consents of the same patient.
    get_user_model().objects.select_for_update().filter(pk=patient.pk).first()
    now = timezone.now()
    Consent.objects.filter(patient=patient, clinic=clinic, revoked_at__isnull=True).update(
        revoked_at=now
    )
    return Consent.objects.create(
        patient=patient,
        clinic=clinic,
        scopes=clean,
        display_name=display_name,
        expires_on=expires_on,
        granted_at=now,
        wording=wording,
    )


@transaction.atomic
def consent_revoke(*, patient, consent: Consent) -> bool:
    """Stops a share at once; True when it was still running. Only its patient may stop it."""
    if consent.patient_id != patient.pk:
        raise PermissionDenied
    updated = Consent.objects.filter(pk=consent.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return bool(updated)


def access_log_record(*, staff, consent: Consent, action: str) -> AccessLog:
    """Appends one row saying this staff member looked at (or downloaded) this shared journal."""
    name = staff.get_full_name().strip()
    email = staff.email or staff.get_username()
    return AccessLog.objects.create(
        patient_id=consent.patient_id,
        consent=consent,
        clinic=consent.clinic,
        clinic_name=consent.clinic.name,
        staff=staff,
        staff_name=f"{name} ({email})" if name else email,
        action=action,
        scopes=consent_scopes(consent),
        at=timezone.now(),
    )
