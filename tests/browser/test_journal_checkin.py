"""The weekly check-in on the device: its draft, the bad-week message, the trends at 320 px.

These need no account: a check-in is saved on the device first, like every
entry. The "Anything else?" symptom is always asked, so the tests rate it;
the catalogue's own check-in symptoms are covered where the server's marks are
(test_journal_checkin_sync.py).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.test_small_screens import PHONE, _problems

pytestmark = pytest.mark.browser

TODAY = date.today()
LAST_WEEK = TODAY - timedelta(days=7)


class CheckinForm:
    """The check-in form as a patient fills it: by legends and labels."""

    def __init__(self, page) -> None:
        self.page = page

    def start(self, name: str = "Start this week's check-in") -> None:
        self.page.get_by_role("button", name=name).click()
        expect(self.page.locator("#checkin-form")).to_be_visible()

    def symptom(self, legend: str):
        return self.page.locator(".checkin-symptom").filter(has_text=legend)

    def rate(self, legend: str, question: str, answer: str) -> None:
        self.symptom(legend).get_by_role("group", name=question).get_by_label(
            answer, exact=True
        ).check()

    def other(self, words: str, question: str, answer: str) -> None:
        self.symptom("Anything else?").get_by_label("What was it?").fill(words)
        self.rate("Anything else?", question, answer)

    def date(self, value: date) -> None:
        self.page.get_by_label("Date of the check-in").fill(value.isoformat())

    def save(self) -> None:
        self.page.get_by_role("button", name="Save the check-in").click()
        expect(self.page.locator("#checkin-saved")).to_be_visible()


def _open(page, journal_screen):
    journal = journal_screen(page)
    journal.open()
    return journal, CheckinForm(page)


def test_an_unfinished_check_in_is_kept_as_a_draft_across_a_reload(
    plain_page, journal_catalogue, journal_screen
):
    page = plain_page
    journal, form = _open(page, journal_screen)
    expect(page.locator("#checkin-due")).to_have_text(
        "You have not made a check-in yet. The first one can be today."
    )
    form.start()
    form.other("Hiccups", "How often did you have it?", "3 Frequently")
    page.get_by_role("group", name="Overall, how was your week?").get_by_label(
        "6", exact=True
    ).check()
    page.get_by_label("Notes").fill("A long week at work")
    # Kept after each change; the note says so, and that nothing was sent.
    expect(page.locator("#checkin-draft-note")).to_contain_text("Draft kept on this device")

    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    form.start("Continue your check-in")
    other = form.symptom("Anything else?")
    expect(other.get_by_label("What was it?")).to_have_value("Hiccups")
    expect(other.get_by_label("3 Frequently", exact=True)).to_be_checked()
    expect(page.get_by_label("Notes")).to_have_value("A long week at work")
    # A draft is on the device only: no record and nothing queued.
    assert journal.stored("records") == 0
    assert journal.stored("outbox") == 0

    form.save()
    assert journal.stored("records") == 1
    expect(page.get_by_role("button", name="Start this week's check-in")).to_be_visible()
    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    # The saved check-in left no draft behind, and moves the due date a week on.
    expect(page.get_by_role("button", name="Start this week's check-in")).to_be_visible()
    expect(page.locator("#checkin-due")).to_contain_text("Your next check-in is due on")
    expect(page.locator("#checkin-due")).to_have_attribute(
        "data-due", (TODAY + timedelta(days=7)).isoformat()
    )


def test_a_bad_week_says_so_plainly_and_links_to_the_care_team_page(
    plain_page, journal_catalogue, journal_screen
):
    page = plain_page
    _journal, form = _open(page, journal_screen)
    form.start()
    form.date(LAST_WEEK)
    form.other("Hiccups", "How bad was it at its worst?", "1 Mild")
    form.save()
    # Mild, and nothing to compare with: no message.
    expect(page.locator("#checkin-bad-week")).to_have_count(0)

    form.start()
    form.date(TODAY)
    form.other("Hiccups", "How bad was it at its worst?", "3 Severe")
    form.save()
    message = page.locator("#checkin-bad-week")
    expect(message).to_be_visible()
    expect(message).to_be_focused()
    expect(message.get_by_role("heading")).to_have_text("This looks like a hard week")
    expect(message).to_contain_text("Hiccups: How bad: Severe (3 of 4).")
    expect(message).to_contain_text("two steps or more worse than the week before (was 1, now 3)")
    link = message.get_by_role("link", name="When to contact your care team")
    expect(link).to_have_attribute(
        "href", page.evaluate("async () => (await import('/static/js/config.js')).CARE_TEAM_PAGE")
    )
    expect(message).to_contain_text("nothing is sent to your care team unless you share it")


def test_a_symptom_rated_never_is_not_asked_the_rest(plain_page, journal_catalogue, journal_screen):
    page = plain_page
    _journal, form = _open(page, journal_screen)
    form.start()
    other = form.symptom("Anything else?")
    form.other("Hiccups", "How often did you have it?", "0 Never")
    expect(other.get_by_role("group", name="How bad was it at its worst?")).to_be_hidden()
    form.rate("Anything else?", "How often did you have it?", "2 Occasionally")
    expect(other.get_by_role("group", name="How bad was it at its worst?")).to_be_visible()


def test_the_trends_chart_and_its_table_read_at_320px(
    browser, live_url, journal_catalogue, journal_screen
):
    context = browser.new_context(base_url=live_url, viewport=PHONE, service_workers="block")
    try:
        page = context.new_page()
        journal, form = _open(page, journal_screen)
        journal.add_course("crizotinib (Xalkori)", (TODAY - timedelta(days=60)).isoformat())
        for day, answer in ((LAST_WEEK, "1 Mild"), (TODAY, "2 Moderate")):
            form.start()
            form.date(day)
            form.other("Hiccups", "How bad was it at its worst?", answer)
            form.save()
        trend = page.locator(".trend").filter(has_text="Hiccups")
        chart = trend.get_by_role(
            "img", name="Hiccups over the weeks: the table below gives every value"
        )
        expect(chart).to_be_visible()
        # The treatment is drawn behind the lines, and named.
        expect(trend.locator(".tr-course text")).to_have_text("crizotinib")
        expect(trend.locator(".trend-svg .tr-severity rect")).to_have_count(2)
        trend.get_by_text("Show Hiccups as a table").click()
        table = trend.get_by_role("table", name="Hiccups, week by week")
        expect(table).to_be_visible()
        expect(table.get_by_role("row")).to_have_count(3)
        expect(table).to_contain_text("1 Mild")
        expect(table).to_contain_text("2 Moderate")
        box = chart.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert _problems(page) == []
        # The form itself, with every question open, fits the phone too.
        form.start()
        assert _problems(page) == []
        tap = page.locator(".rating-option").first.bounding_box()
        assert tap["height"] >= 44 and tap["width"] >= 0.8 * (PHONE["width"] - 64)
        # The printable summary lists the same weeks, offline-ready from the device.
        page.goto("/journal/summary/")
        summary = page.locator("#summary-body")
        expect(summary).to_contain_text("Weekly check-ins, last 12 weeks")
        expect(summary).to_contain_text("Hiccups: How bad 2")
        assert _problems(page) == []
    finally:
        context.close()


def test_a_check_in_the_contract_refuses_names_the_field_and_loses_nothing(
    plain_page, journal_catalogue, journal_screen
):
    page = plain_page
    journal, form = _open(page, journal_screen)
    # The device checks with the catalogue's contract, as the server would.
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    page.wait_for_function(
        """async () => {
            const { cachedCatalog } = await import('/static/js/store.js');
            const catalog = await cachedCatalog();
            return Boolean(catalog && catalog.contract.collections.checkins);
        }"""
    )
    form.start()
    form.rate("Anything else?", "How bad was it at its worst?", "2 Moderate")
    form.date(TODAY + timedelta(days=3))
    page.get_by_label("Notes").fill("Kept whatever happens")
    page.get_by_role("button", name="Save the check-in").click()
    summary = page.locator("#checkin-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Anything else?, What was it?: Required when term is")
    expect(summary).to_contain_text("Date of the check-in: Must not be after today.")
    other = form.symptom("Anything else?")
    expect(other.get_by_label("What was it?")).to_have_attribute("aria-invalid", "true")
    expect(other.locator(".field-error").filter(has_text="Required when term is")).to_be_visible()
    # Nothing was saved, and nothing typed was lost.
    assert journal.stored("records") == 0
    expect(other.get_by_label("2 Moderate", exact=True)).to_be_checked()
    expect(page.get_by_label("Notes")).to_have_value("Kept whatever happens")

    other.get_by_label("What was it?").fill("Hiccups")
    form.date(TODAY)
    form.save()
    assert journal.stored("records") == 1
