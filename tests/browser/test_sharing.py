"""A patient shares her journal with the clinic that referred her, then stops, in Chromium."""

from __future__ import annotations

import json
import re

import pytest

from tests.support import PASSWORD, verified_login

pytestmark = pytest.mark.browser


@pytest.fixture
def riverside(live_url):
    from clinics.models import Clinic, ClinicMembership
    from tests.factories import UserFactory

    clinic = Clinic.objects.create(
        name="Riverside Lung Clinic", phone="+44 20 7946 0000", share_code="RIVR2345"
    )
    nurse = UserFactory(email="carol@riverside.example", first_name="Carol", last_name="Nurse")
    ClinicMembership.objects.create(user=nurse, clinic=clinic, is_clinic_admin=True)
    return clinic, nurse


def _staff_sees(nurse, consent_id) -> int:
    from django.test import Client

    return (
        verified_login(Client(HTTP_HOST="localhost"), nurse)
        .get(f"/clinic/patients/{consent_id}/")
        .status_code
    )


def test_a_referred_patient_shares_her_questions_and_stops_with_one_tap(
    plain_page, patient, journal_screen, journal_catalogue, riverside
):
    from playwright.sync_api import expect

    from clinics.models import AccessLog, Consent

    clinic, nurse = riverside
    page = plain_page
    csp_errors = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )

    # The clinic's QR code leads here: the app, recommended by the clinic.
    page.goto(f"/r/{clinic.referral_code}/")
    expect(page.get_by_role("heading", name="Recommended by Riverside Lung Clinic")).to_be_visible()
    page.wait_for_function("() => localStorage.getItem('ros1.referral') !== null")
    remembered = json.loads(page.evaluate("localStorage.getItem('ros1.referral')"))
    assert remembered["name"] == "Riverside Lung Clinic"

    # She signs in to her journal and writes a question.
    journal = journal_screen(page)
    journal.open()
    # The journal remembers who recommended the app.
    expect(page.get_by_text("Recommended by Riverside Lung Clinic.")).to_be_visible()
    journal.sign_in(patient.email, PASSWORD)
    journal.add_question("Can I take it with grapefruit?")
    journal.expect_status("All changes saved to your account")

    # Sharing starts from the clinic that referred her.
    page.goto("/journal/sharing/")
    expect(page.get_by_text("You do not share your journal with anyone.")).to_be_visible()
    page.get_by_role("link", name="Choose what to share with Riverside Lung Clinic").click()
    expect(
        page.get_by_role("heading", name="Share your journal with Riverside Lung Clinic?")
    ).to_be_visible()
    for label in ("Treatment courses", "Scans", "Side effects", "Questions"):
        expect(page.get_by_label(label, exact=True)).not_to_be_checked()
    page.get_by_label("Questions", exact=True).check()
    page.get_by_label("How the clinic will know you").fill("Alice Example, born 1970-01-01")
    page.get_by_role("button", name="I agree: share what I ticked").click()

    expect(
        page.get_by_text("You now share your journal with Riverside Lung Clinic.")
    ).to_be_visible()
    consent = Consent.objects.get(patient=patient, revoked_at__isnull=True)
    assert consent.scopes == ["questions"]
    assert _staff_sees(nurse, consent.public_id) == 200

    # The look is on her list.
    page.reload()
    log = page.get_by_role("region", name="Who has looked at my journal")
    expect(log.get_by_role("cell", name=re.compile("Carol Nurse"))).to_be_visible()
    assert AccessLog.objects.filter(patient=patient).count() == 1

    # One tap stops it; the very next request of the clinic finds nothing.
    page.get_by_role("button", name="Stop sharing with Riverside Lung Clinic").click()
    expect(page.get_by_text("You stopped sharing with Riverside Lung Clinic.")).to_be_visible()
    expect(page.get_by_text("You do not share your journal with anyone.")).to_be_visible()
    assert _staff_sees(nurse, consent.public_id) == 404
    assert csp_errors == []


def test_a_patient_is_told_plainly_when_a_clinic_code_is_wrong(plain_page, patient, journal_screen):
    from playwright.sync_api import expect

    from clinics.models import Consent

    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)

    page.goto("/journal/sharing/")
    page.get_by_label("Clinic code").fill("WRONG-CODE")
    page.get_by_role("button", name="Find the clinic").click()

    expect(page.get_by_text("No clinic has this code.")).to_be_visible()
    assert not Consent.objects.exists()
