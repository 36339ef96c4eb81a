"""The device checks entries exactly as the server does: same rules, same messages."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import go_offline, wait_for_service_worker
from tracker.validation import RecordInvalid, validate_record_data

pytestmark = pytest.mark.browser

COURSE = {
    "drug": "crizotinib",
    "drug_name": None,
    "start_date": "2026-01-05",
    "stop_date": None,
    "dose": None,
    "line": None,
    "stop_reason": None,
    "notes": "",
}
SCAN = {"date": "2026-02-01", "modality": "ct", "sites": ["chest"], "outcome": "stable"}
EFFECT = {"term": "fatigue", "severity": 2, "onset_date": "2026-02-01"}

# Each case: a collection and data that breaks one or more rules (or none).
CASES = [
    ("courses", COURSE),
    ("courses", {}),
    ("courses", {**COURSE, "drug": "imatinib"}),
    ("courses", {**COURSE, "drug": "other", "drug_name": "  "}),
    ("courses", {**COURSE, "start_date": "2999-01-01"}),
    ("courses", {**COURSE, "start_date": "2026-02-30"}),
    ("courses", {**COURSE, "start_date": "5 Jan 2026"}),
    ("courses", {**COURSE, "stop_date": "2025-12-31"}),
    ("courses", {**COURSE, "stop_reason": "progression"}),
    ("courses", {**COURSE, "stop_date": "2026-03-01", "stop_reason": "bored"}),
    ("courses", {**COURSE, "line": 21}),
    ("courses", {**COURSE, "line": "2"}),
    ("courses", {**COURSE, "line": 1.5}),
    ("courses", {**COURSE, "dose": "x" * 101}),
    ("courses", {**COURSE, "notes": "\u00e9" * 5001}),
    ("courses", {**COURSE, "colour": "blue"}),
    ("scans", SCAN),
    ("scans", {**SCAN, "sites": ["chest", "chest"]}),
    ("scans", {**SCAN, "sites": ["moon"]}),
    ("scans", {**SCAN, "sites": "chest"}),
    ("scans", {**SCAN, "brain_outcome": "stable"}),
    ("scans", {**SCAN, "recist": "XX", "modality": "cat"}),
    ("scans", {**SCAN, "course": "not-a-uuid"}),
    ("scans", {**SCAN, "course": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"}),
    ("side_effects", EFFECT),
    ("side_effects", {**EFFECT, "term": "other"}),
    ("side_effects", {**EFFECT, "term": "hiccups"}),
    ("side_effects", {**EFFECT, "severity": 5, "interference": -1}),
    ("side_effects", {**EFFECT, "severity": True}),
    ("side_effects", {**EFFECT, "resolved_date": "2026-01-01", "action": "prayed"}),
    ("questions", {"text": "Which test found ROS1?", "asked": False, "answer": ""}),
    ("questions", {"text": "   "}),
    ("questions", {"text": "?" * 1001, "asked": "yes"}),
    ("questions", {"text": 42}),
    ("questions", {"text": "Why?", "source": "what-is-a-tki"}),
    ("questions", {"text": "Why?", "source": ""}),
    ("questions", {"text": "Why?", "source": "Hello World! <b>"}),
    ("questions", {"text": "\U0001f600" * 1001}),  # counted in characters, not UTF-16 units
]


def _server(collection: str, data: dict) -> dict[str, list[str]]:
    try:
        validate_record_data(collection=collection, data=data)
    except RecordInvalid as exc:
        return exc.fields
    return {}


def test_every_rule_gives_the_servers_message_on_the_device(
    plain_page, journal_catalogue, journal_screen
):
    page = plain_page
    journal_screen(page).open()
    device = page.evaluate(
        """async (cases) => {
            const { validate } = await import("/static/js/validation.js");
            const catalog = await (await fetch("/api/v1/catalog")).json();
            return cases.map(([collection, data]) => validate(collection, data, catalog));
        }""",
        CASES,
    )

    server = [_server(collection, data) for collection, data in CASES]
    mismatches = {
        f"{collection} {data}": {"device": got, "server": want}
        for (collection, data), got, want in zip(CASES, device, server, strict=True)
        if got != want
    }
    assert mismatches == {}
    assert sum(1 for answer in server if answer) == len(CASES) - 6  # the cases meant to fail do


def test_offline_the_device_checks_entries_with_the_contract_it_keeps(
    context, page, journal_catalogue, journal_screen
):
    """The rules come with the catalogue, which the device keeps: offline and after a
    reload, it still refuses what the server would, with the server's messages."""
    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    deadline = time.monotonic() + 10
    while journal.stored("catalog") == 0 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    go_offline(context)
    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)

    page.get_by_role("button", name="Add a treatment").click()
    page.get_by_label("Medicine", exact=True).select_option(label="crizotinib (Xalkori)")
    page.get_by_label("Start date").fill("2026-05-10")
    page.get_by_label("Stop date").fill("2026-04-01")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("#entry-form-errors")).to_contain_text("Must not be before start_date.")
    assert journal.stored("outbox") == 0
