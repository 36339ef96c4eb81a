"""Search forgives misspelt medicine names, and finds the 2025-2026 names."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


@pytest.fixture
def seeded(db):
    call_command("seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _medicines(client, q) -> tuple[list[str], str]:
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    medicines = (
        html.split('id="r-medicines"')[1].split("</section>")[0]
        if ('id="r-medicines"' in html)
        else ""
    )
    return re.findall(r'href="/medicines/([a-z0-9-]+)/"', medicines), html


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("lorlatinb", "lorlatinib"),
        ("crizotnib", "crizotinib"),
        ("repotrectnib", "repotrectinib"),
        ("entrectinab", "entrectinib"),
        ("LORLATINB", "lorlatinib"),
    ],
)
def test_it_finds_the_medicine_a_misspelt_name_means_and_says_so(client, seeded, typed, slug):
    found, html = _medicines(client, typed)

    assert found and found[0] == slug
    assert "Showing results for" in html
    assert typed in html  # what they typed, shown back to them


@pytest.mark.parametrize(
    ("typed", "slug"),
    [("Ibtrozi", "taletrectinib"), ("zidesamtinib", "nvl-520"), ("Ensacove", "ensartinib"),
     ("NVL-520", "nvl-520")],
)  # fmt: skip
def test_it_finds_new_brand_and_generic_names(client, seeded, typed, slug):
    found, html = _medicines(client, typed)

    assert slug in found
    assert "Showing results for" not in html


def test_a_correct_word_is_never_corrected(client, seeded):
    _found, html = _medicines(client, "crizotinib")

    assert "Showing results for" not in html


def test_nonsense_is_not_turned_into_a_medicine(client, seeded):
    found, html = _medicines(client, "qqqqzzzz")

    assert found == []
    assert "0 results" in html


@pytest.mark.parametrize("typed", ["eotrectinib", "eptrectinib"])
def test_one_letter_off_finds_that_medicine_not_a_longer_one(client, seeded, typed):
    found, _html = _medicines(client, typed)

    assert found and found[0] == "entrectinib"


def test_a_real_word_in_the_content_is_never_rewritten(client, seeded):
    _found, html = _medicines(client, "crizotinib confusion")

    assert "Showing results for" not in html


def test_when_two_names_are_as_near_it_asks_which(client, db):
    from tests.factories import DrugFactory, published

    published(DrugFactory(slug="abcatinib", generic_name="abcatinib", brand_names=""))
    published(DrugFactory(slug="abdatinib", generic_name="abdatinib", brand_names=""))

    found, html = _medicines(client, "abxatinib")

    assert found == []
    assert "Did you mean" in html
    assert 'href="?q=abcatinib"' in html and 'href="?q=abdatinib"' in html


def test_a_corrected_search_costs_a_bounded_number_of_queries(
    client, seeded, django_assert_max_num_queries
):
    client.get(SEARCH, {"q": "lorlatinb"})  # fills the vocabulary for this version
    with django_assert_max_num_queries(12):
        client.get(SEARCH, {"q": "crizotnib"})
