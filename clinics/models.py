"""Clinics, their staff, patients' consents to share, and the record of every look.

Nothing of a journal reaches a clinic without an active `Consent`; every time
clinic staff open or download what was shared, an `AccessLog` row says who,
which clinic, what and under which consent. Consents and access logs hang off
the patient with on_delete=CASCADE: erasing an account erases its shares and
the record of who looked at them, because the patient asked for everything
about them to go.

The tables keep the names they had while these models lived in `tracker`
(migration 0001 here moved them in state only).
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tracker.models import Collection

__all__ = [
    "AccessAction",
    "AccessLog",
    "Clinic",
    "ClinicInvite",
    "ClinicMembership",
    "Consent",
    "ShareScope",
]

# Letters and digits that cannot be mistaken for one another when read aloud
# or copied from paper (no 0/O, 1/I/L).
SHARE_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SHARE_CODE_LENGTH = 8


def new_referral_code() -> str:
    """An unguessable code for a clinic's referral link (about 190 bits)."""
    return secrets.token_urlsafe(24)


def new_share_code() -> str:
    """A short code a patient can type: 8 characters from 31, about 40 bits."""
    return "".join(secrets.choice(SHARE_CODE_ALPHABET) for _ in range(SHARE_CODE_LENGTH))


def normalize_share_code(value: str) -> str:
    """The stored form of a typed share code: upper case, without spaces or dashes."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


# What a patient may share: the journal's collections, one by one.
ShareScope = Collection


class Clinic(models.Model):
    """A clinic that refers patients to the app and may be shared with."""

    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    referral_code = models.CharField(
        _("referral code"), max_length=64, unique=True, default=new_referral_code, editable=False
    )
    share_code = models.CharField(
        _("share code"),
        max_length=16,
        unique=True,
        default=new_share_code,
        help_text=_("The short code the clinic gives patients so that they can find it."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        db_table = "tracker_clinic"
        ordering = ["name"]
        verbose_name = _("clinic")
        verbose_name_plural = _("clinics")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.share_code = normalize_share_code(self.share_code)
        super().save(*args, **kwargs)

    @property
    def share_code_display(self) -> str:
        """The share code as printed for people: two groups of four."""
        code = self.share_code
        return f"{code[:4]}-{code[4:]}" if len(code) == SHARE_CODE_LENGTH else code


class ClinicMembership(models.Model):
    """A staff account of one clinic; a clinic admin may invite and remove staff.

    A staff account belongs to exactly one clinic, so that "this clinic" is
    never ambiguous on the staff pages.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_membership"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    is_clinic_admin = models.BooleanField(_("clinic admin"), default=False)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        db_table = "tracker_clinicmembership"
        verbose_name = _("clinic staff member")
        verbose_name_plural = _("clinic staff")

    def __str__(self) -> str:
        return f"{self.user} at {self.clinic}"


class ClinicInvite(models.Model):
    """A single-use invitation for someone to join a clinic's staff; only its SHA-256 is kept."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invites")
    email = models.EmailField(_("email"))
    as_clinic_admin = models.BooleanField(_("as the clinic's admin"), default=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Set when an admin withdraws it, or when its sender is removed from the clinic.
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "tracker_clinicinvite"
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")

    def __str__(self) -> str:
        return f"invitation of {self.email} to {self.clinic}"


class Consent(models.Model):
    """A patient's agreement to let one clinic see parts of their journal.

    Active while not revoked and, when it has an end date, up to and
    including that date. `wording` is the exact text the patient was shown.
    """

    # What appears in staff pages' addresses; never the patient's account id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_consents"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="consents")
    # A list of ShareScope values; never empty.
    scopes = models.JSONField()
    # How the patient chose to be named to the clinic's staff.
    display_name = models.CharField(max_length=100)
    expires_on = models.DateField(null=True, blank=True)
    granted_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    wording = models.TextField()

    class Meta:
        db_table = "tracker_consent"
        indexes = [models.Index(fields=["clinic", "revoked_at"], name="consent_clinic_revoked")]
        verbose_name = _("consent to share")
        verbose_name_plural = _("consents to share")

    def __str__(self) -> str:
        return f"consent {self.public_id}"

    @property
    def scope_labels(self) -> list[str]:
        """The shared parts of the journal, named for people, in the journal's order."""
        return [str(ShareScope(s).label) for s in ShareScope.values if s in (self.scopes or [])]

    def is_active(self, *, today=None) -> bool:
        today = today or timezone.localdate()
        return self.revoked_at is None and (self.expires_on is None or self.expires_on >= today)


class AccessAction(models.TextChoices):
    VIEW = "view", _("Opened the shared journal")
    PRINT = "print", _("Opened the print version")
    CSV = "csv", _("Downloaded a spreadsheet (CSV)")
    FHIR = "fhir", _("Downloaded a FHIR file")


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The access log is append-only.")


class AccessLog(models.Model):
    """One look at a patient's shared journal by clinic staff; append-only.

    Names are copied at the time of the look so that the row still says who
    looked after a staff account or a clinic is gone.
    """

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Kept when a clinic (and with it its consents) is deleted: the patient's
    # list of who looked must outlive the clinic's account.
    consent = models.ForeignKey(
        Consent, on_delete=models.SET_NULL, null=True, related_name="access_logs"
    )
    clinic = models.ForeignKey(
        Clinic, on_delete=models.SET_NULL, null=True, related_name="access_logs"
    )
    clinic_name = models.CharField(max_length=200)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    staff_name = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    scopes = models.JSONField()
    at = models.DateTimeField()

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        db_table = "tracker_accesslog"
        indexes = [models.Index(fields=["patient", "-at"], name="accesslog_patient_at")]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.action} by {self.staff_name} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        # Rows go only with the patient's account (a cascade), never one by one.
        raise TypeError("The access log is append-only.")
