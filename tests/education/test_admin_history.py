"""History with readable diffs, and restoring an earlier version as a new draft."""

from __future__ import annotations

import pytest

from education.models import Status
from tests.education.admin_support import (
    admin_url,
    client_for,
    marked,
    roles,  # noqa: F401
    section_form,
    topic_form,
)
from tests.factories import DrugFactory, SectionFactory, TopicFactory, published

pytestmark = pytest.mark.usefixtures("roles")


def _version_with(item, text: str, field: str = "summary"):
    return next(r for r in item.history.order_by("history_date") if text in getattr(r, field))


def test_it_shows_what_changed_word_by_word_and_who_changed_it(rita):
    topic = published(TopicFactory(summary="Crizotinib was approved in 2016."))
    client = client_for(rita)
    client.post(
        admin_url(topic), topic_form(topic, summary="Crizotinib was approved in March 2016.")
    )

    page = client.get(admin_url(topic, "history")).content.decode()

    assert "March" in marked(page, "ins")
    assert "Rita Reviewer" in page
    assert "Edited" in page


def test_it_escapes_markup_in_the_diff(rita):
    topic = published(TopicFactory(summary="Plain words here."))
    client = client_for(rita)
    client.post(admin_url(topic), topic_form(topic, summary="Plain words & <b>bold</b> here."))

    page = client.get(admin_url(topic, "history")).content.decode()

    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_it_restores_an_old_version_as_a_draft_that_a_second_reviewer_publishes(rita, sam):
    topic = published(TopicFactory(summary="The original, reviewed words."))
    rita_client = client_for(rita)
    rita_client.post(admin_url(topic), topic_form(topic, summary="A bad edit."))
    client_for(sam).post(admin_url(topic, "publish"))
    topic.refresh_from_db()
    assert topic.published["summary"] == "A bad edit."
    original = _version_with(topic, "original")

    confirm = rita_client.get(admin_url(topic, "simple_history", original.history_id))
    assert confirm.status_code == 200
    assert "Restore this version as a draft" in confirm.content.decode()
    response = rita_client.post(
        admin_url(topic, "simple_history", original.history_id), follow=True
    )

    topic.refresh_from_db()
    assert topic.summary == "The original, reviewed words."
    assert topic.published["summary"] == "A bad edit."  # patients: unchanged until approved
    assert topic.status == Status.DRAFT
    assert topic.last_edited_by == rita
    assert "restored as a draft" in " ".join(str(m) for m in response.context["messages"])

    rita_client.post(admin_url(topic, "publish"))
    topic.refresh_from_db()
    assert topic.published["summary"] == "A bad edit."  # Rita restored it: not hers to publish

    client_for(sam).post(admin_url(topic, "publish"))
    topic.refresh_from_db()
    assert topic.published["summary"] == "The original, reviewed words."


def test_it_does_not_let_simple_historys_own_form_save_over_the_working_copy(rita):
    topic = published(TopicFactory(summary="Original."))
    client = client_for(rita)
    client.post(admin_url(topic), topic_form(topic, summary="Second."))
    first = _version_with(topic, "Original")

    # simple-history's form would take a full change form here and save it.
    client.post(
        admin_url(topic, "simple_history", first.history_id),
        topic_form(topic, summary="Sneaked in", title="Sneaky"),
    )

    topic.refresh_from_db()
    assert topic.summary == "Original."  # our revert ran; the posted fields were ignored
    assert topic.title != "Sneaky"
    assert topic.published["summary"] == "Original."


def test_it_restores_a_sections_removed_source_and_drugs(rita, sam):
    drug = published(DrugFactory())
    section = SectionFactory(body="Words.")
    section.drugs.add(drug)
    client = client_for(rita)
    client.post(
        admin_url(section),
        section_form(
            section,
            sources=[
                {
                    "title": "Trial report",
                    "pmid": "31838007",
                    "url": "",
                    "doi": "",
                    "checked_on": "",
                }
            ],
        ),  # fmt: skip
    )
    with_source = section.history.order_by("-history_date").first()
    data = section_form(section, drugs=[])
    data["sources-0-DELETE"] = "on"
    client.post(admin_url(section), data)
    assert not section.sources.exists()
    assert not section.drugs.exists()

    client_for(sam).post(admin_url(section, "simple_history", with_source.history_id))

    section.refresh_from_db()
    assert list(section.sources.values_list("title", flat=True)) == ["Trial report"]
    assert list(section.drugs.all()) == [drug]
    assert section.last_edited_by == sam


def test_it_shows_source_changes_in_a_sections_history(rita):
    section = SectionFactory()
    client = client_for(rita)
    client.post(
        admin_url(section),
        section_form(
            section,
            sources=[
                {
                    "title": "Trial report",
                    "pmid": "31838007",
                    "url": "",
                    "doi": "",
                    "checked_on": "",
                }
            ],
        ),  # fmt: skip
    )

    page = client.get(admin_url(section, "history")).content.decode()

    assert "Sources" in page
    assert "Trial report" in page


def test_it_answers_404_for_a_version_of_another_item(rita):
    mine = TopicFactory()
    other = TopicFactory()
    client_for(rita).post(admin_url(other), topic_form(other, summary="x y"))
    foreign = other.history.first()

    response = client_for(rita).get(admin_url(mine, "simple_history", foreign.history_id))

    assert response.status_code == 404
