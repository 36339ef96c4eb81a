"""When a weekly check-in falls due, from the patient's chosen weekday and hour in their zone."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def zone(name: str) -> ZoneInfo | None:
    """The IANA zone of that name, or None when there is none."""
    if name not in available_timezones():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def latest_due(*, weekday: int, hour: int, tz: ZoneInfo, now: datetime.datetime):
    """The last moment at or before `now` when a check-in fell due (aware, in `tz`)."""
    local = now.astimezone(tz)
    days_back = (local.weekday() - weekday) % 7
    day = local.date() - datetime.timedelta(days=days_back)
    due = datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)
    if due > local:
        due -= datetime.timedelta(days=7)
    return due


def next_due(*, weekday: int, hour: int, tz: ZoneInfo, now: datetime.datetime):
    """The first moment after `now` when a check-in falls due."""
    return latest_due(weekday=weekday, hour=hour, tz=tz, now=now) + datetime.timedelta(days=7)
