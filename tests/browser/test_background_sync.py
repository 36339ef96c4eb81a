"""The worker's Background Sync event wakes the open pages to push the journal's outbox."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_for_service_worker

pytestmark = pytest.mark.browser


def test_a_journal_sync_event_reaches_the_open_page(context, page, live_url):
    page.goto("/")
    wait_for_service_worker(page)
    page.evaluate(
        """() => navigator.serviceWorker.addEventListener("message", (event) => {
            if (event.data && event.data.type === "journal-sync") window.syncAsked = true;
        })"""
    )
    cdp = context.new_cdp_session(page)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    page.wait_for_function("() => navigator.serviceWorker.ready")
    assert registrations, "no service worker registration reported"

    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": live_url,
            "registrationId": registrations[0]["registrationId"],
            "tag": "journal-sync",
            "lastChance": False,
        },  # fmt: skip
    )

    page.wait_for_function("() => window.syncAsked === true")
