"""The patient's data in the app: Download my journal, and Delete my account."""

from __future__ import annotations

import csv
import io
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support import PASSWORD
from tracker.models import Record

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}


@pytest.fixture
def alice(plain_page, patient, journal_screen):
    """Alice, signed in on a 320 px phone, with one question saved to her account."""
    plain_page.set_viewport_size({"width": 320, "height": 700})
    journal = journal_screen(plain_page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)
    journal.add_question("Is it safe to fly?")
    journal.expect_status("All changes saved to your account")
    return journal


def _serious(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


def _fits(page, locator) -> None:
    box = locator.bounding_box()
    assert box["height"] >= 44, "a large target"
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]


def test_a_signed_in_patient_downloads_her_journal_in_every_form(alice):
    page = alice.page
    section = page.locator("#journal-data")
    expect(section.get_by_role("heading", name="Download my journal")).to_be_visible()
    for name in (
        "Spreadsheet (CSV)",
        "Health record file (FHIR)",
        "Complete journal file (JSON)",
        "One-page summary to print",
    ):
        _fits(page, section.get_by_role("link", name=name))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    with page.expect_download() as spreadsheet:
        section.get_by_role("link", name="Spreadsheet (CSV)").click()
    assert spreadsheet.value.suggested_filename.endswith(".csv")
    with open(spreadsheet.value.path(), encoding="utf-8") as f:
        rows = list(csv.DictReader(io.StringIO(f.read())))
    assert [row["text"] for row in rows] == ["Is it safe to fly?"]

    with page.expect_download() as journal_file:
        section.get_by_role("link", name="Complete journal file (JSON)").click()
    with open(journal_file.value.path(), encoding="utf-8") as f:
        assert [r["data"]["text"] for r in json.load(f)["records"]] == ["Is it safe to fly?"]

    with page.expect_download() as fhir:
        section.get_by_role("link", name="Health record file (FHIR)").click()
    assert fhir.value.suggested_filename.endswith(".fhir.json")

    section.get_by_role("link", name="One-page summary to print").click()
    expect(page.locator("#summary-body")).to_contain_text("Is it safe to fly?")


def test_offline_the_downloads_say_so_plainly(alice):
    page = alice.page
    page.context.set_offline(True)
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.locator("#journal-data").get_by_role("link", name="Spreadsheet (CSV)").click()

    message = page.locator("#download-message")
    expect(message).to_have_text(
        "You are offline. Downloading your journal needs a connection: try again when you "
        "are online. The one-page summary works without one."
    )
    expect(message).to_be_focused()
    assert not [url for url in requests if "/api/v1/export" in url]


def test_a_journal_on_this_device_only_offers_the_summary_and_says_why_not_files(
    plain_page, journal_screen
):
    journal = journal_screen(plain_page)
    journal.open()
    section = plain_page.locator("#journal-data")
    expect(section).to_contain_text("sign in, or create an account, to download them")
    expect(section.get_by_role("link", name="One-page summary to print")).to_be_visible()
    expect(section.get_by_role("link", name="Spreadsheet (CSV)")).to_have_count(0)
    expect(section.get_by_role("button", name="Delete my account…")).to_have_count(0)


def test_deleting_the_account_warns_asks_for_the_password_and_can_be_left(alice, patient):
    page = alice.page
    opener = page.get_by_role("button", name="Delete my account…")
    opener.click()

    dialog = page.get_by_role("dialog", name="Delete my account?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="Delete my account?")).to_be_focused()
    for words in (
        "every entry of your journal, on this device and on every other device",
        "what you share with clinics",
        "your sign-ins: every device is signed out",
        "This cannot be undone.",
    ):
        expect(dialog).to_contain_text(words)
    # A last offer to keep a copy, in the dialog itself.
    with page.expect_download() as spreadsheet:
        dialog.get_by_role("link", name="Spreadsheet (CSV)").click()
    assert spreadsheet.value.suggested_filename.endswith(".csv")
    assert _serious(page) == []

    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()

    opener.click()
    dialog.get_by_role("button", name="Keep my account").click()
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()
    assert Record.objects.filter(user=patient).count() == 1


def test_a_wrong_password_erases_nothing(alice, patient):
    page = alice.page
    page.get_by_role("button", name="Delete my account…").click()
    dialog = page.get_by_role("dialog", name="Delete my account?")
    password = dialog.get_by_label("Your password, to confirm")

    dialog.get_by_role("button", name="Delete my account and journal").click()
    expect(dialog).to_contain_text("Enter your password to delete your account.")
    password.fill("not my password")
    dialog.get_by_role("button", name="Delete my account and journal").click()

    expect(dialog.locator("#delete-password-error")).to_have_text("Wrong password.")
    expect(password).to_be_focused()
    expect(password).to_have_attribute("aria-invalid", "true")
    assert Record.objects.filter(user=patient).count() == 1
    assert alice.stored("records") == 1


def test_deleting_the_account_erases_it_and_clears_the_device(alice, patient):
    from django.contrib.auth import get_user_model

    page = alice.page
    page.get_by_role("button", name="Delete my account…").click()
    dialog = page.get_by_role("dialog", name="Delete my account?")
    dialog.get_by_label("Your password, to confirm").fill(PASSWORD)
    dialog.get_by_role("button", name="Delete my account and journal").click()

    notice = page.locator("#journal-account .notice")
    expect(notice).to_have_text(
        "Your account has been deleted, with everything in it, and your journal was "
        "removed from this device."
    )
    expect(notice).to_be_focused()
    expect(dialog).to_have_count(0)
    expect(page.locator(".entry")).to_have_count(0)
    alice.expect_status("Your journal is saved on this device only.")
    assert not get_user_model().objects.filter(pk=patient.pk).exists()
    assert not Record.objects.exists()
    for table in ("records", "outbox", "conflicts", "meta"):
        assert alice.stored(table) == 0, table
    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    assert patient.email not in page.content()
