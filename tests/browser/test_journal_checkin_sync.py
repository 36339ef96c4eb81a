"""Check-ins reach the account like every entry, and an app updated from schema 1 to 2 gets them.

The upgrade is the real one: the "old app" is this app served with its
config.js saying SCHEMA = 1 (what every page and the worker read), so it
pushes schema 1 and pulls without check-ins, exactly as the app before
schema 2 did; the update is the same page reloaded with the real files.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect

from reminders.models import CheckinSchedule
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import go_offline, go_online, wait_for_service_worker
from tests.browser.test_journal_checkin import CheckinForm
from tests.factories import SideEffectTermFactory, published
from tests.support import PASSWORD
from tracker.models import Record

pytestmark = pytest.mark.browser

TODAY = date.today()

OLD_APP = re.compile(r".*/static/js/config(\.[0-9a-f]+)?\.js$")


def _serve_old_app(context) -> None:
    """Every page of `context` runs the app as it was at schema 1."""

    def old(route):
        response = route.fetch()
        body = response.text()
        assert "export const SCHEMA = 2;" in body
        # Not kept in the HTTP cache under the real file's (hashed, immutable) name:
        # the update must load the real one, as a new name would.
        headers = {**response.headers, "cache-control": "no-store"}
        route.fulfill(
            response=response, headers=headers, body=body.replace("SCHEMA = 2;", "SCHEMA = 1;")
        )

    context.route(OLD_APP, old)


def _checkin(page, day: date, words: str, answer: str) -> None:
    form = CheckinForm(page)
    form.start()
    form.date(day)
    form.other(words, "How bad was it at its worst?", answer)
    form.save()


@pytest.fixture
def nausea(journal_catalogue):
    """A check-in symptom that PRO-CTCAE rates on how often and how bad only."""
    published(
        SideEffectTermFactory(
            slug="nausea",
            patient_term="Feeling sick",
            checkin=True,
            takes_frequency=True,
            takes_severity=True,
        )
    )


def test_a_check_in_made_offline_reaches_the_account_once_online(
    context, page, patient, nausea, journal_screen
):
    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    journal.sign_in(patient.email, PASSWORD)

    go_offline(context)
    journal.expect_status("Offline. Everything on this device is saved; nothing is waiting.")
    form = CheckinForm(page)
    form.start()
    # Asked only what PRO-CTCAE asks of it: how often and how bad.
    sick = form.symptom("Feeling sick")
    expect(sick.get_by_role("group")).to_have_count(2)
    form.rate("Feeling sick", "How often did you have it?", "2 Occasionally")
    form.rate("Feeling sick", "How bad was it at its worst?", "1 Mild")
    form.other("Hiccups", "How bad was it at its worst?", "2 Moderate")
    form.save()
    journal.expect_status("1 change waiting for a connection")
    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    journal.expect_status("1 change waiting for a connection")
    # Offline, the due date is still known: a week after the check-in.
    expect(page.locator("#checkin-due")).to_have_attribute(
        "data-due", (TODAY + timedelta(days=7)).isoformat()
    )

    # The calendar file comes from the server: offline, the app says so.
    page.get_by_role("button", name="Add to my calendar").click()
    expect(page.locator("#checkin-reminder-note")).to_have_text(
        "You are offline. The calendar file can be downloaded when you are online again."
    )

    go_online(context)
    journal.expect_status("All changes saved to your account")
    # Online, the calendar file comes, starting on the weekday the next check-in is due.
    with page.expect_download() as got:
        page.get_by_role("button", name="Add to my calendar").click()
    calendar = icalendar.Calendar.from_ical(Path(got.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event.decoded("DTSTART").weekday() == (TODAY + timedelta(days=7)).weekday()
    assert "Hiccups" not in calendar.to_ical().decode()
    expect(page.locator("#checkin-reminder-note")).to_contain_text("It holds no health details.")

    stored = Record.objects.get(user=patient, collection="checkins")
    assert stored.version == 1
    assert stored.data["date"] == TODAY.isoformat()
    assert stored.data["items"] == [
        {
            "term": "nausea",
            "term_other": None,
            "frequency": 2,
            "severity": 1,
            "interference": None,
        },
        {
            "term": "other",
            "term_other": "Hiccups",
            "frequency": None,
            "severity": 2,
            "interference": None,
        },
    ]


def test_a_check_in_day_chosen_offline_sets_the_due_date_and_follows_the_patient(
    browser, live_url, context, page, patient, journal_screen
):
    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    journal.sign_in(patient.email, PASSWORD)
    _checkin(page, TODAY, "Hiccups", "1 Mild")
    journal.expect_status("All changes saved to your account")
    due = page.locator("#checkin-due")
    expect(due).to_have_attribute("data-due", (TODAY + timedelta(days=7)).isoformat())

    # Offline, the patient picks the weekday three days from now: today's
    # check-in counts for that day, so the next one is due a week after it.
    go_offline(context)
    chosen = TODAY + timedelta(days=3)
    page.get_by_label("My check-in day").select_option(label=chosen.strftime("%A"))
    expect(due).to_have_attribute("data-due", (chosen + timedelta(days=7)).isoformat())
    expect(page.locator("#checkin-day-note")).to_contain_text("Kept on this device")
    assert not CheckinSchedule.objects.filter(user=patient).exists()

    # Back online, the choice reaches the account (a reminder time with it).
    go_online(context)
    expect(page.locator("#checkin-day-note")).to_have_text(
        f"Your check-in day is {chosen.strftime('%A')}, reminders at 18:00."
    )
    schedule = CheckinSchedule.objects.get(user=patient)
    assert (schedule.weekday, schedule.hour) == (chosen.weekday(), 18)

    # The patient's other device follows, and dates the next check-in alike.
    other = browser.new_context(base_url=live_url, service_workers="block")
    other.set_default_timeout(TIMEOUT_MS)
    try:
        second = journal_screen(other.new_page())
        second.open()
        second.sign_in(patient.email, PASSWORD)
        second.expect_status("All changes saved to your account")
        expect(second.page.get_by_label("My check-in day")).to_have_value(str(chosen.weekday()))
        expect(second.page.locator("#checkin-due")).to_have_attribute(
            "data-due", (chosen + timedelta(days=7)).isoformat()
        )
    finally:
        other.close()


@pytest.mark.parametrize("old_cursor", ["unmarked", "marked"])
def test_an_app_updated_to_schema_2_keeps_its_queue_and_receives_every_check_in(
    browser, live_url, patient, journal_catalogue, journal_screen, old_cursor
):
    """`unmarked`: the old app never wrote down its cursor's schema, so the
    server answers 410 reset_required; `marked`: the device knows its cursor
    is a schema-1 one and pulls from the beginning itself."""
    old_context = browser.new_context(base_url=live_url, service_workers="block")
    new_context = browser.new_context(base_url=live_url, service_workers="block")
    old_context.set_default_timeout(TIMEOUT_MS)
    new_context.set_default_timeout(TIMEOUT_MS)
    try:
        _serve_old_app(old_context)
        old_page = old_context.new_page()
        old = journal_screen(old_page)
        old.open()
        assert old_page.evaluate("async () => (await import('/static/js/config.js')).SCHEMA") == 1
        old.sign_in(patient.email, PASSWORD)
        old.add_question("Is my dose right?")
        old.expect_status("All changes saved to your account")

        # Another device, already on schema 2, makes two check-ins.
        new_page = new_context.new_page()
        other = journal_screen(new_page)
        other.open()
        other.sign_in(patient.email, PASSWORD)
        _checkin(new_page, TODAY - timedelta(days=7), "Hiccups", "1 Mild")
        _checkin(new_page, TODAY, "Hiccups", "3 Severe")
        other.expect_status("All changes saved to your account")
        assert Record.objects.filter(user=patient, collection="checkins").count() == 2

        # The old app syncs: its cursor moves past the check-ins it is not sent.
        with old_page.expect_response(lambda r: "/sync/pull" in r.url and r.ok) as pulled:
            old_page.reload()
        assert "schema=1" in pulled.value.url
        assert pulled.value.json()["changes"] == []
        expect(old_page.locator("html[data-journal-ready]")).to_have_count(1)
        old.expect_status("All changes saved to your account")
        # The status says "saved" before the pulled page is applied: wait for the
        # page's cursor to be kept, else the old app's own write of the cursor's
        # schema could land after the line below clears it.
        old_page.wait_for_function(
            """async (cursor) => {
                const { getMeta } = await import('/static/js/store.js');
                return (await getMeta('cursor')) === cursor;
            }""",
            arg=pulled.value.json()["cursor"],
        )
        assert old_page.locator(".entry").filter(has_text="Check-in of").count() == 0
        if old_cursor == "unmarked":
            old_page.evaluate(
                """async () => {
                    const { setMeta } = await import('/static/js/store.js');
                    await setMeta('cursor_schema', null);
                }"""
            )
        # ...and queues a change offline.
        old_context.set_offline(True)
        old.add_question("Should I see a dietitian?")
        old.expect_status("1 change waiting for a connection")

        # The update: the app is closed (so nothing of the old one still runs),
        # then opened again on the same device with the real files, online.
        old_page.close()
        old_context.unroute(OLD_APP)
        old_context.set_offline(False)
        updated_page = old_context.new_page()
        pulls = []
        updated_page.on(
            "response",
            lambda r: pulls.append((r.url, r.status)) if "/sync/pull" in r.url else None,
        )
        updated = journal_screen(updated_page)
        updated.open()
        assert (
            updated_page.evaluate("async () => (await import('/static/js/config.js')).SCHEMA") == 2
        )
        updated.expect_status("All changes saved to your account")
        expect(updated_page.locator(".entry").filter(has_text="Check-in of")).to_have_count(2)
        expect(updated_page.locator(".trend").filter(has_text="Hiccups")).to_be_visible()
        assert sorted(
            Record.objects.filter(user=patient, collection="questions").values_list(
                "data__text", flat=True
            )
        ) == ["Is my dose right?", "Should I see a dietitian?"]
        assert updated.stored("outbox") == 0
        assert all("schema=2" in url for url, _status in pulls)
        resets = [url for url, status in pulls if status == 410]
        assert len(resets) == (1 if old_cursor == "unmarked" else 0)
        # Either way, the next pull starts from the beginning.
        fresh = pulls[1] if old_cursor == "unmarked" else pulls[0]
        assert "cursor=" not in fresh[0]
    finally:
        old_context.close()
        new_context.close()


def test_after_a_bad_week_offline_the_care_team_page_opens_from_the_saved_copy(
    context, page, journal_screen
):
    from django.core.management import call_command

    call_command("seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    go_offline(context)
    form = CheckinForm(page)
    form.start()
    form.rate("Tiredness", "How bad was it at its worst?", "4 Very severe")
    form.save()
    message = page.locator("#checkin-bad-week")
    expect(message).to_contain_text("Tiredness (fatigue): How bad: Very severe (4 of 4).")
    message.get_by_role("link", name="When to contact your care team").click()
    expect(page).to_have_url(
        re.compile(r"/learn/living-with-ros1/#when-to-contact-your-care-team$")
    )
    section = page.locator("section#when-to-contact-your-care-team")
    expect(section).to_be_visible()
    expect(page.locator(".saved-copy-note")).to_be_visible()
