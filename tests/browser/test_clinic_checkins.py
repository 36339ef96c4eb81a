"""The clinic's table of a patient's last 12 weeks of check-ins reads on a 320 px phone."""

from __future__ import annotations

import datetime

import pytest

from tests.browser.test_small_screens import _problems, phone  # noqa: F401 - the fixture
from tests.support import checkin, push_ok, share, token_client, upsert, verified_login

pytestmark = pytest.mark.browser


@pytest.fixture
def shared_checkins(live_url):
    from clinics.models import Clinic, ClinicMembership
    from tests.factories import SideEffectTermFactory, UserFactory, published

    published(
        SideEffectTermFactory(
            slug="fatigue", patient_term="Tiredness (fatigue)", takes_severity=True,
            takes_interference=True, checkin=True,
        )
    )  # fmt: skip
    clinic = Clinic.objects.create(name="Riverside Lung Clinic", share_code="RIVR2345")
    nurse = UserFactory(email="carol@riverside.example", first_name="Carol", last_name="Nurse")
    ClinicMembership.objects.create(user=nurse, clinic=clinic, is_clinic_admin=True)
    patient = UserFactory(email="alice@example.org", first_name="Alice")
    today = datetime.date.today()
    items = [
        {"term": "fatigue", "severity": 3, "interference": 2},
        {"term": "other", "term_other": "Pins and needles in both feet", "frequency": 4},
    ]
    api = token_client(patient)
    api.defaults["HTTP_HOST"] = "localhost"  # the live server's allowed host
    push_ok(
        api,
        [
            upsert(
                "checkins",
                checkin(
                    date=(today - datetime.timedelta(weeks=w)).isoformat(),
                    items=items,
                    notes="Walked to the shops twice; slept badly after the dose change.",
                ),
            )
            for w in range(12)
        ],
        schema=2,
    )
    consent = share(patient, clinic, scopes=["checkins"], name="Alice Example, born 1970-01-01")
    return nurse, consent


def test_the_clinics_checkin_table_reads_on_a_320px_phone(phone, live_url, shared_checkins):  # noqa: F811
    from django.test import Client

    nurse, consent = shared_checkins
    staff = verified_login(Client(HTTP_HOST="localhost"), nurse)
    cookies = [
        {"name": name, "value": morsel.value, "url": live_url}
        for name, morsel in staff.cookies.items()
    ]
    found = {}
    for name, page in phone.items():
        page.context.add_cookies(cookies)
        page.goto(f"/clinic/patients/{consent.public_id}/")
        table = page.locator("table.checkins-table")
        assert table.locator("tbody tr").count() == 12
        assert "Tiredness (fatigue)" in table.inner_text()
        problems = _problems(page)
        if problems:
            found[name] = problems
    assert found == {}
