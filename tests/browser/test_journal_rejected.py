"""An entry the server refuses stays on the device, flagged with the server's words, until fixed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from education.models import Drug
from tests.support import PASSWORD
from tracker.models import Record

pytestmark = pytest.mark.browser

NOT_IN_CATALOGUE = "Not a drug from the catalogue; use \u201cother\u201d and drug_name."


def test_a_rejected_entry_stays_flagged_with_the_servers_message_until_fixed(
    plain_page, patient, journal_catalogue, journal_screen
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)
    page.context.set_offline(True)
    journal.add_course("entrectinib (Rozlytrek)", "2026-02-01")
    # While the device is offline, a reviewer withdraws the drug from the catalogue.
    Drug.objects.filter(slug="entrectinib").update(published=None)

    page.context.set_offline(False)

    journal.expect_status("1 change needs your attention")
    flagged = page.locator(".flagged")
    expect(flagged).to_contain_text(NOT_IN_CATALOGUE)
    expect(journal.entry("entrectinib")).to_contain_text("Not accepted by your account")
    assert not Record.objects.filter(user=patient).exists()
    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    journal.expect_status("1 change needs your attention")

    flagged.get_by_role("button", name="Fix it").click()
    medicine = page.get_by_label("Medicine", exact=True)
    expect(medicine).to_have_accessible_description(NOT_IN_CATALOGUE)
    medicine.select_option(label="Another medicine (type its name)")
    page.get_by_label("Name of the medicine").fill("entrectinib")
    journal.save()

    journal.expect_status("All changes saved to your account")
    expect(flagged).to_have_count(0)
    course = Record.objects.get(user=patient, collection="courses")
    assert (course.data["drug"], course.data["drug_name"]) == ("other", "entrectinib")
