"""Background Sync (Chromium): the worker's `sync` event makes the open journal sync."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import go_offline, go_online, wait_for_service_worker
from tests.support import PASSWORD

pytestmark = pytest.mark.browser

# Times the test fires the worker's sync event before it gives up.
SYNC_ATTEMPTS = 3


def _sync_trigger(context, page, origin: str):
    """A function that fires the worker's journal-sync event through DevTools,
    as the browser does when it is back online."""
    cdp = context.new_cdp_session(page)
    registrations: list = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    registration = _registration(page, registrations, f"{origin}/")

    def fire() -> None:
        cdp.send(
            "ServiceWorker.dispatchSyncEvent",
            {"origin": origin, "registrationId": registration["registrationId"],
             "tag": "journal-sync", "lastChance": False},
        )  # fmt: skip

    return fire


def _registration(page, registrations: list, scope: str) -> dict:
    """The worker's registration, once DevTools has reported it.

    The report is an event that comes when it comes, not with the answer to
    ServiceWorker.enable: the page's event loop is turned (each evaluate lets
    Playwright deliver pending events) until it is there, within the bound.
    """
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        found = [r for r in registrations if r["scopeURL"] == scope and not r["isDeleted"]]
        if found:
            return found[-1]
        page.evaluate("() => new Promise((resolve) => requestAnimationFrame(resolve))")
    raise AssertionError(f"DevTools reported no worker registration for {scope}: {registrations}")


def test_the_workers_journal_sync_event_runs_the_pages_sync(
    context, page, patient, journal_screen, live_url
):
    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    journal.sign_in(patient.email, PASSWORD)
    # The sign-in's own sync is over: from here only the event can pull.
    page.wait_for_load_state("networkidle")
    fire_sync = _sync_trigger(context, page, live_url)

    with page.expect_request("**/api/v1/sync/pull*"):
        fire_sync()


def test_with_no_page_open_the_worker_delivers_the_outbox_exactly_once(
    context, page, patient, journal_screen, live_url
):
    from tracker.models import AppliedMutation, Record

    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    journal.sign_in(patient.email, PASSWORD)
    fire_sync = _sync_trigger(context, page, live_url)

    go_offline(context)
    journal.add_question("Can I keep taking it before surgery?")
    # The patient closes the journal while the change still waits.
    page.goto("about:blank")

    # Back online, the browser fires the sync on its own or when asked; with
    # no page open, the worker itself must push.
    go_online(context)
    # The sync event can reach the worker before the worker's own network is
    # back (Playwright lifts the two offline modes apart); a sync that failed
    # that way waits minutes for the browser's retry, so ask again, as the
    # browser would. Resending is safe: the server answers a repeated
    # mutation from its stored result (checked below).
    for attempt in range(SYNC_ATTEMPTS):
        try:
            with context.expect_event(
                "response",
                predicate=lambda response: "/api/v1/sync/push" in response.url and response.ok,
                timeout=TIMEOUT_MS / SYNC_ATTEMPTS,
            ):
                fire_sync()
            break
        except PlaywrightTimeoutError:
            if attempt == SYNC_ATTEMPTS - 1:
                raise
    saved = Record.objects.get(user=patient, collection="questions")
    assert saved.data["text"] == "Can I keep taking it before surgery?"

    # The next visit resends the same change and is answered from its stored result.
    journal.open()
    journal.expect_status("All changes saved to your account")
    assert Record.objects.filter(user=patient).count() == 1
    assert AppliedMutation.objects.filter(user=patient).count() == 1
    saved.refresh_from_db()
    assert saved.version == 1


def test_the_worker_can_deliver_a_change_made_right_after_signing_in(page, patient, journal_screen):
    # Signing in rotates the CSRF token. The worker, which cannot read cookies,
    # must hold the new one at once: the patient may save a change and close
    # the page before the page itself sends anything.
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)

    held = page.evaluate(
        """() => new Promise((resolve, reject) => {
          const open = indexedDB.open("ros1-journal");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction("meta").objectStore("meta").get("csrf_token");
            read.onerror = () => reject(read.error);
            read.onsuccess = () => {
              open.result.close();
              resolve(read.result ? read.result.value : null);
            };
          };
        })"""
    )

    cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    assert held == cookie
