"""The patient's side: the consent screen, granting, stopping, and who has looked."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from clinics.models import AccessLog, Consent
from tests.support import many_looks, password_only, share, signed_in


def _form(**overrides):
    data = {
        "code": "RIVR2345",
        "scopes": ["scans", "side_effects"],
        "until": "revoked",
        "display_name": "Alice Example, born 1970-01-01",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_it_finds_a_clinic_by_its_code_however_it_is_typed(alice, clinic_a):
    client = password_only(alice)

    response = client.get("/journal/sharing/new/", {"code": " rivr-2345 "})

    assert response.status_code == 200
    assert "Share your journal with Riverside Lung Clinic?" in response.content.decode()


def test_it_ticks_nothing_on_the_consent_screen_and_says_what_each_part_shows(alice, clinic_a):
    html = password_only(alice).get("/journal/sharing/new/", {"code": "RIVR2345"}).content.decode()

    boxes = re.findall(r'<input type="checkbox"[^>]*>', html)
    assert len(boxes) == 5
    assert not any("checked" in box for box in boxes)
    assert "the medicines you noted, their doses" in html
    assert "how much in the way each symptom was that week" in html
    assert "You can stop it at any time on this page with one tap" in html
    # The clinic's contact details are on the screen too.
    assert "+44 20 7946 0000" in html


def test_it_records_what_was_agreed_with_the_words_shown_and_the_time(alice, clinic_a):
    client = password_only(alice)
    shown = client.get("/journal/sharing/new/", {"code": "RIVR2345"}).content.decode()
    before = timezone.now()

    response = client.post("/journal/sharing/new/", _form(until="date", expires_on="2099-12-31"))

    assert response.status_code == 302
    consent = Consent.objects.get(patient=alice)
    assert consent.clinic == clinic_a
    assert consent.scopes == ["scans", "side_effects"]
    assert consent.expires_on == datetime.date(2099, 12, 31)
    assert consent.display_name == "Alice Example, born 1970-01-01"
    assert before <= consent.granted_at <= timezone.now()
    assert consent.revoked_at is None
    # Every sentence of the consent text on screen is in the record, and the choices too.
    for sentence in ("They see nothing you do not tick", "A copy they have already downloaded"):
        assert sentence in shown
        assert sentence in consent.wording
    assert "Scans, Side effects; until 2099-12-31" in consent.wording


def test_it_shares_nothing_when_no_part_is_ticked(alice, clinic_a):
    response = password_only(alice).post("/journal/sharing/new/", _form(scopes=None))

    assert response.status_code == 400
    assert "Choose at least one part of your journal to share." in response.content.decode()
    assert not Consent.objects.exists()


def test_it_refuses_an_end_date_in_the_past_with_a_clear_message(alice, clinic_a):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = password_only(alice).post(
        "/journal/sharing/new/", _form(until="date", expires_on=yesterday.isoformat())
    )

    assert response.status_code == 400
    assert "The end date is in the past." in response.content.decode()
    assert not Consent.objects.exists()


def test_it_asks_for_the_date_when_sharing_until_a_date(alice, clinic_a):
    response = password_only(alice).post("/journal/sharing/new/", _form(until="date"))

    assert response.status_code == 400
    assert "Choose the last day of sharing." in response.content.decode()
    assert not Consent.objects.exists()


def test_it_refuses_parts_of_the_journal_that_do_not_exist(alice, clinic_a):
    response = password_only(alice).post(
        "/journal/sharing/new/", _form(scopes=["scans", "passwords"])
    )

    assert response.status_code == 400
    assert not Consent.objects.exists()


@pytest.mark.parametrize("code", ["NOPE9999", "", "x" * 300, "<script>"])
def test_it_says_plainly_when_no_clinic_has_the_code_and_shares_nothing(alice, clinic_a, code):
    client = password_only(alice)

    shown = client.get("/journal/sharing/new/", {"code": code})
    posted = client.post("/journal/sharing/new/", _form(code=code))

    for response in (shown, posted):
        assert response.status_code == 404
        assert "No clinic has this code." in response.content.decode()
        assert "Riverside" not in response.content.decode()
    assert not Consent.objects.exists()


def test_it_replaces_an_earlier_share_with_the_same_clinic(alice, clinic_a, journals):
    first = share(alice, clinic_a, scopes=["courses"])

    password_only(alice).post("/journal/sharing/new/", _form(scopes=["questions"]))

    first.refresh_from_db()
    assert first.revoked_at is not None
    active = Consent.objects.get(patient=alice, revoked_at__isnull=True)
    assert active.scopes == ["questions"]


def test_it_stops_sharing_with_one_tap_and_the_clinic_sees_nothing_from_the_next_request(
    alice_share, alice, carol
):
    staff = signed_in(carol)
    page = f"/clinic/patients/{alice_share.public_id}/"
    assert staff.get(page).status_code == 200

    response = password_only(alice).post(f"/journal/sharing/{alice_share.public_id}/stop/")

    assert response.status_code == 302
    alice_share.refresh_from_db()
    assert alice_share.revoked_at is not None
    for url in (page, page + "journal.csv", page + "fhir.json", page + "print/"):
        assert staff.get(url).status_code == 404
    assert "Alice A." not in staff.get("/clinic/").content.decode()
    # Stopping twice is harmless.
    assert (
        password_only(alice).post(f"/journal/sharing/{alice_share.public_id}/stop/").status_code
        == 302
    )


def test_it_ends_a_share_after_its_last_day(alice, clinic_a, carol, journals, monkeypatch):
    today = timezone.localdate()
    consent = share(alice, clinic_a, expires_on=today)
    staff = signed_in(carol)
    page = f"/clinic/patients/{consent.public_id}/"
    assert staff.get(page).status_code == 200  # the last day is included

    monkeypatch.setattr(
        timezone, "localdate", lambda *args, **kwargs: today + datetime.timedelta(days=1)
    )

    assert staff.get(page).status_code == 404
    assert "Alice A." not in staff.get("/clinic/").content.decode()
    html = password_only(alice).get("/journal/sharing/").content.decode()
    assert "You do not share your journal with anyone." in html
    assert "Shares that have ended" in html


def test_it_shows_the_patient_who_has_looked_at_her_journal(alice_share, alice, carol, dave):
    signed_in(carol).get(f"/clinic/patients/{alice_share.public_id}/")
    signed_in(dave).get(f"/clinic/patients/{alice_share.public_id}/journal.csv")

    html = password_only(alice).get("/journal/sharing/").content.decode()

    assert "Who has looked at my journal" in html
    assert "Carol Staff (carol@riverside.example)" in html
    assert "Dave Staff (dave@riverside.example)" in html
    assert "Opened the shared journal" in html
    assert "Downloaded a spreadsheet (CSV)" in html
    assert AccessLog.objects.filter(patient=alice).count() == 2


def test_it_pages_the_looks_so_that_the_earliest_stays_within_reach(alice_share, alice, carol):
    many_looks(alice_share, carol, 51)
    client = password_only(alice)

    newest = client.get("/journal/sharing/").content.decode()
    older_link = re.search(r'href="(\?looks=2)#log-h">Older looks<', newest).group(1)
    oldest = client.get(f"/journal/sharing/{older_link}").content.decode()

    assert "Looks 1 to 50 of 51, newest first." in newest
    assert "Look number 51<" in newest and "Look number 1<" not in newest
    assert "Looks 51 to 51 of 51, newest first." in oldest
    assert "Look number 1<" in oldest and "Newer looks" in oldest
    assert "Older looks" not in oldest


@pytest.mark.parametrize("looks", ["abc", "0", "99", "9" * 500])
def test_it_shows_a_page_of_looks_whatever_page_is_asked_for(alice_share, alice, carol, looks):
    many_looks(alice_share, carol, 51)

    response = password_only(alice).get("/journal/sharing/", {"looks": looks})

    assert response.status_code == 200
    assert "Look number" in response.content.decode()


def test_it_never_shows_one_patient_who_looked_at_another(alice_share, bob_share, bob, erin, carol):
    signed_in(carol).get(f"/clinic/patients/{alice_share.public_id}/")

    html = password_only(bob).get("/journal/sharing/").content.decode()

    assert "carol@riverside.example" not in html
    assert "Nobody has looked at your journal." in html


def test_it_offers_the_clinic_that_referred_the_patient(alice, clinic_a):
    client = password_only(alice)
    client.get(f"/r/{clinic_a.referral_code}/")

    html = client.get("/journal/sharing/").content.decode()

    assert "You came to the app through the link of Riverside Lung Clinic." in html
    assert "/journal/sharing/new/?code=RIVR2345" in html


def test_it_ignores_a_forged_referral_cookie(alice, clinic_a):
    client = password_only(alice)
    client.cookies["ros1_referral"] = clinic_a.referral_code  # unsigned

    html = client.get("/journal/sharing/").content.decode()

    assert "Riverside" not in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"display_name": "Alice\x00"},
        {"display_name": "x" * 101},
        {"display_name": "   "},
        {"code": "RIVR\x002345"},
        {"expires_on": "2026-02-30", "until": "date"},
        {"until": "forever"},
    ],
)
def test_it_answers_odd_consent_input_with_the_form_and_stores_nothing(alice, clinic_a, overrides):
    response = password_only(alice).post("/journal/sharing/new/", _form(**overrides))

    assert response.status_code in (400, 404)
    assert not Consent.objects.exists()
