"""Check-ins in the clinic's view: a new part of the consent scope (issue 14)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from clinics.services import consent_revoke
from tests.support import ALL_SCOPES, checkin, push_ok, share, signed_in, token_client, upsert

PAGES = {"view": "", "print": "print/", "csv": "journal.csv", "fhir": "fhir.json"}
MARKER = "ALICE-CHECKIN-NOTE"
OLD_MARKER = "ALICE-OLD-CHECKIN-NOTE"


def _weeks_ago(weeks: int, days: int = 0) -> str:
    return (timezone.localdate() - datetime.timedelta(weeks=weeks, days=days)).isoformat()


@pytest.fixture
def checkins(alice, journals):
    """Alice's check-ins: this week's, one 11 weeks ago, and one 13 weeks ago."""
    push_ok(
        token_client(alice),
        [
            upsert("checkins", checkin(date=_weeks_ago(0), notes=MARKER)),
            upsert("checkins", checkin(date=_weeks_ago(11), wellbeing=3, items=[])),
            upsert("checkins", checkin(date=_weeks_ago(13), notes=OLD_MARKER)),
        ],
        schema=2,
    )


@pytest.fixture
def with_checkins(alice, clinic_a, checkins):
    return share(alice, clinic_a, scopes=[*ALL_SCOPES, "checkins"], name="Alice A.")


@pytest.fixture
def without_checkins(alice, clinic_a, checkins):
    return share(alice, clinic_a, scopes=ALL_SCOPES, name="Alice A.")


def _page(staff, consent, page=""):
    return signed_in(staff).get(f"/clinic/patients/{consent.public_id}/{page}")


def test_it_shows_the_last_12_weeks_of_checkins_as_a_table_when_shared(with_checkins, carol):
    html = _page(carol, with_checkins).content.decode()
    table = re.search(r'<table class="stack-table checkins-table">.*?</table>', html, re.S)
    assert table is not None
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>', table.group(0))
    assert rows == [_weeks_ago(0), _weeks_ago(11)]  # newest first; 13 weeks ago left out
    assert MARKER in table.group(0)
    assert OLD_MARKER not in html
    assert "<strong>Tiredness</strong>: how bad 2/4 (Moderate), in the way 1/4 (A little bit)" in (
        table.group(0)
    )
    assert "<strong>Hiccups</strong>: how often 3/4 (Frequently)" in table.group(0)
    assert "3/10" in table.group(0)
    # Every cell names its column, so that the rows stack into cards at 320 px.
    assert 'data-label="Symptoms"' in table.group(0)


def test_the_printout_shows_the_same_table(with_checkins, carol):
    html = _page(carol, with_checkins, "print/").content.decode()
    assert "checkins-table" in html and MARKER in html


def test_the_downloads_carry_every_shared_checkin(with_checkins, carol):
    csv_text = _page(carol, with_checkins, "journal.csv").content.decode()
    assert MARKER in csv_text and OLD_MARKER in csv_text
    bundle = _page(carol, with_checkins, "fhir.json").json()
    Bundle.model_validate(bundle)
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("QuestionnaireResponse") == 3


@pytest.mark.parametrize("page", PAGES.values())
def test_it_never_shows_checkins_that_are_not_shared(without_checkins, carol, page):
    text = _page(carol, without_checkins, page).content.decode()
    assert MARKER not in text and OLD_MARKER not in text
    assert "checkins-table" not in text
    assert "QuestionnaireResponse" not in text
    assert "item_term" not in text


@pytest.mark.parametrize("page", PAGES.values())
def test_another_clinics_staff_get_404_for_a_share_with_checkins(with_checkins, erin, page):
    response = _page(erin, with_checkins, page)
    assert response.status_code == 404
    assert MARKER not in response.content.decode()


@pytest.mark.parametrize("page", PAGES.values())
def test_nothing_is_shown_once_the_patient_stops_sharing(alice, with_checkins, carol, page):
    consent_revoke(patient=alice, consent=with_checkins)
    response = _page(carol, with_checkins, page)
    assert response.status_code == 404
    assert MARKER not in response.content.decode()


def test_the_patient_can_share_only_checkins(alice, clinic_a, checkins, carol):
    consent = share(alice, clinic_a, scopes=["checkins"], name="Alice A.")
    html = _page(carol, consent).content.decode()
    assert MARKER in html
    assert "ALICE-SCAN-NOTE" not in html
