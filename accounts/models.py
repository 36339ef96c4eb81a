"""Patient accounts as the server sees them: bearer tokens and the devices that sync.

The tables keep the names they had while these models lived in `tracker`
(migration 0001 here moved them in state only).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A bearer token for clients without cookies; only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField(max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "tracker_apitoken"  # kept from before accounts was an app
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"token {self.pk} ({self.label})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Device(models.Model):
    """An install (`client_id`) that has synced a user's journal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sync_devices"
    )
    client_id = models.CharField(max_length=100)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()
    # A summary such as "Firefox on Android", never the raw header.
    user_agent = models.CharField(max_length=100, blank=True)
    # How the device last signed in, so that revoking it can end that sign-in.
    token = models.ForeignKey(ApiToken, on_delete=models.SET_NULL, null=True, blank=True)
    session_key = models.CharField(max_length=40, blank=True)

    class Meta:
        db_table = "tracker_device"  # kept from before accounts was an app
        constraints = [
            models.UniqueConstraint(fields=["user", "client_id"], name="device_user_client_id"),
        ]

    def __str__(self) -> str:
        return f"device {self.client_id}"


class JournalAccount(User):
    """A patient account as support staff see it: counts and devices, never entries."""

    class Meta:
        proxy = True
        verbose_name = _("journal account")
        verbose_name_plural = _("journal accounts")


def _sign_in_id() -> str:
    return secrets.token_urlsafe(12)


class SignIn(models.Model):
    """One working sign-in of an account: a cookie session or a bearer token.

    The patient sees each one and can end it (DELETE /api/v1/auth/devices/{id}).
    A session's key is kept as Django keeps it in django_session, where anyone
    who can read this table could read it already; ending the sign-in needs it
    to delete that session.
    """

    class Kind(models.TextChoices):
        SESSION = "session", _("session")
        TOKEN = "token", _("token")

    public_id = models.CharField(max_length=32, unique=True, default=_sign_in_id)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_ins"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    session_key = models.CharField(max_length=40, blank=True, db_index=True)
    token = models.OneToOneField(
        ApiToken, on_delete=models.CASCADE, null=True, blank=True, related_name="sign_in"
    )
    created_at = models.DateTimeField()
    last_seen = models.DateTimeField()
    # A summary such as "Firefox on Android", never the raw header.
    user_agent = models.CharField(max_length=100, blank=True)
    # The install that pushed with this sign-in, once it has.
    client_id = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-last_seen"], name="signin_user_last_seen")]

    def __str__(self) -> str:
        return f"sign-in {self.public_id} ({self.kind})"
