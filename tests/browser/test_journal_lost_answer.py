"""A push whose answer is lost after the server committed it leaves no duplicate."""

from __future__ import annotations

import pytest

from tests.support import PASSWORD
from tracker.models import AppliedMutation, Record

pytestmark = pytest.mark.browser


def test_a_push_answered_504_after_the_commit_is_resent_and_applied_once(
    plain_page, patient, journal_screen
):
    page = plain_page
    journal = journal_screen(page)
    journal.open()
    journal.sign_in(patient.email, PASSWORD)
    pushes = []

    def lose_the_first_answer(route):
        pushes.append(route.request.post_data_json)
        if len(pushes) == 1:
            route.fetch()  # the server receives and commits the push...
            route.fulfill(status=504, body="Gateway Timeout")  # ...the answer is lost
        else:
            route.fallback()

    page.route("**/api/v1/sync/push", lose_the_first_answer)

    journal.add_question("Is my dose still right?")

    journal.expect_status("All changes saved to your account")
    assert len(pushes) == 2
    first, second = (p["mutations"] for p in pushes)
    assert [m["mutation_id"] for m in first] == [m["mutation_id"] for m in second]
    assert second[0]["base_version"] is None  # the same change, not a new one
    question = Record.objects.get(user=patient, collection="questions")
    assert question.version == 1
    assert question.data["text"] == "Is my dose still right?"
    assert AppliedMutation.objects.filter(user=patient).count() == 1
