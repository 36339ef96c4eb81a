"""The "due for review" list: overdue and never-reviewed published items, with links."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.education.admin_support import (
    admin_url,
    client_for,
    roles,  # noqa: F401
)
from tests.factories import (
    DrugFactory,
    QuestionFactory,
    SectionFactory,
    TopicFactory,
    published,
)

pytestmark = pytest.mark.usefixtures("roles")


def _reviewed(item, reviewer, *, due_in_days: int):
    item.reviewed_by = reviewer
    item.reviewed_at = timezone.now() - timedelta(days=400)
    item.next_review_due = timezone.localdate() + timedelta(days=due_in_days)
    item.save()
    return item


@pytest.fixture
def content(sam):
    return {
        "overdue": _reviewed(published(DrugFactory(generic_name="oldinib")), sam, due_in_days=-10),
        "never": published(SectionFactory(title="Never checked")),
        "current": _reviewed(published(TopicFactory(title="Up to date")), sam, due_in_days=100),
        "draft": QuestionFactory(text="Not published yet?"),
    }


def test_it_lists_overdue_and_never_reviewed_published_items_with_links(rita, content):
    page = client_for(rita).get(reverse("admin:education_medicalreview_due")).content.decode()

    assert "oldinib" in page
    assert "Overdue since" in page
    assert "Never checked" in page
    assert "Never reviewed" in page
    assert admin_url(content["overdue"]) in page
    assert admin_url(content["never"]) in page
    assert "Up to date" not in page
    assert "Not published yet?" not in page
    assert page.index("oldinib") < page.index("Never checked")  # overdue first


def test_it_says_when_nothing_is_due(rita, sam):
    _reviewed(published(TopicFactory()), sam, due_in_days=30)

    page = client_for(rita).get(reverse("admin:education_medicalreview_due")).content.decode()

    assert "Nothing is due" in page


def test_it_links_the_list_from_the_admin_home_with_a_count(rita, content):
    page = client_for(rita).get("/admin/").content.decode()

    assert reverse("admin:education_medicalreview_due") in page
    assert "2 published items are due for medical review" in page


def test_it_filters_a_content_list_by_due_for_review(rita, content):
    client = client_for(rita)

    due = client.get("/admin/education/drug/?review=due").content.decode()
    current = client.get("/admin/education/topic/?review=due").content.decode()

    assert "oldinib" in due
    assert "Up to date" not in current


def test_it_shows_last_reviewed_and_never_in_the_content_list(rita, content):
    page = client_for(rita).get("/admin/education/section/").content.decode()

    assert "Never" in page
    assert "Never checked" in page


def test_it_lists_reviews_in_the_log_filtered_by_type_of_content(sam):
    drug = published(DrugFactory(generic_name="loggedinib"))
    topic = published(TopicFactory(title="Logged topic"))
    client = client_for(sam)
    due = (timezone.localdate() + timedelta(days=365)).isoformat()
    for item in (drug, topic):
        client.post(admin_url(item, "review"), {"next_review_due": due}, follow=True)

    drugs_only = client.get("/admin/education/medicalreview/?kind=drug").content.decode()

    assert "loggedinib" in drugs_only
    assert "Logged topic" not in drugs_only
    assert "Sam Second" in drugs_only
