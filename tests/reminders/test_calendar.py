"""The check-in day and its calendar file (RFC 5545), parsed back with icalendar."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from tests.support import ALICE_MARKERS, checkin, push_ok, upsert, write_journal

SCHEDULE = "/api/v1/reminders/schedule"
ICS = "/api/v1/reminders/calendar.ics"

pytestmark = pytest.mark.django_db


def test_it_keeps_the_patients_day_hour_and_zone_and_says_when_the_next_is_due(alice_api):
    response = alice_api.put(
        SCHEDULE, {"weekday": 2, "hour": 19, "timezone": "Europe/London"}, format="json"
    )
    assert response.status_code == 200
    body = alice_api.get(SCHEDULE).json()
    assert (body["weekday"], body["hour"], body["timezone"]) == (2, 19, "Europe/London")
    due = datetime.datetime.fromisoformat(body["next_due"]).astimezone(ZoneInfo("Europe/London"))
    assert (due.weekday(), due.hour) == (2, 19)
    assert timezone.now() < due <= timezone.now() + datetime.timedelta(days=7)


def test_a_patient_without_a_day_gets_nulls_and_no_calendar(alice_api):
    assert alice_api.get(SCHEDULE).json() == {
        "weekday": None,
        "hour": None,
        "timezone": None,
        "next_due": None,
    }
    response = alice_api.get(ICS)
    assert response.status_code == 404
    assert response.json()["error"] == "schedule_not_set"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"weekday": 7}, "weekday"),
        ({"weekday": "1"}, "weekday"),
        ({"weekday": True}, "weekday"),
        ({"weekday": 1, "hour": 24}, "hour"),
        ({"weekday": 1, "timezone": "Mars/Olympus"}, "timezone"),
        ({"weekday": 1, "timezone": 3}, "timezone"),
    ],
)
def test_it_refuses_a_day_hour_or_zone_that_is_not_one(alice_api, body, field):
    response = alice_api.put(SCHEDULE, body, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert alice_api.get(SCHEDULE).json()["weekday"] is None  # nothing kept


def _calendar(client) -> icalendar.Calendar:
    response = client.get(ICS)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    return icalendar.Calendar.from_ical(response.content)


def test_the_calendar_is_a_weekly_event_from_the_chosen_day_with_no_health_data(alice, alice_api):
    write_journal(alice, ALICE_MARKERS)
    push_ok(alice_api, [upsert("checkins", checkin(notes="ALICE-CHECKIN-NOTE"))], schema=2)
    alice_api.put(SCHEDULE, {"weekday": 4, "hour": 9, "timezone": "Asia/Tokyo"}, format="json")
    calendar = _calendar(alice_api)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "ROS1 Companion: weekly check-in"
    assert str(event["URL"]) == "http://testserver/journal/"
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Asia/Tokyo"
    assert (start.weekday(), start.hour, start.minute) == (4, 9, 0)
    assert timezone.now() < start <= timezone.now() + datetime.timedelta(days=7)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["FR"]
    assert event.decoded("DURATION") == datetime.timedelta(minutes=15)
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    text = calendar.to_ical().decode()
    for marker in [*ALICE_MARKERS.values(), "ALICE-CHECKIN-NOTE", "fatigue", "Tiredness", "alice"]:
        assert marker.lower() not in text.lower()
    assert calendar.walk("VTIMEZONE"), "the zone is written into the file"


def test_the_same_patient_keeps_the_same_uid_and_another_gets_another(alice_api, bob_api):
    for client in (alice_api, bob_api):
        client.put(SCHEDULE, {"weekday": 0}, format="json")
    first = _calendar(alice_api).walk("VEVENT")[0]["UID"]
    assert _calendar(alice_api).walk("VEVENT")[0]["UID"] == first
    assert _calendar(bob_api).walk("VEVENT")[0]["UID"] != first


def test_the_calendar_needs_a_signed_in_patient(db, client):
    assert client.get(ICS).status_code in (401, 403)


def test_clearing_the_day_stops_the_calendar(alice_api):
    alice_api.put(SCHEDULE, {"weekday": 0}, format="json")
    assert alice_api.delete(SCHEDULE).status_code == 204
    assert alice_api.get(ICS).status_code == 404
