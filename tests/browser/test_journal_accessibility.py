"""axe-core finds no serious or critical problem on the journal's screens, wide or 320 px narrow."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}
WIDTHS = (1280, 320)


def _check(page, name: str, found: dict) -> None:
    """Runs axe on the screen as it is, at each width."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        violations = Axe().run(page).response["violations"]
        serious = [
            f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in violations
            if v["impact"] in SERIOUS
        ]
        if serious:
            found[f"{name} at {width}px"] = serious


def test_the_journal_screens_have_no_serious_accessibility_violation(
    plain_page, journal_catalogue, journal_screen
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.add_course("alectinib (Alecensa)", "2026-01-05", dose="600 mg twice a day")
    page.get_by_role("button", name="Add a side effect").click()
    page.get_by_label("Side effect", exact=True).select_option(label="Tiredness")
    page.get_by_label("Moderate", exact=True).check()
    journal.save()
    journal.add_question("What next if the cancer grows?")
    page.get_by_text("Show the timeline as a table").click()
    found: dict[str, list[str]] = {}
    _check(page, "journal", found)

    page.get_by_role("button", name="Add a scan").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#entry-form-errors")).to_be_focused()
    _check(page, "scan form with errors", found)

    page.get_by_role("button", name="Sign in").click()
    _check(page, "sign-in form", found)

    page.goto("/journal/summary/")
    expect(page.locator("#summary-body")).to_contain_text("What next if the cancer grows?")
    _check(page, "summary", found)

    assert found == {}
