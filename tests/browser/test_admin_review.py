"""Two medical reviewers keep seeded content current in the admin, in Chromium.

Each signs in with a password and a real TOTP code; Rita edits a seeded
section, a medicine and a question; Sam approves and publishes; an old version
is restored and published again. After each step the public page is checked,
its sources included.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from education.admin import reading_grade_text
from education.readability import reading_grade
from tests.support import PASSWORD

pytestmark = pytest.mark.browser

SECTION = ("faq", "treatment-guidelines")
DRUG = "taletrectinib"
QUESTION = "which-tkis-can-i-get"


@pytest.fixture
def reviewers(live_url):
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.support import reviewer

    call_command("seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    people = {}
    for email, first in (("rita@example.org", "Rita"), ("sam@example.org", "Sam")):
        user = reviewer(email, first, "Reviewer")
        user.set_password(PASSWORD)
        user.save()
        people[first.lower()] = (user, TOTPDevice.objects.create(user=user, name="phone",
                                                                 confirmed=True))  # fmt: skip
    return people


def _sign_in(browser, live_url, user, device):
    """A reviewer's own browser, signed in with password and authenticator code."""
    from tests.support import current_code

    context = browser.new_context(base_url=live_url, service_workers="block")
    page = context.new_page()
    page.goto("/admin/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Enter the code from your authenticator app"))\
        .to_be_visible()  # fmt: skip
    page.get_by_label(re.compile("code", re.I)).fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Medical content").first).to_be_visible()
    return page


def _change_url(item) -> str:
    return f"/admin/education/{item._meta.model_name}/{item.pk}/change/"


def _save(page) -> None:
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("Saved as a draft")
    expect(page.locator(".messagelist")).not_to_contain_text("Some markup was removed")


def _publish(page, item) -> None:
    page.goto(_change_url(item))
    page.get_by_role("link", name="Approve and publish").click()
    page.get_by_role("button", name="Yes, approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("was published")


def _public(browser, live_url, path):
    context = browser.new_context(base_url=live_url, service_workers="block")
    page = context.new_page()
    page.goto(path)
    return page


def test_two_reviewers_edit_publish_and_restore_seeded_content(browser, live_url, reviewers):
    from education.models import Drug, Question, Section

    section = Section.objects.get(topic__slug=SECTION[0], slug=SECTION[1])
    drug = Drug.objects.get(slug=DRUG)
    question = Question.objects.get(slug=QUESTION)
    seed_sources = [s["title"] for s in section.published["sources"]]
    assert seed_sources
    topic_path = f"/learn/{SECTION[0]}/"
    rita = _sign_in(browser, live_url, *reviewers["rita"])
    sam = _sign_in(browser, live_url, *reviewers["sam"])

    # Rita adds a line to the seeded section, and watches its reading grade.
    rita.goto(_change_url(section))
    grade = rita.locator("output.reading-grade")
    expect(grade).to_contain_text("Grade")
    new_body = section.body + (
        "\n\nAsk your cancer doctor which guideline they follow, and why it suits an "
        "extraordinarily unusual, multifaceted, interdisciplinary situation."
    )
    rita.get_by_label("Body (Markdown)").fill(new_body)
    expect(grade).to_have_text(reading_grade_text(reading_grade(new_body)))
    _save(rita)
    # A medicine: a new source for its facts. A question: new words.
    rita.goto(_change_url(drug))
    rita.get_by_label("Summary (Markdown)").fill(drug.summary + "\n\nReviewed line for Ibtrozi.")
    # The blank source form at the end of the list (the hidden template aside).
    blank = rita.locator("#sources-group .inline-related:not(.empty-form)").last
    blank.get_by_label("Title").fill("A reviewer's new source")
    blank.get_by_label("Publisher").fill("Test Journal")
    blank.get_by_label("URL").fill("https://example.org/new-source")
    blank.get_by_label("Date last checked").fill("2026-11-30")
    blank.get_by_label("What it supports").fill("the reviewed line")
    _save(rita)
    rita.goto(_change_url(question))
    rita.get_by_label("Question:", exact=True).fill("Which ROS1 TKIs can I get where I live?")
    _save(rita)

    # Patients still see the published words until a second reviewer approves.
    public = _public(browser, live_url, topic_path)
    expect(public.locator(f"#{section.slug}")).not_to_contain_text("which guideline they follow")
    for title in seed_sources:
        expect(public.locator(f"#{section.slug} .sources")).to_contain_text(title)

    # Rita may not publish her own edits; Sam can.
    rita.goto(_change_url(section))
    rita.get_by_role("link", name="Approve and publish").click()
    expect(rita.get_by_text("another reviewer who has not edited it")).to_be_visible()
    for item in (section, drug, question):
        _publish(sam, item)

    public.goto(topic_path)
    expect(public.locator(f"#{section.slug}")).to_contain_text("which guideline they follow")
    for title in seed_sources:
        expect(public.locator(f"#{section.slug} .sources")).to_contain_text(title)
    public.goto(f"/medicines/{DRUG}/")
    expect(public.locator("article")).to_contain_text("Reviewed line for Ibtrozi.")
    expect(public.get_by_role("link", name="A reviewer's new source")).to_be_visible()
    expect(public.locator(".facts-checked")).to_contain_text("Facts checked on")
    public.goto("/questions/")
    new_question = public.get_by_text("Which ROS1 TKIs can I get where I live?", exact=True)
    expect(new_question).to_be_visible()

    # Sam restores the seeded version of the section; it becomes a draft.
    sam.goto(_change_url(section).replace("change/", "history/"))
    sam.get_by_role("link", name="Restore this version…").last.click()
    expect(sam.get_by_text("After restoring, this item’s status will be: Draft.")).to_be_visible()
    sam.get_by_role("button", name="Restore this version as a draft").click()
    expect(sam.locator(".messagelist")).to_contain_text("restored as a draft")
    public.goto(topic_path)
    expect(public.locator(f"#{section.slug}")).to_contain_text("which guideline they follow")

    # Rita publishes the restored version: the seeded words and sources are back.
    _publish(rita, section)
    public.goto(topic_path)
    expect(public.locator(f"#{section.slug}")).not_to_contain_text("which guideline they follow")
    for title in seed_sources:
        expect(public.locator(f"#{section.slug} .sources")).to_contain_text(title)
    section.refresh_from_db()
    assert [s["title"] for s in section.published["sources"]] == seed_sources
