"""The reviewers' "Needs checking" list and the live reading grade."""

from __future__ import annotations

from datetime import date

import pytest

from education.admin_views import items_needing_checks
from education.models import Drug, Source
from tests.education.admin_support import client_for, roles  # noqa: F401
from tests.factories import DrugFactory, SectionFactory, published

pytestmark = pytest.mark.usefixtures("roles")

TODAY = date(2026, 12, 2)
NEEDS_CHECKING = "/admin/education/medicalreview/needs-checking/"
GRADE = "/admin/education/medicalreview/reading-grade/"


def _cite(item, *, published_on=None, checked_on=None, **parent):
    return Source.objects.create(
        title="A source", url="https://example.org", published_on=published_on,
        checked_on=checked_on, **parent,
    )  # fmt: skip


def _names(found) -> list[str]:
    return [str(c.item) for c in found]


def test_it_lists_old_sources_drugs_in_trials_and_unreviewed_sections_oldest_first(db):
    stale = SectionFactory(title="Stale section")
    _cite(stale, section=stale, published_on=date(2022, 2, 19), checked_on=date(2023, 1, 5))
    fresh = SectionFactory(title="Fresh section")
    _cite(fresh, section=fresh, published_on=date(2026, 6, 1), checked_on=TODAY)
    older = DrugFactory(generic_name="olderinib", rating=Drug.Rating.PREFERRED_FIRST_LINE)
    _cite(older, drug=older, checked_on=date(2021, 3, 1))
    trial = DrugFactory(generic_name="trialinib", rating=Drug.Rating.IN_TRIALS)
    _cite(trial, drug=trial, checked_on=TODAY)
    current = DrugFactory(generic_name="currentinib", rating=Drug.Rating.LATER_LINE)
    _cite(current, drug=current, checked_on=TODAY)

    found = items_needing_checks(today=TODAY, months=12)

    names = _names(found)
    assert names.index("olderinib") < names.index("Stale section") < names.index("trialinib")
    assert "currentinib" not in names
    reasons = {str(c.item): c.reasons for c in found}
    assert any("2023-01-05" in r for r in reasons["Stale section"])
    assert any("clinical trials" in r for r in reasons["trialinib"])
    # Fresh, but never medically reviewed: still on the list, for that reason only.
    assert reasons["Fresh section"] == ["Never medically reviewed"]


def test_it_follows_the_setting(db):
    drug = DrugFactory(generic_name="agedinib", rating=Drug.Rating.LATER_LINE)
    _cite(drug, drug=drug, checked_on=date(2026, 3, 1))

    assert "agedinib" in _names(items_needing_checks(today=TODAY, months=6))
    assert "agedinib" not in _names(items_needing_checks(today=TODAY, months=12))


def test_it_lists_an_item_that_cites_nothing(db):
    DrugFactory(generic_name="unsourced", rating=Drug.Rating.LATER_LINE)

    reasons = {str(c.item): c.reasons for c in items_needing_checks(today=TODAY)}

    assert "Cites no source" in reasons["unsourced"]


def test_reviewers_reach_the_list_from_the_admin_home(rita):
    drug = published(DrugFactory(generic_name="trialinib", rating=Drug.Rating.IN_TRIALS))
    client = client_for(rita)

    home = client.get("/admin/").content.decode()
    page = client.get(NEEDS_CHECKING).content.decode()

    assert NEEDS_CHECKING in home
    assert "trialinib" in page and f"/admin/education/drug/{drug.pk}/change/" in page


def test_the_reading_grade_follows_the_text(rita):
    client = client_for(rita)

    easy = client.post(GRADE, {"text": "The cat sat. The dog ran. We had fun."}).json()
    hard = client.post(
        GRADE,
        {"text": "Pharmacokinetic characterisation of intracranial antineoplastic efficacy "
                 "necessitates multidisciplinary interpretation of heterogeneous evidence."},
    ).json()  # fmt: skip
    empty = client.post(GRADE, {"text": ""}).json()

    assert easy["grade"] < 8 < hard["grade"]
    assert "within the site's target" in easy["text"]
    assert "above the site's target" in hard["text"]
    assert empty["grade"] is None


def test_the_reading_grade_is_for_signed_in_staff_only(client, alice):
    assert client.post(GRADE, {"text": "Hello there, friend."}).status_code == 302
    client.force_login(alice)
    assert client.post(GRADE, {"text": "Hello there, friend."}).status_code == 302


def test_the_reading_grade_is_never_below_zero_and_long_pastes_stay_quick(rita):
    client = client_for(rita)

    tiny = client.post(GRADE, {"text": "Go. Do. Be. So. Up."}).json()
    huge = client.post(GRADE, {"text": "[" * 100_000 + "Some words here."}).json()

    assert tiny["grade"] == 0
    assert "grade" in huge
