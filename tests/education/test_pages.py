"""The public education pages, as a patient without JavaScript receives them."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localdate

from education.models import Drug, Question, RegulatoryFact, Source
from education.services import content_mark_reviewed, content_publish, content_record_edit
from tests.factories import (
    DrugFactory,
    QuestionFactory,
    SectionFactory,
    TopicFactory,
    published,
)
from tests.support import verified_login

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode()


@pytest.fixture
def topic():
    return published(TopicFactory(slug="treatments", title="Current treatments"))


@pytest.fixture
def alectinib():
    drug = DrugFactory(
        slug="alectinib",
        generic_name="alectinib",
        brand_names="Alecensa",
        drug_class=Drug.DrugClass.ALK_TKI,
        rating=Drug.Rating.DO_NOT_USE,
        treats_brain=Drug.Brain.NO,
        warning="Does not work for ROS1+ cancer.",
    )
    return published(drug)


@pytest.fixture
def crizotinib():
    drug = DrugFactory(
        slug="crizotinib",
        generic_name="crizotinib",
        brand_names="Xalkori",
        rating=Drug.Rating.ALTERNATIVE,
        treats_brain=Drug.Brain.NO,
    )
    RegulatoryFact.objects.create(
        drug=drug,
        agency="FDA",
        description="Approved for ROS1+ NSCLC",
        date=date(2016, 3, 11),
        date_precision=RegulatoryFact.Precision.MONTH,
    )
    return published(drug)


def test_it_serves_the_home_page_with_topics_links_and_disclaimer(client, topic):
    response = client.get("/")
    html = _html(response)
    assert response.status_code == 200
    assert "Current treatments" in html
    assert reverse("education:drugs") in html
    assert reverse("education:questions") in html
    assert "This is not medical advice" in html
    assert "care team" in html


def test_it_renders_content_in_the_html_without_any_script(client, topic):
    published(
        SectionFactory(topic=topic, slug="first-line", title="First line", body="Take **it**.")
    )
    html = _html(client.get(topic.get_absolute_url()))
    assert "<strong>it</strong>" in html
    # Nothing on the page is inline script or style (the CSP forbids both).
    assert 'style="' not in html
    assert "<style" not in html
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html) == []


def test_it_lists_published_sections_in_order_with_a_table_of_contents(client, topic):
    published(SectionFactory(topic=topic, slug="second", title="Second part", order=2))
    published(SectionFactory(topic=topic, slug="first", title="First part", order=1))
    html = _html(client.get(topic.get_absolute_url()))
    assert html.index("First part") < html.index("Second part")
    assert 'href="#first"' in html
    assert 'id="first"' in html
    assert 'id="second"' in html


def test_it_shows_a_sections_sources_and_its_medicines(client, topic, alectinib):
    section = SectionFactory(topic=topic, slug="alk", title="ALK TKIs")
    section.drugs.add(alectinib)
    Source.objects.create(
        section=section,
        title="A trial report",
        url="https://example.org/trial",
        doi="10.1000/xyz123",
        pmid="31838007",
        checked_on=date(2024, 5, 2),
    )
    published(section)
    html = _html(client.get(topic.get_absolute_url()))
    assert 'href="https://example.org/trial"' in html
    assert "10.1000/xyz123" in html
    assert "31838007" in html
    assert "Checked on May 2, 2024" in html
    assert 'href="/medicines/alectinib/"' in html
    assert "Does not work for ROS1+ cancer." in html


def test_it_never_shows_a_reviewers_unpublished_edit(client, topic, rita):
    section = published(SectionFactory(topic=topic, title="Published title", body="Old words."))
    section.body = "Draft words nobody approved."
    section.save()
    content_record_edit(item=section, editor=rita)
    html = _html(client.get(topic.get_absolute_url()))
    assert "Old words." in html
    assert "Draft words" not in html


def test_it_leaves_out_sections_that_were_never_published(client, topic):
    SectionFactory(topic=topic, title="Unfinished section")
    assert "Unfinished section" not in _html(client.get(topic.get_absolute_url()))


def test_it_answers_404_for_an_unpublished_topic_or_medicine(client):
    topic = TopicFactory(slug="draft-topic")
    drug = DrugFactory(slug="draft-drug")
    for url in (topic.get_absolute_url(), drug.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 404
        assert "We could not find that page" in _html(response)


def test_it_shows_a_reviewer_the_working_copy_in_preview(client, topic, rita):
    section = published(SectionFactory(topic=topic, body="Old words."))
    section.body = "Draft words."
    section.save()
    SectionFactory(topic=topic, title="Brand new section")
    verified_login(client, rita)
    response = client.get(topic.get_absolute_url() + "?preview=1")
    html = _html(response)
    assert "Preview: not yet published" in html
    assert "Draft words." in html
    assert "Brand new section" in html
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_it_lets_a_reviewer_preview_a_never_published_medicine(client, rita):
    drug = DrugFactory(slug="newinib", generic_name="newinib")
    verified_login(client, rita)
    response = client.get(drug.get_absolute_url() + "?preview=1")
    assert response.status_code == 200
    assert "Newinib" in _html(response)
    assert "Preview: not yet published" in _html(response)


def test_it_asks_a_reviewer_for_the_second_factor_before_showing_a_draft(client, topic, rita):
    # Signed in with the password alone (e.g. through the app's sign-in).
    section = published(SectionFactory(topic=topic, body="Old words."))
    section.body = "Draft words."
    section.save()
    client.force_login(rita)
    url = topic.get_absolute_url() + "?preview=1"

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == "/clinic/two-factor/?" + urlencode({"next": url})
    assert "Draft words." not in _html(response)


def test_it_answers_the_apps_catalogue_to_a_password_only_reviewer_despite_preview(client, rita):
    # The API serves published content only; its callers never get an HTML code prompt.
    client.force_login(rita)

    response = client.get("/api/v1/catalog?preview=1")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_it_keeps_drafts_from_a_password_only_reviewer_even_without_the_middleware(
    client, topic, rita, settings
):
    kept = [m for m in settings.MIDDLEWARE if not m.endswith(".SecondFactorMiddleware")]
    assert len(kept) == len(settings.MIDDLEWARE) - 1, "the second factor's middleware moved"
    settings.MIDDLEWARE = kept
    section = published(SectionFactory(topic=topic, body="Old words."))
    section.body = "Draft words."
    section.save()
    client.force_login(rita)

    html = _html(client.get(topic.get_absolute_url() + "?preview=1"))

    assert "Old words." in html and "Draft words." not in html


def test_it_ignores_preview_for_a_patient(client, alice, topic):
    section = published(SectionFactory(topic=topic, body="Old words."))
    section.body = "Draft words."
    section.save()
    client.force_login(alice)
    response = client.get(topic.get_absolute_url() + "?preview=1")
    html = _html(response)
    assert "Old words." in html
    assert "Draft words." not in html
    assert "Preview" not in html
    assert "no-store" not in response["Cache-Control"]


def test_it_ignores_preview_for_an_anonymous_visitor_of_a_draft(client):
    drug = DrugFactory(slug="secretinib")
    assert client.get(drug.get_absolute_url() + "?preview=1").status_code == 404


def test_it_stamps_an_unreviewed_page_as_awaiting_review(client, topic, crizotinib):
    published(QuestionFactory())
    for url in (
        topic.get_absolute_url(),
        crizotinib.get_absolute_url(),
        reverse("education:questions"),
        reverse("education:drugs"),
        reverse("education:topics"),
    ):
        html = _html(client.get(url))
        assert "Awaiting medical review" in html, url
        assert "Last medically reviewed" not in html, url


def test_it_stamps_a_reviewed_page_with_the_date_and_reviewers_name(client, topic, rita):
    section = published(SectionFactory(topic=topic))
    content_mark_reviewed(item=topic, reviewer=rita)
    content_mark_reviewed(item=section, reviewer=rita)
    topic.refresh_from_db()
    html = _html(client.get(topic.get_absolute_url()))
    expected_date = date_format(localdate(topic.reviewed_at), "DATE_FORMAT")
    assert f"Last medically reviewed on {expected_date} by Rita Reviewer" in html
    assert "rita@example.org" not in html


def test_it_says_awaiting_review_when_only_part_of_a_page_was_reviewed(client, topic, rita):
    published(SectionFactory(topic=topic))
    content_mark_reviewed(item=topic, reviewer=rita)
    html = _html(client.get(topic.get_absolute_url()))
    # The topic's stamp covers the sections: one unreviewed section means the page is not.
    assert html.count("Awaiting medical review") >= 2


def test_it_stamps_a_reviewed_medicine(client, crizotinib, rita):
    content_mark_reviewed(item=crizotinib, reviewer=rita)
    html = _html(client.get(crizotinib.get_absolute_url()))
    assert "Last medically reviewed on" in html
    assert "by Rita Reviewer" in html


def test_it_shows_a_medicines_warning_names_rating_and_brain(client, alectinib):
    html = _html(client.get(alectinib.get_absolute_url()))
    assert 'class="warning"' in html
    assert "Does not work for ROS1+ cancer." in html
    assert "Alecensa" in html
    assert "ALK tyrosine kinase inhibitor" in html
    assert "Does not work for ROS1+ cancer: do not use" in html
    assert "Does not treat the brain effectively" in html


def test_it_writes_regulatory_dates_only_as_precisely_as_known(client, crizotinib):
    html = _html(client.get(crizotinib.get_absolute_url()))
    assert "March 2016" in html
    assert "March 11, 2016" not in html


def test_it_links_a_medicine_to_the_published_sections_that_discuss_it(
    client, topic, crizotinib, rita
):
    section = SectionFactory(topic=topic, slug="first-tki", title="First TKIs")
    section.drugs.add(crizotinib)
    published(section)
    SectionFactory(topic=topic, slug="draft", title="Draft mention").drugs.add(crizotinib)
    html = _html(client.get(crizotinib.get_absolute_url()))
    assert f'href="{topic.get_absolute_url()}#first-tki"' in html
    assert "Draft mention" not in html


def test_it_groups_medicines_by_rating_best_first(client, alectinib, crizotinib):
    published(DrugFactory(generic_name="entrectinib", brand_names="Rozlytrek"))
    html = _html(client.get(reverse("education:drugs")))
    assert html.index("Preferred first-line treatment") < html.index("Alternative treatment")
    assert html.index("Alternative treatment") < html.index("Does not work for ROS1+ cancer: do")
    assert html.index("Entrectinib") < html.index("Crizotinib")
    assert "Does not work for ROS1+ cancer." in html


def test_it_lists_questions_grouped_with_hooks_for_the_journal(client):
    published(
        QuestionFactory(slug="which-tki", text="Which TKI?", group=Question.Group.NEWLY_DIAGNOSED)
    )
    published(
        QuestionFactory(slug="what-next", text="What now?", group=Question.Group.AFTER_PROGRESSION)
    )
    QuestionFactory(slug="draft-question", text="Unpublished question?")
    html = _html(client.get(reverse("education:questions")))
    assert html.index("When you are newly diagnosed") < html.index("Which TKI?")
    assert html.index("When your cancer has grown again") < html.index("What now?")
    assert 'data-question-slug="which-tki"' in html
    assert '<span class="question-actions"></span>' in html
    assert "Unpublished question?" not in html


def test_it_lists_only_published_topics(client, topic):
    TopicFactory(title="Hidden draft topic")
    html = _html(client.get(reverse("education:topics")))
    assert "Current treatments" in html
    assert "Hidden draft topic" not in html


def test_it_marks_pages_cacheable_but_always_revalidated(client, topic):
    response = client.get(topic.get_absolute_url())
    assert "no-cache" in response["Cache-Control"]
    assert "private" not in response["Cache-Control"]
    again = client.get(topic.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_it_shows_the_new_text_once_an_edit_is_published(client, topic, rita, sam):
    section = published(SectionFactory(topic=topic, body="Old words."))
    first = client.get(topic.get_absolute_url())
    section.body = "New words."
    section.save()
    content_record_edit(item=section, editor=rita)
    content_publish(item=section, publisher=sam)
    response = client.get(topic.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "New words." in _html(response)


def test_it_has_landmarks_a_skip_link_and_one_h1(client, topic):
    html = _html(client.get(topic.get_absolute_url()))
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<nav" in html
    assert "<footer" in html
    assert html.count("<h1") == 1


def test_it_stays_within_ten_queries_for_a_topic_of_200_sections(
    client, topic, crizotinib, django_assert_max_num_queries
):
    for n in range(200):
        section = SectionFactory(topic=topic, slug=f"s-{n}", order=n, body=f"Words {n}.")
        section.drugs.add(crizotinib)
        Source.objects.create(section=section, title=f"Source {n}", pmid=str(1000 + n))
        published(section)
    with django_assert_max_num_queries(10):
        response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert _html(response).count('class="section"') == 200


def test_it_shows_a_new_review_stamp_on_a_section_seen_before(client, topic, rita):
    section = published(SectionFactory(topic=topic, title="Seen before"))
    assert "Last medically reviewed" not in _html(client.get(topic.get_absolute_url()))
    content_mark_reviewed(item=section, reviewer=rita)
    html = _html(client.get(topic.get_absolute_url()))
    assert 'class="stamp stamp-small">Last medically reviewed on' in html


def test_it_shows_a_republished_medicines_new_name_in_a_section_seen_before(
    client, topic, crizotinib, rita, sam
):
    section = SectionFactory(topic=topic)
    section.drugs.add(crizotinib)
    published(section)
    assert ">crizotinib</a>" in _html(client.get(topic.get_absolute_url()))
    crizotinib.generic_name = "crizotinib-renamed"
    crizotinib.warning = "A new warning."
    crizotinib.save()
    content_record_edit(item=crizotinib, editor=rita)
    content_publish(item=crizotinib, publisher=sam)
    html = _html(client.get(topic.get_absolute_url()))
    assert ">crizotinib-renamed</a>" in html
    assert "A new warning." in html


def test_it_stamps_the_topic_list_only_when_every_topic_was_reviewed(client, topic, rita, sam):
    other = published(TopicFactory(title="Another topic"))
    content_mark_reviewed(item=topic, reviewer=rita)
    assert "Awaiting medical review" in _html(client.get(reverse("education:topics")))
    content_mark_reviewed(item=other, reviewer=sam)
    html = _html(client.get(reverse("education:topics")))
    assert "Last medically reviewed on" in html
    assert re.search(r"by (Rita Reviewer and Sam Second|Sam Second and Rita Reviewer)<", html)


def test_it_does_not_link_a_section_to_an_unpublished_medicine(client, topic):
    draft = DrugFactory(slug="draftinib", generic_name="draftinib")
    section = SectionFactory(topic=topic)
    section.drugs.add(draft)
    published(section)
    html = _html(client.get(topic.get_absolute_url()))
    assert "draftinib" not in html


def test_a_medicine_page_title_starts_with_a_capital(client):
    drug = published(DrugFactory(slug="crizotinib", generic_name="crizotinib",
                                 brand_names="Xalkori"))  # fmt: skip

    html = client.get(drug.get_absolute_url()).content.decode()

    assert '<h1>Crizotinib <span class="brands">(Xalkori)</span></h1>' in html
    assert "<title>Crizotinib" in html
