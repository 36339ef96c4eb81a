"""The weekly check-in as an iCalendar event (RFC 5545), made with the icalendar library.

It holds no health data: a title, a link to the journal, the day and hour.
"""

from __future__ import annotations

import datetime
import uuid

import icalendar
from django.utils.crypto import salted_hmac

from reminders.models import CheckinSchedule
from reminders.schedule import next_due, zone

TITLE = "ROS1 Companion: weekly check-in"
DESCRIPTION = "Time for your weekly check-in. Open your journal: "
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _uid(user_id: int) -> str:
    """Stable for one patient, so that a second download replaces the first; reveals nothing."""
    digest = salted_hmac("reminders.calendar.uid", str(user_id)).digest()
    return f"{uuid.UUID(bytes=digest[:16], version=4)}@ros1-companion"


def checkin_calendar(
    *, schedule: CheckinSchedule, journal_url: str, now: datetime.datetime
) -> bytes:
    """A calendar with one weekly recurring event from the next due day on."""
    tz = zone(schedule.timezone)
    start = next_due(weekday=schedule.weekday, hour=schedule.hour, tz=tz, now=now)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ROS1 Companion//Weekly check-in//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    event = icalendar.Event()
    event.add("uid", _uid(schedule.user_id))
    event.add("dtstamp", now)
    event.add("summary", TITLE)
    event.add("description", DESCRIPTION + journal_url)
    event.add("url", journal_url)
    event.add("dtstart", start)
    event.add("duration", datetime.timedelta(minutes=15))
    event.add("rrule", {"freq": "weekly", "byday": WEEKDAYS[schedule.weekday]})
    event.add("transp", "TRANSPARENT")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", TITLE)
    alarm.add("trigger", datetime.timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    if hasattr(calendar, "add_missing_timezones"):
        calendar.add_missing_timezones()
    return calendar.to_ical()
