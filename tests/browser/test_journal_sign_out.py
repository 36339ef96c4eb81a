"""Signing out warns about changes still waiting, then removes the journal from the device."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support import PASSWORD
from tracker.models import Record

pytestmark = pytest.mark.browser


def test_signing_out_warns_about_waiting_changes_then_clears_the_device(
    plain_page, patient, journal_screen
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)
    journal.add_question("What does my last scan mean?")
    journal.expect_status("All changes saved to your account")
    page.context.set_offline(True)
    journal.add_question("Can I travel next month?")
    journal.expect_status("1 change waiting for a connection")

    page.get_by_role("button", name="Sign out").click()

    warning = page.get_by_role("alert")
    expect(warning).to_contain_text(
        "1 change has not been saved to your account yet. If you sign out now, it will be lost."
    )
    # One change: the button agrees in number.
    expect(page.get_by_role("button", name="Sign out and delete it")).to_be_visible()
    page.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_have_count(0)
    expect(journal.entry("Can I travel next month?")).to_have_count(1)

    page.context.set_offline(False)
    journal.expect_status("All changes saved to your account")
    page.get_by_role("button", name="Sign out").click()

    expect(page.locator("#journal-account")).to_contain_text(
        "You have signed out. Your journal was removed from this device."
    )
    journal.expect_status("Your journal is saved on this device only.")
    expect(page.locator(".entry")).to_have_count(0)
    assert journal.stored("records") == 0
    assert journal.stored("outbox") == 0
    # The account keeps both questions: only this device forgot them.
    assert Record.objects.filter(user=patient, collection="questions").count() == 2
    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    expect(page.locator(".entry")).to_have_count(0)
    expect(page.get_by_role("button", name="Create an account")).to_be_visible()


def test_signing_out_warns_that_an_unfinished_check_in_would_be_lost(
    plain_page, patient, journal_screen
):
    from tests.browser.test_journal_checkin import CheckinForm

    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)
    form = CheckinForm(page)
    form.start()
    form.other("Hiccups", "How often did you have it?", "3 Frequently")
    expect(page.locator("#checkin-draft-note")).to_contain_text("Draft kept on this device")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Your unfinished check-in is kept on this device only. "
        "If you sign out now, it will be lost."
    )
    page.get_by_role("button", name="Sign out and delete it").click()
    expect(page.locator("#journal-account")).to_contain_text(
        "You have signed out. Your journal was removed from this device."
    )
    assert journal.stored("meta") == 0
