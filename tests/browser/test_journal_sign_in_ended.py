"""A device told that its sign-in is over removes the journal from itself.

Three ways a sign-in ends while Alice's phone is offline with a change it has
not sent: her laptop ends the phone's sign-in, the session expires on the
server, or her laptop erases the account. When the phone is back online its
sync hears 401, offers the unsent change as a file, and removes the journal,
the account and the referral memory. Plus the account check at a reload, and
the ordinary sign-out, which forgets the referral too.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS
from tests.support import PASSWORD

pytestmark = pytest.mark.browser

ENDED = (
    "Your sign-in on this device has ended, so your journal was removed from it. "
    "Sign in to get it back."
)


@pytest.fixture
def riverside(live_url):
    from clinics.models import Clinic

    return Clinic.objects.create(name="Riverside Lung Clinic", share_code="RIVR2345")


@pytest.fixture
def phone(plain_page, patient, riverside, journal_screen):
    """Alice's phone: referred by Riverside, signed in, one question saved to her account."""
    page = plain_page
    page.goto(f"/r/{riverside.referral_code}/")
    page.wait_for_function("() => localStorage.getItem('ros1.referral') !== null")
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)
    # The account's list of devices knows an install once it has pushed.
    journal.add_question("What does my last scan mean?")
    journal.expect_status("All changes saved to your account")
    assert _cookie(page, "ros1_referral")
    return journal


@pytest.fixture
def laptop(browser, live_url, patient, journal_screen):
    """Alice's laptop, signed in to the same account."""
    context = browser.new_context(base_url=live_url, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    journal = journal_screen(context.new_page())
    journal.open()
    journal.sign_in(patient.email, PASSWORD)
    yield journal
    context.close()


def _cookie(page, name: str) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == name), None)


def _meta(page, key: str):
    return page.evaluate(
        """(key) => new Promise((resolve, reject) => {
            const open = indexedDB.open("ros1-journal");
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
                const get = open.result.transaction("meta").objectStore("meta").get(key);
                get.onsuccess = () => {
                    open.result.close();
                    resolve(get.result ? get.result.value : null);
                };
            };
        })""",
        key,
    )


def _unsent_change_waits(journal) -> None:
    journal.page.context.set_offline(True)
    journal.add_question("Can I travel next month?")
    journal.expect_status("1 change waiting for a connection")


def _back_online_takes_the_download(journal) -> dict:
    page = journal.page
    page.context.set_offline(False)
    offer = page.locator("#journal-ended")
    expect(offer).to_contain_text("1 change had not reached your account yet.")
    expect(
        page.get_by_role("heading", name="Changes that did not reach your account")
    ).to_be_focused()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my unsent change").click()
    assert download.value.suggested_filename.startswith("ros1-unsent-changes-")
    with open(download.value.path(), encoding="utf-8") as f:
        return json.load(f)


def _device_is_clear(journal, email: str) -> None:
    page = journal.page
    expect(page.locator("#journal-account")).to_contain_text(ENDED)
    expect(page.locator(".account-form")).to_be_visible()
    expect(page.locator(".entry")).to_have_count(0)
    journal.expect_status("Your journal is saved on this device only.")
    for table in ("records", "outbox", "conflicts", "meta"):
        assert journal.stored(table) == 0, table
    assert page.evaluate("localStorage.getItem('ros1.referral')") is None
    assert _cookie(page, "ros1_referral") is None
    expect(page.locator("#referral-slot")).to_be_hidden()
    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    expect(page.get_by_role("button", name="Create an account")).to_be_visible()
    expect(page.locator(".entry")).to_have_count(0)
    assert email not in page.content()
    assert _meta(page, "account") is None
    assert journal.stored("records") == 0
    assert journal.stored("outbox") == 0
    expect(page.locator("#referral-slot")).to_be_hidden()


def _unsent_texts(download: dict) -> list[str]:
    return [c["data"]["text"] for c in download["changes"] if c["why"] == "waiting"]


def test_a_device_signed_out_from_another_removes_the_journal(phone, laptop, patient):
    client_id = _meta(phone.page, "client_id")
    _unsent_change_waits(phone)

    status = laptop.page.evaluate(
        """async (id) => {
            const token = document.cookie.split("; ")
                .find((c) => c.startsWith("csrftoken=")).slice(10);
            const answer = await fetch(`/api/v1/auth/devices/${id}`,
                {method: "DELETE", headers: {"X-CSRFToken": token}});
            return answer.status;
        }""",
        client_id,
    )
    assert status == 204

    download = _back_online_takes_the_download(phone)
    assert download["account"] == patient.email
    assert _unsent_texts(download) == ["Can I travel next month?"]
    _device_is_clear(phone, patient.email)
    # The laptop is still signed in and still has both sides of the account.
    laptop.page.reload()
    expect(laptop.entry("What does my last scan mean?")).to_have_count(1)


