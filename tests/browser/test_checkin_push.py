"""The check-in reminder by Web Push, on the device: what the worker shows, and the toggle.

Headless Chromium has no push service of its own (subscribing fails, as on a
browser whose push service cannot be reached), so the delivery is DevTools'
own `ServiceWorker.deliverPushMessage`, which hands a message to the app's
real worker as a push service would. The server's half, encrypted for a real
receiver, is tests/reminders/test_push.py.
"""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from reminders.models import CheckinSchedule, PushSubscription
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import wait_for_service_worker
from tests.support import PASSWORD

pytestmark = pytest.mark.browser

# Headless Chromium cannot install an app; this makes the page see itself as
# one opened from the home screen, as an installed app does.
INSTALLED = """
(() => {
  const real = window.matchMedia.bind(window);
  window.matchMedia = (query) => /display-mode:\\s*standalone/.test(query)
    ? { matches: true, media: query, addEventListener() {}, removeEventListener() {} }
    : real(query);
})();
"""


@pytest.fixture
def vapid(settings):
    from py_vapid import Vapid

    from tests.reminders.test_push import b64url

    key = Vapid()
    key.generate_keys()
    private = key.private_key.private_numbers().private_value.to_bytes(32, "big")
    settings.WEBPUSH_VAPID_PRIVATE_KEY = b64url(private)


def _registration_id(context, page) -> tuple[object, str]:
    cdp = context.new_cdp_session(page)
    found: list[str] = []

    def updated(event):
        found.extend(r["registrationId"] for r in event["registrations"] if not r.get("isDeleted"))

    cdp.on("ServiceWorker.workerRegistrationUpdated", updated)
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not found and time.monotonic() < deadline:
        page.evaluate("() => 1")  # lets Playwright hand over the session's events
    assert found, "DevTools named no service worker registration"
    return cdp, found[0]


def test_a_push_reminder_shows_the_apps_own_words_and_no_health_data(
    context, page, journal_screen, live_url
):
    context.grant_permissions(["notifications"])
    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    cdp, registration = _registration_id(context, page)

    # Whatever a message carries, the notification says only that a check-in is due.
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": live_url,
            "registrationId": registration,
            "data": json.dumps({"title": "Severe headache", "body": "Lorlatinib 100 mg"}),
        },
    )
    page.wait_for_function(
        "() => navigator.serviceWorker.ready"
        ".then((r) => r.getNotifications()).then((n) => n.length === 1)"
    )
    shown = page.evaluate(
        """() => navigator.serviceWorker.ready.then((r) => r.getNotifications())
            .then((n) => n.map((x) => (
                {title: x.title, body: x.body, tag: x.tag, url: x.data.url})))"""
    )
    assert shown == [
        {
            "title": "ROS1 Companion",
            "body": "It is time for your weekly check-in.",
            "tag": "ros1-checkin-reminder",
            "url": "/journal/?checkin=1#journal-checkin",
        }
    ]


def test_the_reminder_toggle_is_only_offered_to_an_installed_app(page, journal_screen):
    journal = journal_screen(page)
    journal.open()
    expect(page.get_by_role("button", name="Add to my calendar")).to_be_visible()
    expect(page.get_by_label("Remind me each week with a notification")).to_have_count(0)


def test_turning_reminders_on_says_plainly_why_it_did_not_work(
    context, page, patient, vapid, journal_screen
):
    context.add_init_script(INSTALLED)
    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    journal.sign_in(patient.email, PASSWORD)
    toggle = page.get_by_label("Remind me each week with a notification")
    note = page.locator("#checkin-reminder-note")

    # Notifications refused (headless Chromium refuses when not granted).
    toggle.check()
    expect(note).to_have_text(
        "Notifications are turned off for this app in your browser's settings."
    )
    expect(toggle).not_to_be_checked()
    expect(toggle).to_be_enabled()

    # Allowed, but the browser's push service will not subscribe the app.
    context.grant_permissions(["notifications"])
    toggle.check()
    expect(note).to_have_text(
        "This browser could not set up notifications for the app. "
        "You can add the check-in to your calendar instead."
    )
    expect(toggle).not_to_be_checked()
    assert not PushSubscription.objects.filter(user=patient).exists()
    # The day it would have reminded on is kept, for the calendar file, and shown.
    schedule = CheckinSchedule.objects.get(user=patient)
    expect(page.get_by_label("My check-in day")).to_have_value(str(schedule.weekday))
