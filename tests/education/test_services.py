"""The rules of content writes: drafts, two-person publishing, review stamps, revert."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from education import services
from education.models import MedicalReview, RegulatoryFact, Status
from education.selectors import catalog_payload, catalog_version
from tests.factories import (
    DrugFactory,
    SectionFactory,
    SideEffectTermFactory,
    TopicFactory,
    UserFactory,
    published,
)


def _edit(item, editor, **fields):
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    services.content_record_edit(item=item, editor=editor)
    item.refresh_from_db()
    return item


def test_it_makes_an_edited_published_item_a_draft_and_back_when_undone(rita):
    topic = published(TopicFactory(summary="Original."))

    _edit(topic, rita, summary="Changed.")
    assert topic.status == Status.DRAFT
    assert topic.has_unpublished_changes

    _edit(topic, rita, summary="Original.")
    assert topic.status == Status.PUBLISHED
    assert not topic.has_unpublished_changes


def test_it_refuses_publishing_by_the_last_editor(rita):
    topic = _edit(published(TopicFactory()), rita, summary="Mine.")

    with pytest.raises(PermissionDenied, match="another reviewer"):
        services.content_publish(item=topic, publisher=rita)

    topic.refresh_from_db()
    assert topic.published["summary"] != "Mine."


def test_it_refuses_publishing_by_any_editor_of_the_draft_not_only_the_last(rita, sam):
    from tests.support import reviewer

    topic = _edit(published(TopicFactory()), rita, summary="Rita's words.")
    topic = _edit(topic, sam, summary="Rita's words, and a comma from Sam.")

    for editor in (rita, sam):
        with pytest.raises(PermissionDenied, match="another reviewer who has not edited it"):
            services.content_publish(item=topic, publisher=editor)
    services.content_publish(item=topic, publisher=reviewer("tom@example.org", "Tom", "Third"))

    topic.refresh_from_db()
    assert topic.published["summary"] == "Rita's words, and a comma from Sam."


def test_it_does_not_let_the_writer_publish_words_a_colleague_restored(rita, sam):
    topic = _edit(published(TopicFactory()), rita, summary="Rita's unchecked claim.")
    claim = topic.history.filter(summary="Rita's unchecked claim.").latest("history_date")
    topic = _edit(topic, rita, summary="Rita's harmless words.")
    services.content_publish(item=topic, publisher=sam)
    topic.refresh_from_db()
    services.content_revert(item=topic, history_id=claim.history_id, editor=sam)
    topic.refresh_from_db()

    for writer in (rita, sam):
        with pytest.raises(PermissionDenied, match="another reviewer who has not edited it"):
            services.content_publish(item=topic, publisher=writer)

    topic.refresh_from_db()
    assert topic.published["summary"] == "Rita's harmless words."


def test_it_lets_an_editor_of_an_earlier_version_approve_the_next_one(rita, sam):
    topic = _edit(published(TopicFactory()), rita, summary="Rita's words.")
    services.content_publish(item=topic, publisher=sam)
    topic = _edit(topic, sam, summary="Sam's words.")

    services.content_publish(item=topic, publisher=rita)

    topic.refresh_from_db()
    assert topic.published["summary"] == "Sam's words."
    assert topic.draft_editor_ids == []


def test_it_refuses_publishing_by_someone_who_is_not_a_reviewer(rita, alice):
    topic = _edit(published(TopicFactory()), rita, summary="Mine.")

    with pytest.raises(PermissionDenied, match="Only medical reviewers"):
        services.content_publish(item=topic, publisher=alice)


def test_it_publishes_a_second_reviewers_approval_and_bumps_the_catalogue(rita, sam):
    term = _edit(published(SideEffectTermFactory()), rita, patient_term="Tingling fingers")
    before = catalog_version()

    services.content_publish(item=term, publisher=sam)

    assert catalog_version() == before + 1
    terms = catalog_payload()["side_effect_terms"]
    assert [t["patient_term"] for t in terms] == ["Tingling fingers"]


def test_it_does_not_bump_the_catalogue_when_nothing_changed(sam):
    topic = published(TopicFactory())
    before = catalog_version()

    services.content_publish(item=topic, publisher=sam)

    assert catalog_version() == before


def test_it_snapshots_a_drugs_regulatory_facts_on_publish(rita, sam):
    drug = published(DrugFactory())
    RegulatoryFact.objects.create(
        drug=drug, agency="FDA", description="Approved", date=timezone.localdate()
    )
    services.content_record_edit(item=drug, editor=rita)

    services.content_publish(item=drug, publisher=sam)

    drug.refresh_from_db()
    assert drug.published["regulatory_facts"][0]["agency"] == "FDA"


def test_it_stamps_a_review_with_who_and_now_and_a_year_ahead(sam):
    topic = published(TopicFactory())

    review = services.content_mark_reviewed(item=topic, reviewer=sam)

    assert topic.reviewed_by == sam
    assert abs(topic.reviewed_at - timezone.now()) < timedelta(seconds=5)
    assert topic.next_review_due == (timezone.now() + timedelta(days=365)).date()
    assert review == MedicalReview.objects.get()
    assert review.item == topic


def test_it_refuses_to_review_an_unpublished_item(sam):
    with pytest.raises(ValidationError, match="Publish this item"):
        services.content_mark_reviewed(item=TopicFactory(), reviewer=sam)


def test_it_refuses_a_review_by_a_patient(alice):
    with pytest.raises(PermissionDenied):
        services.content_mark_reviewed(item=published(TopicFactory()), reviewer=alice)


def test_it_clears_the_review_stamp_when_changed_content_is_published(rita, sam):
    topic = published(TopicFactory())
    services.content_mark_reviewed(item=topic, reviewer=sam)
    _edit(topic, rita, summary="New.")

    services.content_publish(item=topic, publisher=sam)

    assert topic.reviewed_at is None
    assert topic.reviewed_by is None
    assert MedicalReview.objects.count() == 1  # the log keeps the earlier review


def test_it_reverts_to_an_old_version_as_a_draft_by_the_reverting_reviewer(rita, sam):
    topic = published(TopicFactory(summary="Good."))
    _edit(topic, rita, summary="Bad.")
    services.content_publish(item=topic, publisher=sam)
    good = topic.history.filter(summary="Good.").earliest("history_date")

    services.content_revert(item=topic, history_id=good.history_id, editor=sam)

    topic.refresh_from_db()
    assert topic.summary == "Good."
    assert topic.published["summary"] == "Bad."
    assert topic.status == Status.DRAFT
    assert topic.last_edited_by == sam
    assert topic.history.latest("history_date").history_change_reason.startswith("Restored")
    with pytest.raises(PermissionDenied):
        services.content_publish(item=topic, publisher=sam)
    services.content_publish(item=topic, publisher=rita)
    assert topic.published["summary"] == "Good."


def test_it_keeps_a_published_items_address_when_reverting(rita):
    topic = TopicFactory(slug="old-address")
    first = topic.history.earliest("history_date")
    topic.slug = "new-address"
    topic.save()
    published(topic)

    services.content_revert(item=topic, history_id=first.history_id, editor=rita)

    topic.refresh_from_db()
    assert topic.slug == "new-address"


def test_it_refuses_a_version_that_belongs_to_another_item(rita):
    mine, other = TopicFactory(), TopicFactory()

    with pytest.raises(ValidationError, match="does not exist"):
        services.content_revert(item=mine, history_id=other.history.first().history_id, editor=rita)


def test_it_restores_a_drugs_deleted_regulatory_fact(rita):
    drug = DrugFactory()
    fact = RegulatoryFact.objects.create(drug=drug, agency="EMA", description="Approved")
    services.content_record_edit(item=drug, editor=rita)
    version = drug.history.latest("history_date")
    fact.delete()
    services.content_record_edit(item=drug, editor=rita)

    services.content_revert(item=drug, history_id=version.history_id, editor=rita)

    assert list(drug.regulatory_facts.values_list("agency", flat=True)) == ["EMA"]


def test_it_withdraws_an_item_and_the_catalogue_drops_it(sam):
    drug = published(DrugFactory(slug="oldinib"))

    services.content_unpublish(item=drug, user=sam)

    assert drug.published is None
    assert drug.status == Status.DRAFT
    assert "oldinib" not in [d["slug"] for d in catalog_payload()["drugs"]]


def test_it_refuses_to_submit_an_item_without_changes(rita):
    with pytest.raises(ValidationError, match="no unpublished changes"):
        services.content_submit_for_review(item=published(TopicFactory()), user=rita)


def test_it_counts_a_section_as_changed_when_its_sources_change(rita):
    section = published(SectionFactory())
    section.sources.create(title="New study", pmid="123")

    assert section.has_unpublished_changes


def test_it_treats_an_inactive_reviewer_as_no_reviewer(rita):
    topic = _edit(published(TopicFactory()), UserFactory(), summary="x")
    rita.is_active = False
    rita.save()

    with pytest.raises(PermissionDenied):
        services.content_publish(item=topic, publisher=rita)
