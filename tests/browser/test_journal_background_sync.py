"""Background Sync (Chromium): the worker's `sync` event makes the open journal sync."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_for_service_worker
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_workers_journal_sync_event_runs_the_pages_sync(
    context, page, patient, journal_screen, live_url
):
    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    journal.sign_in(patient.email, PASSWORD)
    # The sign-in's own sync is over: from here only the event can pull.
    page.wait_for_load_state("networkidle")
    cdp = context.new_cdp_session(page)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    page.wait_for_function("true")  # lets the registration event arrive
    registration = next(r for r in registrations if r["scopeURL"] == f"{live_url}/")

    with page.expect_request("**/api/v1/sync/pull*"):
        cdp.send(
            "ServiceWorker.dispatchSyncEvent",
            {
                "origin": live_url,
                "registrationId": registration["registrationId"],
                "tag": "journal-sync",
                "lastChance": False,
            },
        )
