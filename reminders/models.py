"""The weekly check-in's reminders (issue 14): the patient's chosen day, and Web Push subscriptions.

Neither holds any health data: a day and an hour, and the address and keys a
browser's push service gave for this install.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckinSchedule(models.Model):
    """When the patient wants to do their weekly check-in: a weekday and an hour, in their zone."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="checkin_schedule",
    )
    # 0 Monday … 6 Sunday, as Python's date.weekday().
    weekday = models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)])
    hour = models.PositiveSmallIntegerField(default=18, validators=[MaxValueValidator(23)])
    # An IANA zone name (Europe/London): the day and hour are the patient's own.
    timezone = models.CharField(max_length=64, default="UTC")
    # The local date of the last due day a reminder went out for, so none goes twice.
    last_reminded_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("check-in schedule")

    def __str__(self) -> str:
        return f"check-in schedule of user {self.user_id}"


class PushSubscription(models.Model):
    """One install's Web Push subscription, removed with the sign-in it was made under."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    # Ending the sign-in (sign-out, a revoked token, an ended device, erasure)
    # deletes the row, so that a device handed on gets no one's reminders.
    sign_in = models.ForeignKey(
        "accounts.SignIn", on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=50)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("push subscription")

    def __str__(self) -> str:
        # Never the endpoint: it is an address for this one browser.
        return f"push subscription {self.pk} of user {self.user_id}"
