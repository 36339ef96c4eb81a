"""Bad input in the reviewers' admin gets a clear message, never a 500 or a silent save."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from education.models import Drug, RegulatoryFact, Section, Source, Topic
from tests.education.admin_support import (
    admin_url,
    client_for,
    roles,  # noqa: F401
    section_form,
    topic_form,
)
from tests.factories import DrugFactory, SectionFactory, TopicFactory

pytestmark = pytest.mark.usefixtures("roles")

TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()


def _errors(response) -> str:
    assert response.status_code == 200, "the form should be shown again with its errors"
    return response.content.decode()


def _source(**fields):
    base = {"title": "A study", "url": "", "doi": "", "pmid": "", "checked_on": ""}
    base.update(fields)
    return base


def test_it_refuses_a_duplicate_topic_address_with_a_plain_message(rita):
    TopicFactory(slug="blood-clots")

    response = client_for(rita).post(
        "/admin/education/topic/add/", {"title": "Clots", "slug": "blood-clots", "order": 0}
    )

    assert "Another item already uses this web address" in _errors(response)
    assert Topic.objects.count() == 1


def test_it_refuses_a_duplicate_section_anchor_within_a_topic(rita):
    existing = SectionFactory(slug="first-line")
    new = SectionFactory.build(topic=existing.topic, slug="first-line")

    response = client_for(rita).post("/admin/education/section/add/", section_form(new))

    assert "already has a section with this anchor" in _errors(response)
    assert Section.objects.count() == 1


def test_it_allows_the_same_anchor_in_another_topic(rita):
    SectionFactory(slug="first-line")
    new = SectionFactory.build(topic=TopicFactory(), slug="first-line")

    response = client_for(rita).post("/admin/education/section/add/", section_form(new))

    assert response.status_code == 302
    assert Section.objects.count() == 2


@pytest.mark.parametrize("slug", ["Blood Clots", "blood--clots", "clots!", "-clots"])
def test_it_refuses_addresses_that_are_not_lowercase_words_and_hyphens(rita, slug):
    response = client_for(rita).post(
        "/admin/education/topic/add/", {"title": "Clots", "slug": slug, "order": 0}
    )

    assert "lowercase letters, digits and single hyphens" in _errors(response)


def test_it_refuses_a_source_checked_in_the_future(rita):
    section = SectionFactory()

    response = client_for(rita).post(
        admin_url(section),
        section_form(section, sources=[_source(url="https://example.org/a", checked_on=TOMORROW)]),
    )

    assert "The date last checked cannot be in the future." in _errors(response)
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"url": "not a url"}, "Enter a valid URL."),
        ({"url": "javascript:alert(1)"}, "“javascript:” links are refused"),
        ({"url": "JavaScript:alert(1)"}, "“javascript:” links are refused"),
        ({"url": "data:text/html;base64,PHNjcmlwdD4="}, "“data:” links are refused"),
        ({"url": "http://[::1"}, "Enter a valid URL."),
        ({"pmid": "٣١٨٣٨٠٠٧"}, "A PMID is a number"),
        ({"pmid": "0"}, "A PMID is a number"),
        (
            {"url": "https://example.org", "published_on": "2099-01-01"},
            "The date published cannot be in the future.",
        ),
        ({"doi": "doi 10"}, "A DOI looks like 10.1000/xyz123."),
        ({"pmid": "31838007abc"}, "A PMID is a number"),
        ({"checked_on": "31/31/2024", "url": "https://example.org"}, "Enter a valid date."),
        ({}, "Give a URL, a DOI or a PMID"),
    ],
)
def test_it_refuses_a_malformed_source_with_a_clear_message(rita, fields, message):
    section = SectionFactory()

    response = client_for(rita).post(
        admin_url(section), section_form(section, sources=[_source(**fields)])
    )

    assert message in _errors(response)
    assert not Source.objects.exists()


def test_it_accepts_a_doi_pasted_as_a_link_and_a_pmid_with_its_prefix(rita):
    section = SectionFactory()

    response = client_for(rita).post(
        admin_url(section),
        section_form(
            section,
            sources=[_source(doi="https://doi.org/10.1056/NEJMoa1406766", pmid="PMID: 25264305")],
        ),
    )

    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.doi, source.pmid) == ("10.1056/NEJMoa1406766", "25264305")


def test_a_source_address_typed_without_a_scheme_is_saved_as_a_secure_link(rita):
    section = SectionFactory()

    response = client_for(rita).post(
        admin_url(section), section_form(section, sources=[_source(url="www.cancer.gov/ros1")])
    )

    assert response.status_code == 302
    assert Source.objects.get().url == "https://www.cancer.gov/ros1"


def test_it_refuses_a_regulatory_fact_dated_in_the_future(rita):
    drug = DrugFactory()
    data = {
        "generic_name": drug.generic_name,
        "slug": drug.slug,
        "brand_names": drug.brand_names,
        "other_names": "",
        "drug_class": drug.drug_class,
        "rating": drug.rating,
        "treats_brain": drug.treats_brain,
        "warning": "",
        "summary": "",
        "order": 0,
        "regulatory_facts-TOTAL_FORMS": 1,
        "regulatory_facts-INITIAL_FORMS": 0,
        "regulatory_facts-MIN_NUM_FORMS": 0,
        "regulatory_facts-MAX_NUM_FORMS": 1000,
        "regulatory_facts-0-agency": "FDA",
        "regulatory_facts-0-description": "Approved for ROS1+ NSCLC",
        "regulatory_facts-0-date": TOMORROW,
        "regulatory_facts-0-date_precision": "day",
    }

    response = client_for(rita).post(admin_url(drug), data)

    assert "This date is in the future." in _errors(response)
    assert not RegulatoryFact.objects.exists()


def test_it_refuses_a_drug_without_a_class_or_rating(rita):
    response = client_for(rita).post(
        "/admin/education/drug/add/",
        {
            "generic_name": "testinib",
            "slug": "testinib",
            "drug_class": "",
            "rating": "nonsense",
            "treats_brain": "unknown",
            "order": 0,
            "regulatory_facts-TOTAL_FORMS": 0,
            "regulatory_facts-INITIAL_FORMS": 0,
        },
    )

    page = _errors(response)
    assert "This field is required." in page
    assert "Select a valid choice." in page
    assert not Drug.objects.exists()


def test_it_answers_a_form_with_missing_fields_with_messages_not_a_500(rita):
    topic = TopicFactory()

    response = client_for(rita).post(admin_url(topic), {"order": "many"})

    page = _errors(response)
    assert "This field is required." in page
    assert "Enter a whole number." in page


def test_it_stores_edited_markdown_already_sanitized_and_says_so(rita):
    topic = TopicFactory()

    response = client_for(rita).post(
        admin_url(topic),
        topic_form(topic, summary='Hi <script>alert(1)</script><img src=x onerror="alert(2)">'),
        follow=True,
    )

    topic.refresh_from_db()
    assert "<script" not in topic.summary
    assert "onerror" not in topic.summary
    assert topic.summary.startswith("Hi")
    notes = " ".join(str(m) for m in response.context["messages"])
    assert "Some markup was removed from “Summary (Markdown)”" in notes


def test_it_stores_a_javascript_link_in_a_section_body_as_a_harmless_one(rita):
    section = SectionFactory()

    client_for(rita).post(
        admin_url(section),
        section_form(section, body="[Read more](javascript:alert(document.cookie)) today"),
    )

    section.refresh_from_db()
    assert section.body == "[Read more](#) today"


def test_it_does_not_warn_about_plain_text_with_angle_brackets(rita):
    topic = TopicFactory()

    response = client_for(rita).post(
        admin_url(topic), topic_form(topic, summary="PFS < 12 months & OS > 2 years"), follow=True
    )

    notes = " ".join(str(m) for m in response.context["messages"])
    assert "markup was removed" not in notes
