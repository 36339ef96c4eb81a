"""Writes for the check-in reminders: the schedule, push subscriptions, and sending."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reminders import push
from reminders.models import CheckinSchedule, PushSubscription
from reminders.schedule import zone
from reminders.selectors import reminders_due
from ros1site.errors import InvalidInput

logger = logging.getLogger(__name__)


def _invalid(fields: dict[str, list[str]]) -> InvalidInput:
    return InvalidInput("invalid", _("Some fields are not valid."), fields=fields)


def _whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


@transaction.atomic
def schedule_set(*, user, weekday: Any, hour: Any, tz: Any) -> CheckinSchedule:
    """Sets the patient's check-in day (0 Monday … 6 Sunday), hour (0–23) and IANA zone."""
    fields: dict[str, list[str]] = {}
    if not _whole(weekday, 0, 6):
        fields["weekday"] = [_("Must be a whole number from 0 (Monday) to 6 (Sunday).")]
    if not _whole(hour, 0, 23):
        fields["hour"] = [_("Must be a whole number from 0 to 23.")]
    if not isinstance(tz, str) or zone(tz) is None:
        fields["timezone"] = [_("Must be a time zone name such as Europe/London.")]
    if fields:
        raise _invalid(fields)
    schedule, _created = CheckinSchedule.objects.update_or_create(
        user=user,
        defaults={"weekday": weekday, "hour": hour, "timezone": tz, "updated_at": timezone.now()},
    )
    return schedule


def schedule_clear(*, user) -> None:
    """No more reminders: the schedule and every push subscription of the patient go."""
    with transaction.atomic():
        CheckinSchedule.objects.filter(user=user).delete()
        PushSubscription.objects.filter(user=user).delete()


@transaction.atomic
def push_subscribe(*, user, sign_in, subscription: Any) -> PushSubscription:
    """Keeps a browser's PushSubscription (its JSON: endpoint and keys) for this sign-in."""
    fields: dict[str, list[str]] = {}
    body = subscription if isinstance(subscription, dict) else {}
    endpoint = body.get("endpoint")
    keys = body.get("keys") if isinstance(body.get("keys"), dict) else {}
    if not isinstance(endpoint, str) or len(endpoint) > 1000 or not push.endpoint_allowed(endpoint):
        fields["endpoint"] = [_("Must be the https address of a browser's push service.")]
    for name, limit in (("p256dh", 100), ("auth", 50)):
        value = keys.get(name)
        if not isinstance(value, str) or not value or len(value) > limit:
            fields[f"keys.{name}"] = [_("Required: the key the browser gave, base64url.")]
    if fields:
        raise _invalid(fields)
    # An endpoint names one browser install: whoever subscribes it last owns it.
    PushSubscription.objects.filter(endpoint=endpoint).exclude(user=user).delete()
    row, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={
            "user": user,
            "sign_in": sign_in,
            "p256dh": keys["p256dh"],
            "auth": keys["auth"],
            "created_at": timezone.now(),
        },
    )
    return row


def push_unsubscribe(*, user, endpoint: Any) -> bool:
    """Forgets the patient's subscription at `endpoint`; False when there was none."""
    if not isinstance(endpoint, str):
        return False
    deleted, _ = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return deleted > 0


def reminders_send(
    *, now: datetime.datetime | None = None, send: Callable[..., None] = push.push_send
) -> int:
    """Sends the weekly reminder to every patient whose check-in is due; returns how many pushes.

    A patient is reminded once per due day, on each of their subscriptions; a
    subscription the push service says is gone is deleted. Logs counts only.
    """
    now = now or timezone.now()
    sent = 0
    for due in reminders_due(now=now):
        for subscription in due.subscriptions:
            try:
                send(
                    endpoint=subscription.endpoint,
                    p256dh=subscription.p256dh,
                    auth=subscription.auth,
                    message=push.REMINDER,
                )
            except push.Gone:
                subscription.delete()
                continue
            except Exception:  # noqa: BLE001 - one broken service must not stop the others
                logger.warning("A check-in reminder could not be sent", exc_info=False)
                continue
            sent += 1
        due.schedule.last_reminded_on = due.due_on
        due.schedule.save(update_fields=["last_reminded_on"])
    logger.info("Check-in reminders sent: %d", sent)
    return sent
