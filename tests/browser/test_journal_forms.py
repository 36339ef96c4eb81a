"""The journal's forms: the reviewed drug content, the contract's date rules, the timeline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_choosing_alectinib_shows_the_reviewed_warning(
    plain_page, journal_catalogue, journal_screen
):
    page = plain_page
    journal_screen(page).open()
    page.get_by_role("button", name="Add a treatment").click()

    page.get_by_label("Medicine", exact=True).select_option(label="alectinib (Alecensa)")

    info = page.locator("#drug-info")
    expect(info).to_contain_text("Does not work for ROS1+ cancer: do not use")
    expect(info).to_contain_text("Warning: Alectinib does not work for ROS1+ cancer.")


def test_dates_are_checked_as_the_server_checks_them_with_its_messages(
    plain_page, journal_catalogue, journal_screen
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    page.get_by_role("button", name="Add a treatment").click()
    page.get_by_label("Medicine", exact=True).select_option(label="crizotinib (Xalkori)")
    page.get_by_label("Start date").fill("2026-05-10")
    page.get_by_label("Stop date").fill("2026-04-01")
    page.get_by_label("Why it stopped").select_option(label="Side effects")

    page.get_by_role("button", name="Save").click()

    expect(page.get_by_label("Stop date")).to_have_accessible_description(
        "For example 2026-03-27. Must not be before start_date."
    )
    expect(page.locator("#entry-form-errors")).to_be_focused()
    page.get_by_label("Start date").fill("2999-01-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Start date")).to_have_accessible_description(
        "For example 2026-03-27. Must not be after today."
    )
    assert journal.stored("outbox") == 0

    page.get_by_label("Start date").fill("2026-03-01")
    journal.save()
    expect(journal.entry("crizotinib")).to_contain_text("Side effects")


def test_the_timeline_labels_scans_and_side_effects_in_words_and_has_a_table(
    plain_page, journal_catalogue, journal_screen
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.add_course("crizotinib (Xalkori)", "2026-01-05")
    page.get_by_role("button", name="Add a scan").click()
    page.get_by_label("Date of the scan").fill("2026-04-02")
    page.get_by_label("Kind of scan").select_option(label="MRI")
    page.get_by_label("Brain", exact=True).check()
    page.get_by_label("Progressed (growing)", exact=True).check()
    page.get_by_label("What the doctor said about the brain").select_option(label="Stable")
    journal.save()
    page.get_by_role("button", name="Add a side effect").click()
    page.get_by_label("Side effect", exact=True).select_option(label="Swelling")
    page.get_by_label("Severe", exact=True).check()
    page.get_by_label("Started on").fill("2026-02-01")
    journal.save()

    figure = page.get_by_role("img", name="Timeline of my journal")
    expect(figure).to_be_visible()
    expect(page.locator(".tl-scan-label")).to_have_text("Progressed")
    expect(page.locator(".tl-scan .tl-mark")).to_have_text("P")
    expect(page.locator(".tl-effect text")).to_have_text("3 Swelling")
    page.get_by_text("Show the timeline as a table").click()
    rows = page.locator(".timeline-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(2)).to_contain_text("Result: Progressed (growing)")
    expect(rows.nth(2)).to_contain_text("Brain: Stable")
    expect(rows.nth(1)).to_contain_text("Severe")


def test_a_form_opened_before_the_catalogue_arrives_still_lists_the_drugs(
    plain_page, journal_catalogue, journal_screen
):
    page = plain_page
    held = []
    page.route("**/api/v1/catalog", lambda route: held.append(route))  # a slow first fetch
    journal_screen(page).open()
    page.get_by_role("button", name="Add a treatment").click()
    page.wait_for_function("() => true")
    assert len(held) == 1

    held[0].fallback()

    medicine = page.get_by_label("Medicine", exact=True)
    medicine.select_option(label="alectinib (Alecensa)")
    expect(page.locator("#drug-info")).to_contain_text("Alectinib does not work for ROS1+ cancer.")
