"""'Add to my questions' on the education checklist adds the question to the journal."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import QuestionFactory, published
from tests.support import PASSWORD
from tracker.models import Record

pytestmark = pytest.mark.browser


def test_add_to_my_questions_puts_the_question_in_the_journal_and_the_account(
    plain_page, journal_screen
):
    page = plain_page
    published(QuestionFactory(slug="which-test-found-ros1", text="Which test found ROS1?"))
    published(QuestionFactory(slug="brain-mri", text="How often will my brain be scanned?"))
    page.goto("/questions/")
    question = page.locator("[data-question-slug=which-test-found-ros1]")

    question.get_by_role("button", name="Add to my questions").click()

    expect(question).to_contain_text("In my questions")
    journal = journal_screen(page)
    journal.open()
    expect(journal.entry("Which test found ROS1?")).to_contain_text("Not asked yet")
    expect(page.locator(".entry")).to_have_count(1)
    # No account yet: the journal says plainly where the question is kept.
    journal.expect_status("Your journal is saved on this device only.")

    page.get_by_role("button", name="Create an account").click()
    page.get_by_label("Email address").fill("new.patient@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    journal.expect_status("All changes saved to your account")
    saved = Record.objects.get(user__email="new.patient@example.com", collection="questions")
    assert saved.data["text"] == "Which test found ROS1?"
    assert saved.data["source"] == "which-test-found-ros1"
    page.goto("/questions/")
    expect(question).to_contain_text("In my questions")
    expect(
        page.locator("[data-question-slug=brain-mri]").get_by_role(
            "button", name="Add to my questions"
        )
    ).to_be_visible()
