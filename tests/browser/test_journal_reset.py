"""A device away for longer than the server keeps history: 410 reset_required, a full pull."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS
from tests.support import PASSWORD
from tracker.models import Record, SyncState
from tracker.services import sync_history_prune

pytestmark = pytest.mark.browser


def test_a_device_back_after_the_history_was_pruned_pulls_afresh_and_keeps_its_queue(
    browser, live_url, patient, journal_screen
):
    contexts, screens = [], []
    for _ in range(2):
        context = browser.new_context(base_url=live_url, service_workers="block")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        screen = journal_screen(context.new_page())
        screen.open()
        screen.sign_in(patient.email, PASSWORD)
        screens.append(screen)
    phone, laptop = screens
    phone.add_question("Can I travel by plane?")
    phone.add_question("Is the rash from the drug?")
    phone.expect_status("All changes saved to your account")
    laptop.page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(laptop.entry("Is the rash from the drug?")).to_have_count(1)
    expect(laptop.entry("Can I travel by plane?")).to_have_count(1)

    # The laptop stays away; meanwhile the phone deletes a question, and the
    # server's retention later compacts that deletion.
    contexts[1].set_offline(True)
    laptop.add_question("Should I see a dermatologist?")
    laptop.expect_status("1 change waiting for a connection")
    phone.delete("Can I travel by plane?")
    phone.expect_status("All changes saved to your account")
    later = timezone.now() + datetime.timedelta(days=31)
    assert sync_history_prune(now=later, retention_days=30).tombstones == 1
    assert SyncState.objects.get(user=patient).pruned_seq > 0

    contexts[1].set_offline(False)
    laptop.expect_status("All changes saved to your account")
    # The laptop's old cursor met 410; it pulled from the beginning, which no
    # longer names the deleted question, and dropped it; its queued question
    # was pushed, not lost.
    expect(laptop.entry("Can I travel by plane?")).to_have_count(0)
    expect(laptop.entry("Is the rash from the drug?")).to_have_count(1)
    expect(laptop.entry("Should I see a dermatologist?")).to_have_count(1)
    texts = sorted(r.data["text"] for r in Record.objects.filter(user=patient, deleted=False))
    assert texts == ["Is the rash from the drug?", "Should I see a dermatologist?"]
    assert laptop.stored("outbox") == 0
    for context in contexts:
        context.close()
