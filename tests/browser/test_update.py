"""A reviewer's publish reaches installed apps as an "Update" the patient chooses."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from education.services import content_publish, content_record_edit
from tests.browser.helpers import wait_for_service_worker, worker_version
from tests.factories import DrugFactory, published

pytestmark = pytest.mark.browser

CHECK_FOR_UPDATE = "navigator.serviceWorker.getRegistration().then((r) => r.update())"


@pytest.fixture
def drug(live_url):
    return published(DrugFactory(slug="crizotinib", generic_name="crizotinib", warning=""))


def publish_new_warning(drug, *, editor, publisher) -> None:
    drug.warning = "Take it with food."
    drug.save()
    content_record_edit(item=drug, editor=editor)
    content_publish(item=drug, publisher=publisher)


def test_a_publish_offers_update_and_update_activates_the_new_worker(page, drug, rita, sam):
    page.goto("/medicines/crizotinib/")
    wait_for_service_worker(page)
    old_version = worker_version(page)
    expect(page.get_by_role("button", name="Update")).to_have_count(0)

    publish_new_warning(drug, editor=rita, publisher=sam)
    page.evaluate(CHECK_FOR_UPDATE)
    page.get_by_role("button", name="Update").click()

    page.wait_for_function(
        "(old) => new Promise((resolve) => {"
        "  const channel = new MessageChannel();"
        "  channel.port1.onmessage = (e) => resolve(e.data.version !== old);"
        "  navigator.serviceWorker.controller.postMessage({type: 'GET_VERSION'}, [channel.port2]);"
        "})",
        arg=old_version,
    )
    expect(page.get_by_text("Take it with food.")).to_be_visible()
    waiting = page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.waiting)")
    assert waiting is None


def test_the_worker_bytes_change_only_when_published_content_does(page, drug, rita, sam):
    first = page.request.get("/serviceworker.js").text()
    assert page.request.get("/serviceworker.js").text() == first

    drug.warning = "An edit still in review."
    drug.save()
    content_record_edit(item=drug, editor=rita)
    assert page.request.get("/serviceworker.js").text() == first

    content_publish(item=drug, publisher=sam)
    assert page.request.get("/serviceworker.js").text() != first


def test_it_never_reloads_under_a_patient_who_is_typing(page, drug, rita, sam):
    page.goto("/search/")
    wait_for_service_worker(page)
    search = page.get_by_role("searchbox").first
    search.fill("alectinib and the brain")

    publish_new_warning(drug, editor=rita, publisher=sam)
    page.evaluate(CHECK_FOR_UPDATE)
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Update").click()

    expect(page.get_by_text("Save what you are writing, then reload")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    expect(search).to_have_value("alectinib and the brain")
