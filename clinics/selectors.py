"""Reads for clinics and sharing. Consent and scope are applied here, so no view can forget them.

A clinic's staff reach a patient's journal only through `shared_journal_for_staff`
and `shared_records_for_staff`: both answer 404, with no hint, unless the
staff member's clinic holds an active consent, and the records are cut to
the consent's scopes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from clinics.models import (
    AccessLog,
    Clinic,
    ClinicInvite,
    ClinicMembership,
    Consent,
    ShareScope,
    normalize_share_code,
)
from education.models import Drug, SideEffectTerm
from ros1site.errors import NotFound
from tracker.models import Record

SCOPE_ORDER: tuple[str, ...] = tuple(ShareScope.values)
# What secrets.token_urlsafe makes; anything else (a NUL byte, say) is no code.
_REFERRAL_CODE_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def token_hash(token: str) -> str:
    """The SHA-256 under which an invitation token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def membership_for_user(*, user) -> ClinicMembership | None:
    """The clinic a signed-in account works for, or None for everyone else."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return ClinicMembership.objects.select_related("clinic").filter(user=user).first()


def is_clinic_staff(user) -> bool:
    """True for an active account that belongs to a clinic's staff."""
    return membership_for_user(user=user) is not None


def clinic_by_referral_code(*, code: str) -> Clinic | None:
    """The clinic whose referral link this is; None for unknown or forged codes."""
    if not isinstance(code, str) or not _REFERRAL_CODE_RE.fullmatch(code):
        return None
    return Clinic.objects.filter(referral_code=code).first()


def clinic_by_share_code(*, code: str) -> Clinic | None:
    """The clinic a patient typed the code of; case, spaces and dashes do not matter."""
    code = normalize_share_code(code)
    if not code or len(code) > 16:
        return None
    return Clinic.objects.filter(share_code=code).first()


def invite_by_token(*, token: str) -> ClinicInvite | None:
    """The invitation a link names, used or not; None for a forged token."""
    if not token or len(token) > 100:
        return None
    return (
        ClinicInvite.objects.select_related("clinic").filter(token_hash=token_hash(token)).first()
    )


def staff_for_clinic(*, clinic: Clinic) -> QuerySet[ClinicMembership]:
    """The clinic's staff, admins first."""
    return (
        ClinicMembership.objects.filter(clinic=clinic)
        .select_related("user")
        .order_by("-is_clinic_admin", "user__email")
    )


def sender_may_still_invite() -> Q:
    """Invitations whose sender could still send them today.

    An invitation is only as good as its sender's standing: someone removed
    from the clinic, demoted, or closed must not come back through a link
    they sent. A clinic's first admin is invited by a site administrator.
    """
    return Q(invited_by__is_active=True) & (
        Q(as_clinic_admin=True, invited_by__is_superuser=True)
        | Q(
            as_clinic_admin=False,
            invited_by__clinic_membership__clinic=F("clinic"),
            invited_by__clinic_membership__is_clinic_admin=True,
        )
    )


