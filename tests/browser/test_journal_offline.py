"""Offline, the journal keeps every change; online again, each reaches the server exactly once."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import go_offline, go_online, wait_for_service_worker
from tests.support import PASSWORD
from tracker.models import AppliedMutation, Record

pytestmark = pytest.mark.browser


def test_offline_changes_survive_a_reload_and_reach_the_server_exactly_once(
    context, page, patient, journal_catalogue, journal_screen
):
    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    journal.sign_in(patient.email, PASSWORD)
    journal.add_course("crizotinib (Xalkori)", "2026-01-05", dose="250 mg twice a day")
    journal.add_question("Should I have a brain MRI?")
    journal.expect_status("All changes saved to your account")

    go_offline(context)
    journal.expect_status("Offline. Everything on this device is saved; nothing is waiting.")
    # A new scan, a changed course and a deleted question, all offline.
    page.get_by_role("button", name="Add a scan").click()
    page.get_by_label("Date of the scan").fill("2026-03-02")
    page.get_by_label("Kind of scan").select_option(label="CT scan")
    page.get_by_label("Stable", exact=True).check()
    journal.save()
    journal.edit("crizotinib")
    page.get_by_label("Dose").fill("200 mg twice a day")
    journal.save()
    journal.delete("Should I have a brain MRI?")
    journal.expect_status("3 changes waiting for a connection")

    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    journal.expect_status("3 changes waiting for a connection")
    expect(journal.entry("CT scan")).to_contain_text("Result: Stable")
    expect(journal.entry("crizotinib")).to_contain_text("200 mg twice a day")
    expect(journal.entry("Should I have a brain MRI?")).to_have_count(0)
    # The timeline marks the scan with its outcome in words, not colour alone.
    expect(page.locator(".tl-scan-label")).to_have_text("Stable")
    # The printable summary reads offline too, from the device.
    page.goto("/journal/summary/")
    expect(page.locator("#summary-body")).to_contain_text("200 mg twice a day")
    expect(page.locator("#summary-body")).to_contain_text("No open questions.")
    page.goto("/journal/")

    go_online(context)
    journal.expect_status("All changes saved to your account")

    records = {r.collection: r for r in Record.objects.filter(user=patient)}
    assert sorted(records) == ["courses", "questions", "scans"]
    assert records["scans"].version == 1
    assert records["scans"].data["outcome"] == "stable"
    assert records["courses"].version == 2
    assert records["courses"].data["dose"] == "200 mg twice a day"
    assert records["questions"].deleted is True
    assert records["questions"].version == 2
    # Two changes online, three offline: five applied, none twice.
    assert AppliedMutation.objects.filter(user=patient).count() == 5
    assert journal.stored("outbox") == 0


def test_the_journal_shell_holds_no_patient_data_and_no_csrf_token(
    plain_page, patient, journal_screen
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)
    journal.add_question("May I have a copy of my scan report?")
    journal.expect_status("All changes saved to your account")

    html = page.request.get("/journal/").text()

    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    assert "May I have a copy of my scan report?" not in html
    assert "alice@example.com" not in html
    assert token not in html
    assert "csrfmiddlewaretoken" not in html
