"""The device's storage: persistent after the first entry, and a plain message when it is full."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SPY_ON_PERSIST = """
window.__persistCalls = 0;
navigator.storage.persist = async () => { window.__persistCalls += 1; return true; };
"""

FULL_DISK = """
for (const method of ["put", "add"]) {
  const original = IDBObjectStore.prototype[method];
  IDBObjectStore.prototype[method] = function (...args) {
    if (window.__diskFull) throw new DOMException("The disk is full.", "QuotaExceededError");
    return original.apply(this, args);
  };
}
"""


def test_it_asks_for_persistent_storage_once_after_the_first_entry(plain_page, journal_screen):
    page = plain_page
    page.add_init_script(SPY_ON_PERSIST)
    journal = journal_screen(page)
    journal.open()
    assert page.evaluate("window.__persistCalls") == 0

    journal.add_question("How long will I take this?")
    journal.add_question("Can I drink grapefruit juice?")

    assert page.evaluate("window.__persistCalls") == 1


def test_a_full_device_says_so_and_keeps_the_form(plain_page, journal_screen):
    page = plain_page
    page.add_init_script(FULL_DISK)
    journal = journal_screen(page)
    journal.open()
    page.evaluate("window.__diskFull = true")
    page.get_by_role("button", name="Add a question").click()
    page.get_by_label("Question", exact=True).fill("Is this scan result good?")

    page.get_by_role("button", name="Save").click()

    summary = page.locator("#entry-form-errors")
    expect(summary).to_contain_text("This device has no storage space left")
    expect(summary).to_be_focused()
    expect(page.get_by_label("Question", exact=True)).to_have_value("Is this scan result good?")
    page.evaluate("window.__diskFull = false")
    journal.save()
    expect(journal.entry("Is this scan result good?")).to_have_count(1)
