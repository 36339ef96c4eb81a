"""Search: any query gets a page; case, accents and brand names don't get in the way."""

from __future__ import annotations

import pytest

from education.models import Drug, Question
from education.services import content_record_edit
from tests.factories import (
    DrugFactory,
    QuestionFactory,
    SectionFactory,
    SideEffectTermFactory,
    TopicFactory,
    published,
)

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


@pytest.fixture
def entrectinib():
    return published(
        DrugFactory(
            slug="entrectinib",
            generic_name="entrectinib",
            brand_names="Rozlytrek",
            other_names="RXDX-101",
            rating=Drug.Rating.PREFERRED_FIRST_LINE,
        )
    )


def _search(client, q) -> str:
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("query", ["Rozlytrek", "ROZLYTREK", "rozlytrék", "  rozlytrek  "])
def test_it_finds_a_medicine_by_its_brand_name_in_any_case_or_accent(client, entrectinib, query):
    html = _search(client, query)
    assert 'href="/medicines/entrectinib/"' in html
    assert "1 result for" in html


def test_it_finds_a_medicine_by_its_research_code(client, entrectinib):
    assert 'href="/medicines/entrectinib/"' in _search(client, "rxdx-101")


def test_it_finds_accented_content_with_a_plain_query(client):
    topic = published(TopicFactory(slug="t", title="Topic"))
    published(SectionFactory(topic=topic, slug="cafe", title="Café talk", body="Naïve words."))
    html = _search(client, "naive cafe")
    assert 'href="/learn/t/#cafe"' in html


def test_it_needs_every_word_to_match(client, entrectinib):
    html = _search(client, "rozlytrek aspirin")
    assert "/medicines/entrectinib/" not in html
    assert "0 results for" in html


def test_it_groups_results_and_shows_a_snippet_around_the_match(client, entrectinib):
    topic = published(TopicFactory(slug="tkis", title="TKIs"))
    published(
        SectionFactory(
            topic=topic,
            slug="choices",
            title="Choosing a TKI",
            body="Many people start with entrectinib, which also reaches the brain.",
        )
    )
    published(QuestionFactory(slug="why", text="Why entrectinib for me?"))
    html = _search(client, "Entrectinib")
    assert html.index("<h2") < html.index("/medicines/entrectinib/")
    assert '<h2 id="r-medicines">Medicines</h2>' in html
    assert '<h2 id="r-sections">Topics and sections</h2>' in html
    assert '<h2 id="r-questions">Questions to ask</h2>' in html
    assert "Many people start with <mark>entrectinib</mark>, which also" in html
    assert 'href="/questions/#why"' in html


def test_it_finds_side_effect_terms(client):
    published(SideEffectTermFactory(patient_term="Dizziness", ctcae_term="Dizziness"))
    html = _search(client, "dizziness")
    assert '<h2 id="r-side-effects">Side effects</h2>' in html
    assert "Dizziness" in html


def test_it_finds_only_published_text(client, entrectinib, rita):
    draft = DrugFactory(generic_name="secretinib", brand_names="Hushhush")
    assert "secretinib" not in _search(client, "hushhush")
    entrectinib.brand_names = "Rozlytrek, Newbrand"
    entrectinib.save()
    content_record_edit(item=entrectinib, editor=rita)
    assert "/medicines/entrectinib/" not in _search(client, "newbrand")
    assert draft.pk


def test_it_hides_sections_of_an_unpublished_topic(client):
    topic = TopicFactory(slug="hidden")
    published(SectionFactory(topic=topic, body="A zebra appears."))
    assert "/learn/hidden/" not in _search(client, "zebra")


def test_it_answers_an_empty_query_with_the_search_form(client):
    html = _search(client, "")
    assert 'name="q"' in html
    assert "results for" not in html
    assert client.get(SEARCH).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "x" * 3500,
        "a " * 2000,
        '"entrectinib',
        "' OR 1=1 --",
        "'; DROP TABLE education_drug; --",
        "%_%",
        "\\",
        "\x00rozlytrek\x00",
        "🙂 ☃ 𝔘",
        "ROZ\u0301LYTREK",
    ],
)
def test_it_answers_odd_queries_with_a_page(client, entrectinib, query):
    html = _search(client, query)
    assert "<h1>Search</h1>" in html


def test_it_cuts_an_overlong_query_to_a_sane_length(client):
    html = _search(client, "y" * 3000)
    assert "y" * 200 in html
    assert "y" * 201 not in html


def test_it_escapes_markup_in_the_query(client):
    html = _search(client, "<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_copes_with_bytes_that_are_not_utf8(client, entrectinib):
    response = client.get(SEARCH + "?q=%FF%FE%C3rozlytrek%00")
    assert response.status_code == 200


def test_it_treats_like_wildcards_as_plain_characters(client, entrectinib):
    assert "/medicines/entrectinib/" not in _search(client, "%")
    assert "/medicines/entrectinib/" not in _search(client, "_")


def test_it_lists_questions_with_their_group(client):
    published(
        QuestionFactory(
            slug="trial", text="Is there a trial for me?", group=Question.Group.AFTER_PROGRESSION
        )
    )
    html = _search(client, "trial")
    assert "When your cancer has grown again" in html
