"""Sources and dated facts in the reviewers' admin: saving seeded content, restoring
versions, and refusing bad links, found as a new reviewer meets them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from education.models import Drug, RegulatoryFact, Section, Source, Status
from tests.education.admin_support import (
    admin_url,
    client_for,
    drug_form,
    roles,  # noqa: F401
    section_form,
)
from tests.factories import DrugFactory, SectionFactory, published

pytestmark = pytest.mark.usefixtures("roles")

SANITIZED = "Some markup was removed"


@pytest.fixture
def seeded(db):
    call_command("seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _first_seeded_section() -> Section:
    return Section.objects.filter(seeded=True).order_by("pk").first()


def test_a_reviewer_can_save_a_line_added_to_any_seeded_section(seeded, rita):
    client = client_for(rita)
    for section in Section.objects.filter(seeded=True).prefetch_related("sources"):
        data = section_form(section, body=section.body.replace("\n", "\r\n") + "\r\n\r\nA line.")

        response = client.post(admin_url(section), data)

        assert response.status_code == 302, f"{section.slug} could not be saved"
        section.refresh_from_db()
        assert section.body.endswith("A line.")
        assert section.status == Status.DRAFT


def test_every_seeded_section_and_drug_cites_a_findable_source(seeded):
    for item in [*Section.objects.all(), *Drug.objects.all()]:
        sources = list(item.sources.all())
        assert sources, f"{item} cites no source"
        for source in sources:
            findable = source.url or source.doi or source.pmid
            assert findable or (source.publisher and source.published_on), source.title
            assert source.checked_on is not None, source.title


def test_plain_markdown_sent_with_crlf_line_endings_is_not_called_sanitised(rita):
    section = published(SectionFactory(body="First line."))

    response = client_for(rita).post(
        admin_url(section),
        section_form(section, body="First line.\r\n\r\n- one\r\n- **two**\r\n\r\n> a quote"),
        follow=True,
    )

    assert SANITIZED not in response.content.decode()
    section.refresh_from_db()
    assert "\r" not in section.body


def test_markup_that_could_run_code_is_still_reported(rita):
    section = published(SectionFactory(body="First line."))

    response = client_for(rita).post(
        admin_url(section),
        section_form(section, body="Hi\r\n\r\n<script>alert(1)</script>"),
        follow=True,
    )

    assert SANITIZED in response.content.decode()


def test_a_refused_save_does_not_claim_unsaved_changes_are_waiting(rita):
    section = published(SectionFactory(body="Published words."))

    response = client_for(rita).post(
        admin_url(section),
        section_form(section, body="New words.", sources=[{"title": "No link", "url": "x y"}]),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid URL." in page
    assert "changes that patients do not see yet" not in page
    assert "Patients see this version." in page
    section.refresh_from_db()
    assert section.body == "Published words."


def test_a_named_dated_publication_without_a_link_is_a_valid_source(rita):
    section = published(SectionFactory())

    response = client_for(rita).post(
        admin_url(section),
        section_form(
            section,
            sources=[
                {
                    "title": "Patient leaflet",
                    "publisher": "A hospital",
                    "published_on": "2024-03-01",
                    "checked_on": "2026-11-30",
                    "supports": "the dose",
                }
            ],
        ),  # fmt: skip
    )

    assert response.status_code == 302
    source = Source.objects.get(section=section)
    assert (source.publisher, source.published_on) == ("A hospital", date(2024, 3, 1))


def test_a_source_without_a_link_or_a_date_is_refused_and_the_other_edits_stay_on_the_form(rita):
    section = published(SectionFactory(body="Old."))

    response = client_for(rita).post(
        admin_url(section),
        section_form(
            section,
            body="My careful new paragraph.",
            sources=[{"title": "Somewhere", "publisher": "Someone"}],
        ),  # fmt: skip
    )

    page = response.content.decode()
    assert "its publisher and the date it was published" in page
    assert "My careful new paragraph." in page
    assert 'value="Somewhere"' in page


def test_a_drug_carries_its_own_sources_and_dated_regulatory_facts(rita, client):
    drug = published(DrugFactory(generic_name="taletrectinib", slug="taletrectinib"))
    client_for(rita).post(
        admin_url(drug),
        drug_form(
            drug,
            sources=[
                {
                    "title": "FDA approves taletrectinib",
                    "publisher": "FDA",
                    "url": "https://www.fda.gov/x",
                    "checked_on": "2026-12-01",
                    "supports": "the approval",
                }
            ],
            **{
                "regulatory_facts-TOTAL_FORMS": 1,
                "regulatory_facts-0-agency": "FDA",
                "regulatory_facts-0-description": "Approved for ROS1+ NSCLC.",
                "regulatory_facts-0-date": "2025-06-11",
                "regulatory_facts-0-date_precision": "day",
                "regulatory_facts-0-as_of": "2026-12-01",
                "regulatory_facts-0-source_title": "FDA notice",
                "regulatory_facts-0-source_url": "https://www.fda.gov/x",
            },
        ),  # fmt: skip
    )
    drug.refresh_from_db()
    assert drug.status == Status.DRAFT
    from education.services import content_publish

    content_publish(item=drug, publisher=_other_reviewer())

    html = client.get(drug.get_absolute_url()).content.decode()
    assert "Facts checked on Dec. 1, 2026" in html
    assert 'href="https://www.fda.gov/x"' in html
    assert "Supports: the approval." in html
    assert "as of Dec. 1, 2026" in html


def _other_reviewer():
    from tests.support import reviewer

    return reviewer("third@example.org", "Third", "Reviewer")


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,<b>x</b>"])
def test_a_regulatory_fact_refuses_a_link_that_could_run_code(rita, link):
    drug = published(DrugFactory())

    response = client_for(rita).post(
        admin_url(drug),
        drug_form(
            drug,
            **{
                "regulatory_facts-TOTAL_FORMS": 1,
                "regulatory_facts-0-agency": "FDA",
                "regulatory_facts-0-description": "Approved.",
                "regulatory_facts-0-date_precision": "month",
                "regulatory_facts-0-source_title": "Notice",
                "regulatory_facts-0-source_url": link,
            },
        ),  # fmt: skip
    )

    assert response.status_code == 200
    assert "links are refused" in response.content.decode()
    assert not RegulatoryFact.objects.exists()


def test_restoring_a_seeded_version_keeps_its_sources_through_publication(seeded, rita, sam):
    section = _first_seeded_section()
    seeded_sources = section.published["sources"]
    assert seeded_sources
    first_version = section.history.order_by("history_date", "history_id").first()
    rita_client = client_for(rita)
    # Rita fixes a source and edits the body; Sam publishes.
    data = section_form(section, body=section.body + "\n\nA new line.")
    data["sources-0-supports"] = "an edited note"
    assert rita_client.post(admin_url(section), data).status_code == 302
    client_for(sam).post(admin_url(section, "publish"))
    section.refresh_from_db()
    assert section.published["sources"][0]["supports"] == "an edited note"

    confirm = client_for(sam).get(admin_url(section, "simple_history", first_version.history_id))
    page = confirm.content.decode()
    assert "After restoring, this item’s status will be: Draft." in page
    assert "Published" not in page.split("What restoring would change")[1].split("</form>")[0]
    client_for(sam).post(admin_url(section, "simple_history", first_version.history_id))
    section.refresh_from_db()
    assert section.status == Status.DRAFT
    assert client_for(sam).post(admin_url(section, "publish")).status_code == 302
    section.refresh_from_db()
    assert section.status == Status.DRAFT, "Sam restored it, so Sam may not publish it"
    client_for(rita).post(admin_url(section, "publish"))

    section.refresh_from_db()
    assert section.status == Status.PUBLISHED
    assert section.published["sources"] == seeded_sources
    assert section.published["body"] == first_version.body


def test_restoring_a_drug_brings_back_its_sources_and_facts(seeded, rita, sam):
    drug = Drug.objects.filter(seeded=True, regulatory_facts__isnull=False).first()
    before = (drug.published["sources"], drug.published["regulatory_facts"])
    first_version = drug.history.order_by("history_date", "history_id").first()
    data = drug_form(drug, summary=drug.summary + " More.")
    data["regulatory_facts-0-DELETE"] = "on"
    data["sources-0-DELETE"] = "on"
    assert client_for(rita).post(admin_url(drug), data).status_code == 302
    client_for(sam).post(admin_url(drug, "publish"))
    drug.refresh_from_db()
    assert len(drug.published["regulatory_facts"]) == len(before[1]) - 1

    client_for(rita).post(admin_url(drug, "simple_history", first_version.history_id))
    drug.refresh_from_db()
    reviewer = _other_reviewer()
    from education.services import content_publish

    content_publish(item=drug, publisher=reviewer)
    drug.refresh_from_db()
    assert (drug.published["sources"], drug.published["regulatory_facts"]) == before


def test_every_first_version_of_a_seeded_section_records_its_sources(seeded):
    for section in Section.objects.filter(seeded=True):
        first = section.history.order_by("history_date", "history_id").first()
        assert first.children["sources"] == section.published["sources"], section.slug


def test_restoring_the_first_version_of_a_section_with_drugs_keeps_its_sources(seeded, rita, sam):
    section = Section.objects.filter(seeded=True, drugs__isnull=False).distinct().first()
    sources = section.published["sources"]
    first = section.history.order_by("history_date", "history_id").first()
    client_for(rita).post(admin_url(section), section_form(section, body="Rewritten."))
    client_for(sam).post(admin_url(section, "publish"))

    client_for(_other_reviewer()).post(admin_url(section, "simple_history", first.history_id))
    client_for(sam).post(admin_url(section, "publish"))

    section.refresh_from_db()
    assert section.published["body"] == first.body
    assert section.published["sources"] == sources


def test_a_version_recorded_before_versions_kept_sources_restores_its_published_ones(
    seeded, rita, sam
):
    section = Section.objects.filter(seeded=True).order_by("pk").first()
    sources = section.published["sources"]
    published_version = section.history.filter(
        history_change_reason="Approved and published"
    ).first()
    section.history.update(children=None)  # as recorded before this change
    data = section_form(section, body="Rewritten.")
    data["sources-0-DELETE"] = "on"
    client_for(rita).post(admin_url(section), data)
    client_for(sam).post(admin_url(section, "publish"))

    client_for(rita).post(admin_url(section, "simple_history", published_version.history_id))
    client_for(sam).post(admin_url(section, "publish"))

    section.refresh_from_db()
    assert section.published["sources"] == sources


def test_restoring_what_patients_see_says_it_will_be_published_and_is(rita, sam):
    section = published(SectionFactory(body="What patients read."))
    shown = section.history.order_by("-history_date").first()
    client_for(rita).post(admin_url(section), section_form(section, body="A draft."))

    page = client_for(sam).get(admin_url(section, "simple_history", shown.history_id))
    assert "status will be: Published." in page.content.decode()
    client_for(sam).post(admin_url(section, "simple_history", shown.history_id))

    section.refresh_from_db()
    assert section.status == Status.PUBLISHED
    assert section.body == "What patients read."
