"""What the journal does with the server's other answers: the outbox is never dropped."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.support import PASSWORD
from tracker.models import Record

pytestmark = pytest.mark.browser


def test_an_outdated_schema_keeps_the_changes_and_asks_for_an_update(
    plain_page, patient, journal_screen
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)
    refused = {"error": "schema_outdated", "detail": "Update the app."}
    page.route(
        "**/api/v1/sync/push",
        lambda route: route.fulfill(
            status=409, content_type="application/json", body=json.dumps(refused)
        ),
    )

    journal.add_question("Is there a trial near me?")

    expect(journal.status).to_contain_text(
        "This app needs an update before it can save to your account. "
        "Your changes are kept on this device."
    )
    assert journal.stored("outbox") == 1
    page.unroute("**/api/v1/sync/push")
    page.get_by_role("button", name="Update the app").click()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    journal.expect_status("All changes saved to your account")
    assert Record.objects.get(user=patient).data["text"] == "Is there a trial near me?"


def test_a_refusal_that_does_not_end_the_sign_in_keeps_the_changes_and_asks_to_sign_in_again(
    plain_page, patient, journal_screen
):
    # An ended sign-in (401) removes the journal: test_journal_sign_in_ended.py.
    # A 403 that is not about CSRF leaves the journal and asks to sign in again.
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)
    refused = {"error": "permission_denied", "detail": "Not allowed."}
    page.route(
        "**/api/v1/sync/push",
        lambda route: route.fulfill(
            status=403, content_type="application/json", body=json.dumps(refused)
        ),
    )

    journal.add_question("Should my dose change?")

    journal.expect_status(
        "Sign in again to save your changes to your account. 1 change is kept on this device."
    )
    expect(journal.entry("Should my dose change?")).to_have_count(1)
    page.unroute("**/api/v1/sync/push")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator(".account-form").get_by_role("button", name="Sign in").click()
    journal.expect_status("All changes saved to your account")
    assert Record.objects.get(user=patient).data["text"] == "Should my dose change?"


def test_two_tabs_never_push_the_same_change_twice(plain_page, patient, journal_screen):
    first = journal_screen(plain_page)
    first.open()
    first.sign_in(patient.email, PASSWORD)
    second = journal_screen(plain_page.context.new_page())
    second.open()
    second.expect_status("All changes saved to your account")
    pushed = []
    plain_page.context.on(
        "requestfinished",
        lambda request: pushed.extend(request.post_data_json["mutations"])
        if request.url.endswith("/api/v1/sync/push")
        else None,
    )
    plain_page.context.set_offline(True)
    first.add_question("Who do I call at night?")
    second.expect_status("1 change waiting for a connection")

    # Both tabs hear "online" at once and both start a sync.
    plain_page.context.set_offline(False)

    first.expect_status("All changes saved to your account")
    second.expect_status("All changes saved to your account")
    assert [m["data"]["text"] for m in pushed] == ["Who do I call at night?"]


def test_a_change_saved_during_a_sync_is_never_shown_as_saved_to_the_account(
    plain_page, patient, journal_catalogue, journal_screen
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    held = []

    def is_pull(url: str) -> bool:
        return "/api/v1/sync/pull" in url

    def hold(route) -> None:
        if held is not None:
            held.append(route)
        else:
            route.continue_()

    # The first sync after signing in is held in flight, mid-pull.
    page.route(is_pull, hold)
    with page.expect_request(lambda request: is_pull(request.url)):
        journal.sign_in(patient.email, PASSWORD)
    # What the status says at the moment the entry form closes.
    page.evaluate(
        """() => {
            const form = document.getElementById("journal-form");
            const status = document.getElementById("sync-status");
            window.statusWhenFormClosed = [];
            new MutationObserver(() => {
                if (form.hidden) window.statusWhenFormClosed.push(status.textContent.trim());
            }).observe(form, { attributes: true, attributeFilter: ["hidden"] });
        }"""
    )

    journal.add_course("crizotinib (Xalkori)", "2026-01-05")

    assert page.evaluate("window.statusWhenFormClosed") == ["1 change waiting for a connection"]
    waiting, held = held, None
    for route in waiting:
        route.continue_()
    journal.expect_status("All changes saved to your account")
    assert Record.objects.get(user=patient).data["drug"] == "crizotinib"