def test_a_device_whose_session_expired_removes_the_journal(phone, patient):
    from django.contrib.sessions.models import Session

    _unsent_change_waits(phone)
    Session.objects.all().delete()

    download = _back_online_takes_the_download(phone)
    assert _unsent_texts(download) == ["Can I travel next month?"]
    _device_is_clear(phone, patient.email)


def test_an_unfinished_check_in_is_handed_back_with_the_unsent_changes(phone, patient):
    from django.contrib.sessions.models import Session

    from tests.browser.test_journal_checkin import CheckinForm

    _unsent_change_waits(phone)
    # A check-in begun offline is a draft on this device only, never queued.
    form = CheckinForm(phone.page)
    form.start()
    form.other("Hiccups", "How often did you have it?", "3 Frequently")
    expect(phone.page.locator("#checkin-draft-note")).to_contain_text("Draft kept on this device")
    Session.objects.all().delete()

    page = phone.page
    page.context.set_offline(False)
    expect(page.locator("#journal-ended")).to_contain_text(
        "2 changes had not reached your account yet."
    )
    with page.expect_download() as got:
        page.get_by_role("link", name="Download my unsent changes").click()
    with open(got.value.path(), encoding="utf-8") as f:
        download = json.load(f)
    assert _unsent_texts(download) == ["Can I travel next month?"]
    (draft,) = [c for c in download["changes"] if c["why"] == "draft"]
    assert draft["collection"] == "checkins"
    assert [i["term_other"] for i in draft["data"]["items"]] == ["Hiccups"]
    _device_is_clear(phone, patient.email)


def test_a_device_of_an_account_erased_elsewhere_removes_the_journal(phone, laptop, patient):
    from django.contrib.auth import get_user_model

    _unsent_change_waits(phone)
    page = laptop.page
    page.get_by_role("button", name="Delete my account…").click()
    page.get_by_label("Your password, to confirm").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and journal").click()
    expect(page.locator("#journal-account")).to_contain_text("Your account has been deleted")
    assert not get_user_model().objects.filter(pk=patient.pk).exists()

    download = _back_online_takes_the_download(phone)
    assert _unsent_texts(download) == ["Can I travel next month?"]
    _device_is_clear(phone, patient.email)


def test_with_nothing_unsent_a_reload_finds_the_sign_in_over_and_offers_no_file(phone, patient):
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()
    phone.page.reload()

    expect(phone.page.locator("#journal-account")).to_contain_text(ENDED)
    expect(phone.page.locator("#journal-ended")).to_be_hidden()
    _device_is_clear(phone, patient.email)


def test_the_offer_can_be_declined(phone, patient):
    from django.contrib.sessions.models import Session

    _unsent_change_waits(phone)
    Session.objects.all().delete()
    phone.page.context.set_offline(False)
    phone.page.get_by_role("button", name="Do not keep it").click()

    expect(phone.page.locator("#journal-ended")).to_be_hidden()
    expect(phone.page.locator("#journal-account .notice")).to_be_focused()
    _device_is_clear(phone, patient.email)


def test_signing_out_forgets_the_referring_clinic(phone):
    page = phone.page
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#journal-account")).to_contain_text("You have signed out.")
    assert page.evaluate("localStorage.getItem('ros1.referral')") is None
    assert _cookie(page, "ros1_referral") is None
    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    expect(page.locator("#referral-slot")).to_be_hidden()


def test_the_installed_app_removes_the_journal_too(page, patient, journal_screen):
    """With the service worker in control (as once installed), the same happens at a reload."""
    from django.contrib.sessions.models import Session

    from tests.browser.helpers import wait_for_service_worker

    journal = journal_screen(page)
    journal.open()
    wait_for_service_worker(page)
    journal.sign_in(patient.email, PASSWORD)
    journal.add_question("What does my last scan mean?")
    journal.expect_status("All changes saved to your account")

    Session.objects.all().delete()
    page.reload()

    expect(page.locator("#journal-account")).to_contain_text(ENDED)
    expect(page.locator(".entry")).to_have_count(0)
    for table in ("records", "outbox", "conflicts", "meta"):
        assert journal.stored(table) == 0, table
    page.reload()
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    assert patient.email not in page.content()
