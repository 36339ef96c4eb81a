"""The journal's security panel: every sign-in listed and endable, password, two-step sign-in."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.models import ApiToken
from accounts.services import token_create
from tests.browser.test_small_screens import phone  # noqa: F401 - the fixture
from tests.support import PASSWORD, current_code

pytestmark = pytest.mark.browser

NEW = "plum-orchard-velvet-42"


def test_it_lists_my_sign_ins_and_ends_another_one(plain_page, patient, journal_screen):
    token_create(user=patient, label="Old phone")
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)

    sign_ins = page.locator("#security-sign-ins li")
    expect(sign_ins).to_have_count(2)
    expect(sign_ins.filter(has_text="This device")).to_have_count(1)
    other = sign_ins.filter(has_text="Old phone")
    other.get_by_role("button", name="End").click()

    expect(page.locator("#security-sign-ins .notice")).to_have_text("That sign-in has ended.")
    expect(sign_ins).to_have_count(1)
    expect(sign_ins).to_contain_text("This device")
    assert ApiToken.objects.get(label="Old phone").revoked_at is not None


def test_it_changes_my_password(plain_page, patient, journal_screen):
    _, key = token_create(user=patient, label="Tablet")
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)

    form = page.locator("#security-password")
    form.get_by_label("Current password").fill("not my password")
    form.get_by_label("New password").fill(NEW)
    form.get_by_role("button", name="Change my password").click()
    expect(form.locator("#pw-current_password-error")).to_be_visible()

    form.get_by_label("Current password").fill(PASSWORD)
    form.get_by_role("button", name="Change my password").click()
    expect(form.locator(".notice")).to_contain_text("Your password is changed")
    patient.refresh_from_db()
    assert patient.check_password(NEW)
    # The tablet's token ended; this page is still signed in.
    assert ApiToken.objects.get(label="Tablet").revoked_at is not None
    expect(page.locator("#security-sign-ins li")).to_have_count(1)
    journal.add_question("Still signed in?")
    journal.expect_status("All changes saved to your account")


def test_it_sets_up_two_step_sign_in_and_asks_for_the_code_at_sign_in(
    plain_page, patient, journal_screen
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)

    area = page.locator("#security-two-factor")
    area.get_by_role("button", name="Set up two-step sign-in").click()
    expect(area.locator(".otp-qr svg")).to_be_visible()
    device = TOTPDevice.objects.get(user=patient, confirmed=False)
    area.get_by_label("Code from the app").fill(current_code(device))
    area.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(area.locator(".notice")).to_contain_text("Two-step sign-in is on")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Email address").fill(patient.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator(".account-form").get_by_role("button", name="Sign in").click()
    code = page.get_by_label("Code from your authenticator app")
    expect(code).to_be_visible()
    # The code that turned the app on is spent; the app's next one signs in.
    TOTPDevice.objects.filter(user=patient).update(last_t=-1)
    code.fill(current_code(TOTPDevice.objects.get(user=patient)))
    page.locator(".account-form").get_by_role("button", name="Sign in").click()
    journal.expect_status("All changes saved to your account")


def test_the_security_panel_reads_on_a_320px_phone_and_with_large_text(
    phone,  # noqa: F811 - the fixture of test_small_screens
    patient,
    journal_screen,
):
    from tests.browser.test_small_screens import _problems

    token_create(user=patient, label="A phone with a rather long name of its own")
    found = {}
    for signed_in, (name, page) in enumerate(phone.items(), start=2):
        journal = journal_screen(page)
        journal.open()
        journal.sign_in(patient.email, PASSWORD)
        area = page.locator("#security-two-factor")
        area.get_by_role("button", name="Set up two-step sign-in").click()
        expect(area.locator(".otp-qr svg")).to_be_visible()
        # The token, and each phone's session so far.
        expect(page.locator("#security-sign-ins li")).to_have_count(signed_in)
        problems = _problems(page)
        if problems:
            found[name] = problems
    assert found == {}


def test_the_password_reset_pages_read_on_a_320px_phone_and_with_large_text(
    phone,  # noqa: F811 - the fixture of test_small_screens
    patient,
):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from tests.browser.test_small_screens import _problems

    uid = urlsafe_base64_encode(force_bytes(patient.pk))
    link = f"/account/reset/{uid}/{default_token_generator.make_token(patient)}/"
    found = {}
    for name, page in phone.items():
        for path in ("/account/password-reset/", link):
            page.goto(path)
            expect(page.locator("h1")).to_be_visible()
            problems = _problems(page)
            if problems:
                found[f"{path} ({name})"] = problems
        # The link's page shows the form (Django moves the token out of the address).
        expect(page.get_by_label("New password:", exact=True)).to_be_visible()
    assert found == {}


def test_a_patient_who_forgot_the_password_sets_a_new_one_from_the_journal(
    plain_page, patient, journal_screen, smtp, live_url
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Forgotten your password?").click()
    page.get_by_label("Email:").fill(patient.email)
    page.get_by_role("button", name="Email me a link").click()
    expect(page.locator("main")).to_contain_text("If an account uses this address")

    (message,) = smtp.wait(1, settle=0)
    body = message.get_body(preferencelist=("plain",)).get_content()
    (link,) = re.findall(r"https?://\S+", body)
    page.goto(live_url + urlsplit(link).path)
    page.get_by_label("New password:", exact=True).fill(NEW)
    page.get_by_label("New password confirmation:").fill(NEW)
    page.get_by_role("button", name="Set my new password").click()
    page.get_by_role("link", name="Open my journal").click()

    journal.sign_in(patient.email, NEW)
