"""Reads for the check-in reminders: each patient's own schedule and subscriptions only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.db.models.fields.json import KT

from reminders.models import CheckinSchedule, PushSubscription
from reminders.schedule import latest_due, zone
from tracker.models import Collection, Record

# A reminder goes out only within this long after the due moment, so that a
# sender that was down for days does not send stale ones.
SEND_WITHIN = datetime.timedelta(hours=24)


def schedule_for_user(*, user) -> CheckinSchedule | None:
    return CheckinSchedule.objects.filter(user=user).first()


def last_checkin_date(*, user_id: int) -> str | None:
    """The date (YYYY-MM-DD) of the user's latest live check-in, never its contents."""
    return (
        Record.objects.filter(user_id=user_id, collection=Collection.CHECKINS, deleted=False)
        .annotate(day=KT("data__date"))
        .aggregate(latest=Max("day"))["latest"]
    )


@dataclass
class DueReminder:
    schedule: CheckinSchedule
    due_on: datetime.date
    subscriptions: list[PushSubscription]


def reminders_due(*, now: datetime.datetime) -> list[DueReminder]:
    """The patients whose check-in fell due in the last day, not done and not yet reminded.

    Done means a live check-in dated within the 7 days that end on the due
    day (the patient's own dates); reminded means a reminder went out for
    that due day already.
    """
    due = []
    schedules = CheckinSchedule.objects.filter(user__push_subscriptions__isnull=False).distinct()
    for schedule in schedules:
        tz = zone(schedule.timezone)
        if tz is None:
            continue
        moment = latest_due(weekday=schedule.weekday, hour=schedule.hour, tz=tz, now=now)
        if now - moment > SEND_WITHIN or schedule.last_reminded_on == moment.date():
            continue
        latest = last_checkin_date(user_id=schedule.user_id)
        week_start = (moment.date() - datetime.timedelta(days=6)).isoformat()
        if latest is not None and latest >= week_start:
            continue
        subscriptions = list(PushSubscription.objects.filter(user_id=schedule.user_id))
        due.append(
            DueReminder(schedule=schedule, due_on=moment.date(), subscriptions=subscriptions)
        )
    return due
