"""The reviewers' admin as Rita and Sam use it: drafts, two-person publishing, review, revert."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from education.models import MedicalReview, Status, Topic
from education.selectors import catalog_version
from tests.education.admin_support import (
    admin_url,
    client_for,
    marked,
    roles,  # noqa: F401
    section_form,
    topic_form,
)
from tests.factories import SectionFactory, TopicFactory, published

pytestmark = pytest.mark.usefixtures("roles")


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_it_keeps_an_edit_as_a_draft_while_patients_see_the_published_text(rita):
    topic = published(TopicFactory(title="Blood clots", summary="Old words."))

    response = client_for(rita).post(
        admin_url(topic), topic_form(topic, summary="New words."), follow=True
    )

    assert response.status_code == 200
    topic.refresh_from_db()
    assert topic.summary == "New words."
    assert topic.published["summary"] == "Old words."
    assert topic.status == Status.DRAFT
    assert topic.last_edited_by == rita
    assert any("Patients still see the published version" in m for m in _messages(response))


def test_it_refuses_to_let_the_editor_publish_and_lets_a_second_reviewer(rita, sam):
    topic = published(TopicFactory(summary="Old words."))
    rita_client = client_for(rita)
    rita_client.post(admin_url(topic), topic_form(topic, summary="Rita's words."))

    page = rita_client.get(admin_url(topic, "publish"))
    assert (
        "another reviewer who has not edited it must approve and publish it"
        in page.content.decode()
    )
    response = rita_client.post(admin_url(topic, "publish"), follow=True)

    topic.refresh_from_db()
    assert topic.published["summary"] == "Old words."
    assert any(
        "another reviewer who has not edited it must approve and publish it" in m
        for m in _messages(response)
    )

    response = client_for(sam).post(admin_url(topic, "publish"), follow=True)

    topic.refresh_from_db()
    assert topic.published["summary"] == "Rita's words."
    assert topic.published_by == sam
    assert topic.status == Status.PUBLISHED
    assert any("Patients now see this version" in m for m in _messages(response))


def test_it_shows_the_changes_a_publisher_is_approving(rita, sam):
    topic = published(TopicFactory(summary="Take it with food."))
    client_for(rita).post(admin_url(topic), topic_form(topic, summary="Take it without food."))

    page = client_for(sam).get(admin_url(topic, "publish")).content.decode()

    assert "with" in marked(page, "del")
    assert "without" in marked(page, "ins")
    assert "removed:" in page  # said out loud by screen readers


def test_it_refuses_a_bulk_publish_of_items_the_publisher_edited_last(rita, sam):
    mine = published(TopicFactory(summary="a"))
    theirs = published(TopicFactory(summary="b"))
    client_for(rita).post(admin_url(mine), topic_form(mine, summary="a2"))
    client_for(sam).post(admin_url(theirs), topic_form(theirs, summary="b2"))

    response = client_for(rita).post(
        "/admin/education/topic/",
        {"action": "publish_selected", "_selected_action": [mine.pk, theirs.pk]},
        follow=True,
    )

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.published["summary"] == "a"
    assert theirs.published["summary"] == "b2"
    text = " ".join(_messages(response))
    assert "Published 1 item(s)" in text
    assert "another reviewer who has not edited it must approve" in text


def test_it_moves_the_catalogue_version_on_when_a_second_reviewer_publishes(rita, sam):
    topic = published(TopicFactory())
    client_for(rita).post(admin_url(topic), topic_form(topic, title="A better title"))
    before = catalog_version()

    client_for(sam).post(admin_url(topic, "publish"))

    assert catalog_version() == before + 1


def test_it_leaves_the_catalogue_version_alone_when_publishing_is_refused(rita):
    topic = published(TopicFactory())
    client_for(rita).post(admin_url(topic), topic_form(topic, title="A better title"))
    before = catalog_version()

    client_for(rita).post(admin_url(topic, "publish"))

    assert catalog_version() == before


def test_it_records_who_reviewed_and_when_and_sets_the_next_review_a_year_on(sam):
    topic = published(TopicFactory())

    response = client_for(sam).post(
        admin_url(topic, "review"),
        {"next_review_due": (timezone.localdate() + timedelta(days=365)).isoformat(), "note": ""},
        follow=True,
    )

    topic.refresh_from_db()
    assert topic.reviewed_by == sam
    assert abs(topic.reviewed_at - timezone.now()) < timedelta(minutes=1)
    assert topic.next_review_due == timezone.localdate() + timedelta(days=365)
    review = MedicalReview.objects.get(object_id=topic.pk)
    assert review.reviewer == sam
    assert any("marked as medically reviewed" in m for m in _messages(response))


def test_it_offers_a_review_due_twelve_months_from_today_by_default(sam):
    topic = published(TopicFactory())

    page = client_for(sam).get(admin_url(topic, "review")).content.decode()

    expected = (timezone.localdate() + timedelta(days=365)).isoformat()
    assert f'value="{expected}"' in page


def test_it_lets_the_reviewer_choose_another_next_review_date(sam):
    topic = published(TopicFactory())
    six_months = timezone.localdate() + timedelta(days=182)

    client_for(sam).post(
        admin_url(topic, "review"), {"next_review_due": six_months.isoformat(), "note": "ESMO"}
    )

    topic.refresh_from_db()
    assert topic.next_review_due == six_months
    assert MedicalReview.objects.get(object_id=topic.pk).note == "ESMO"


@pytest.mark.parametrize("days", [0, -3])
def test_it_refuses_a_next_review_that_is_not_after_today(sam, days):
    topic = published(TopicFactory())

    response = client_for(sam).post(
        admin_url(topic, "review"),
        {"next_review_due": (timezone.localdate() + timedelta(days=days)).isoformat()},
    )

    assert response.status_code == 200
    assert "The next review must be due after today." in response.content.decode()
    topic.refresh_from_db()
    assert topic.reviewed_at is None
    assert not MedicalReview.objects.exists()


def test_it_refuses_to_mark_reviewed_while_changes_are_unpublished(rita, sam):
    topic = published(TopicFactory())
    client_for(rita).post(admin_url(topic), topic_form(topic, summary="Changed."))
    due = (timezone.localdate() + timedelta(days=365)).isoformat()

    response = client_for(sam).post(
        admin_url(topic, "review"), {"next_review_due": due}, follow=True
    )

    topic.refresh_from_db()
    assert topic.reviewed_at is None
    assert any("unpublished changes" in m for m in _messages(response))


def test_it_clears_the_review_stamp_when_changed_content_is_published(rita, sam):
    topic = published(TopicFactory())
    due = (timezone.localdate() + timedelta(days=365)).isoformat()
    client_for(sam).post(admin_url(topic, "review"), {"next_review_due": due})
    client_for(rita).post(admin_url(topic), topic_form(topic, summary="New evidence."))

    response = client_for(sam).post(admin_url(topic, "publish"), follow=True)

    topic.refresh_from_db()
    assert topic.reviewed_at is None
    assert topic.reviewed_by is None
    assert any("review stamp was cleared" in m for m in _messages(response))


def test_it_marks_reviewed_in_bulk_through_an_intermediate_form(sam):
    topics = [published(TopicFactory()) for _ in range(2)]
    ids = [t.pk for t in topics]
    client = client_for(sam)

    page = client.post(
        "/admin/education/topic/", {"action": "mark_selected_reviewed", "_selected_action": ids}
    )
    assert page.status_code == 200
    assert "Next review due" in page.content.decode()

    due = timezone.localdate() + timedelta(days=90)
    client.post(
        "/admin/education/topic/",
        {
            "action": "mark_selected_reviewed",
            "_selected_action": ids,
            "apply": "1",
            "next_review_due": due.isoformat(),
        },
    )

    assert MedicalReview.objects.count() == 2
    assert set(Topic.objects.values_list("next_review_due", flat=True)) == {due}


def test_it_withdraws_an_item_from_patients_and_keeps_the_text(sam):
    topic = published(TopicFactory(summary="Kept."))
    before = catalog_version()

    client_for(sam).post(admin_url(topic, "withdraw"))

    topic.refresh_from_db()
    assert topic.published is None
    assert topic.summary == "Kept."
    assert catalog_version() == before + 1


def test_it_marks_a_draft_as_in_review(rita):
    topic = published(TopicFactory())
    client = client_for(rita)
    client.post(admin_url(topic), topic_form(topic, summary="Ready."))

    client.post(admin_url(topic, "submit"))

    topic.refresh_from_db()
    assert topic.status == Status.IN_REVIEW


def test_it_does_not_make_a_reviewer_the_last_editor_when_they_save_without_changes(rita, sam):
    topic = published(TopicFactory())
    client_for(rita).post(admin_url(topic), topic_form(topic, summary="Rita's change."))
    topic.refresh_from_db()

    client_for(sam).post(admin_url(topic), topic_form(topic))

    topic.refresh_from_db()
    assert topic.last_edited_by == rita


def test_it_keeps_a_published_items_address_read_only(rita):
    topic = published(TopicFactory(slug="blood-clots"))

    client_for(rita).post(admin_url(topic), topic_form(topic, slug="renamed", title="New"))

    topic.refresh_from_db()
    assert topic.slug == "blood-clots"
    assert topic.title == "New"


def test_it_drafts_a_new_section_with_its_sources_in_one_history_entry(rita):
    topic = published(TopicFactory())
    client = client_for(rita)
    section = SectionFactory.build(topic=topic, slug="first-line", title="First line")
    data = section_form(
        section,
        sources=[
            {
                "title": "NCCN guideline",
                "url": "https://www.nccn.org/",
                "doi": "",
                "pmid": "",
                "checked_on": "2024-05-01",
            }
        ],  # fmt: skip
    )

    response = client.post("/admin/education/section/add/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    created = topic.sections.get()
    assert created.sources.get().title == "NCCN guideline"
    assert created.last_edited_by == rita
    assert created.published is None
    assert created.history.count() == 1


def test_it_links_to_the_patient_preview_of_the_page(rita):
    section = SectionFactory(slug="blood-clots")
    page = client_for(rita).get(admin_url(section)).content.decode()

    assert f"{section.topic.get_absolute_url()}?preview=1#blood-clots" in page
    assert "Preview as patients will see it" in page


def test_it_previews_a_draft_for_the_reviewer_while_patients_keep_the_published_text(rita, client):
    section = published(SectionFactory(body="Published words.", topic=published(TopicFactory())))
    reviewer = client_for(rita)
    reviewer.post(admin_url(section), section_form(section, body="Draft words."))
    page = reviewer.get(admin_url(section)).content.decode()
    url = f"{section.topic.get_absolute_url()}?preview=1"
    assert url in page

    preview = reviewer.get(url).content.decode()
    public = client.get(url).content.decode()

    assert "Draft words." in preview
    assert "Published words." in public
    assert "Draft words." not in public


def test_it_moves_the_catalogue_on_when_an_administrator_deletes_a_published_item():
    from tests.factories import SideEffectTermFactory, UserFactory

    root = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    term = published(SideEffectTermFactory())
    before = catalog_version()

    client_for(root).post(admin_url(term, "delete"), {"post": "yes"})

    assert catalog_version() == before + 1