def pending_invites_for_clinic(*, clinic: Clinic) -> QuerySet[ClinicInvite]:
    """Invitations of this clinic that can still be accepted."""
    return (
        ClinicInvite.objects.filter(
            sender_may_still_invite(),
            clinic=clinic,
            accepted_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def _active_q(today=None) -> Q:
    today = today or timezone.localdate()
    return Q(revoked_at__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def active_consents_for_clinic(*, clinic: Clinic) -> QuerySet[Consent]:
    """Consents of this clinic that are neither revoked nor past their end date."""
    return Consent.objects.filter(_active_q(), clinic=clinic, patient__is_active=True)


def shared_patients_for_staff(*, staff) -> QuerySet[Consent]:
    """The patients who share with the staff member's clinic right now, by the name they chose."""
    membership = membership_for_user(user=staff)
    if membership is None:
        return Consent.objects.none()
    return active_consents_for_clinic(clinic=membership.clinic).order_by(
        "display_name", "granted_at"
    )


def shared_journal_for_staff(*, staff, share_id) -> Consent:
    """The active consent behind a staff page; 404 unless it is this staff member's clinic's."""
    membership = membership_for_user(user=staff)
    if membership is None:
        raise NotFound("not_found", _("There is no such share."))
    consent = (
        active_consents_for_clinic(clinic=membership.clinic)
        .select_related("clinic", "patient")
        .filter(public_id=share_id)
        .first()
    )
    if consent is None:
        raise NotFound("not_found", _("There is no such share."))
    return consent


def consent_scopes(consent: Consent) -> list[str]:
    """The consent's scopes in the journal's order, ignoring anything unknown."""
    return [scope for scope in SCOPE_ORDER if scope in (consent.scopes or [])]


def shared_records_for_staff(
    *, staff, share_id, collections: Iterable[str] | None = None
) -> tuple[Consent, list[Record]]:
    """The live entries a staff member may see: active consent, this clinic, scopes agreed only."""
    consent = shared_journal_for_staff(staff=staff, share_id=share_id)
    scopes = consent_scopes(consent)
    if collections is not None:
        wanted = set(collections)
        scopes = [scope for scope in scopes if scope in wanted]
    records = list(
        Record.objects.filter(user_id=consent.patient_id, deleted=False, collection__in=scopes)
    )
    records.sort(key=lambda r: (SCOPE_ORDER.index(r.collection), entry_date(r) or "", r.change_seq))
    return consent, records


def entry_date(record: Record) -> str | None:
    """The date an entry is about (start, scan, onset), written YYYY-MM-DD."""
    data = record.data or {}
    for name in ("start_date", "date", "onset_date"):
        if data.get(name):
            return data[name]
    return None


@dataclass
class Names:
    """Readable names for the catalogue slugs that entries carry."""

    drugs: dict[str, str]
    side_effects: dict[str, str]

    def drug(self, data: dict) -> str:
        if data.get("drug") == "other":
            return data.get("drug_name") or ""
        return self.drugs.get(data.get("drug") or "", data.get("drug") or "")

    def side_effect(self, data: dict) -> str:
        if data.get("term") == "other":
            return data.get("term_other") or ""
        return self.side_effects.get(data.get("term") or "", data.get("term") or "")


def catalogue_names(records: Iterable[Record]) -> Names:
    """The catalogue's published names for the drugs and side effects these entries name."""
    drug_slugs = {r.data.get("drug") for r in records if r.collection == "courses"}
    term_slugs = {r.data.get("term") for r in records if r.collection == "side_effects"}
    term_slugs |= {
        item.get("term")
        for r in records
        if r.collection == "checkins"
        for item in r.data.get("items") or []
    }
    # Published snapshots only: a reviewer's unpublished edit is nobody's name yet.
    drugs = Drug.objects.filter(slug__in=drug_slugs, published__isnull=False)
    terms = SideEffectTerm.objects.filter(slug__in=term_slugs, published__isnull=False)
    return Names(
        drugs={
            slug: (p or {}).get("generic_name") or slug
            for slug, p in drugs.values_list("slug", "published")
        },
        side_effects={
            slug: (p or {}).get("patient_term") or slug
            for slug, p in terms.values_list("slug", "published")
        },
    )


def consents_for_patient(*, patient) -> QuerySet[Consent]:
    """The patient's own consents, newest first, active or not."""
    return Consent.objects.filter(patient=patient).select_related("clinic").order_by("-granted_at")


def consent_for_patient(*, patient, share_id) -> Consent:
    """One of the patient's own consents; 404 for anyone else's."""
    consent = consents_for_patient(patient=patient).filter(public_id=share_id).first()
    if consent is None:
        raise NotFound("not_found", _("There is no such share."))
    return consent


def access_log_for_patient(*, patient) -> QuerySet[AccessLog]:
    """Who has looked at the patient's shared journal, newest first."""
    return AccessLog.objects.filter(patient=patient).order_by("-at", "-pk")


def access_log_pages_for_patient(*, patient, per_page: int) -> Paginator:
    """The patient's access log in pages, newest first.

    Every look must stay reachable, however many there are, so the list is
    paged rather than cut.
    """
    return Paginator(access_log_for_patient(patient=patient).select_related("consent"), per_page)
