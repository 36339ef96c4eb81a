"""After one visit the whole library reads offline, pages never opened included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import go_offline, wait_for_service_worker
from tests.factories import DrugFactory, SectionFactory, TopicFactory, published

pytestmark = pytest.mark.browser


@pytest.fixture
def library(live_url):
    """A small published library: one topic whose section discusses one drug."""
    drug = published(
        DrugFactory(
            slug="alectinib",
            generic_name="alectinib",
            warning="Does not work for ROS1-positive cancer.",
        )
    )
    topic = published(TopicFactory(slug="current-treatments", title="Current treatments"))
    section = SectionFactory(topic=topic, slug="first-line", title="First-line treatment")
    section.drugs.add(drug)
    published(section)
    return {"drug": drug, "topic": topic}


def test_the_worker_controls_the_root_scope_and_is_always_checked(page, live_url):
    response = page.goto("/")
    wait_for_service_worker(page)

    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope == f"{live_url}/"
    worker = page.request.get("/serviceworker.js")
    assert worker.ok
    assert worker.headers["cache-control"] == "no-cache"
    assert worker.headers["content-type"].startswith("text/javascript")
    assert response.ok


def test_it_precaches_every_published_page_and_hashed_static_files_only(page, library):
    page.goto("/")
    wait_for_service_worker(page)

    cached = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    urls.push(new URL(request.url).pathname);
                }
            }
            return urls;
        }"""
    )
    for path in ["/", "/learn/", "/learn/current-treatments/", "/medicines/",
                 "/medicines/alectinib/", "/questions/", "/offline/"]:  # fmt: skip
        assert path in cached, path
    static = [url for url in cached if url.startswith("/static/")]
    assert static, "no static file precached"
    hashed = re.compile(r"\.[0-9a-f]{12}\.[a-z]+$")
    assert [url for url in static if not hashed.search(url)] == []
    assert [
        url for url in static if url.startswith(("/static/admin/", "/static/rest_framework/"))
    ] == []


def test_a_never_opened_page_reads_offline_with_a_saved_copy_note(context, page, library):
    page.goto("/")
    wait_for_service_worker(page)
    go_offline(context)

    response = page.goto("/medicines/alectinib/")

    assert response.ok
    assert response.from_service_worker
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alectinib")
    note = page.locator(".saved-copy-note")
    expect(note).to_contain_text(re.compile(r"Saved copy from \w+ \d{1,2}, \d{4}\."))
    # The precached stylesheets apply offline too.
    assert note.evaluate("(el) => getComputedStyle(el).borderLeftStyle") == "solid"


def test_a_signed_in_patient_reads_the_library_offline_too(context, page, library, alice, live_url):
    # Django varies pages on Cookie; the saved copies must still match.
    from django.test import Client

    client = Client()
    client.force_login(alice)
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_url}])
    page.goto("/")
    wait_for_service_worker(page)
    go_offline(context)

    page.goto("/learn/current-treatments/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Current treatments")
    expect(page.locator(".saved-copy-note")).to_be_visible()


def test_a_page_read_online_comes_from_the_network_without_a_note(page, library):
    page.goto("/")
    wait_for_service_worker(page)

    response = page.goto("/learn/current-treatments/")

    assert response.ok
    expect(page.get_by_role("heading", level=1)).to_contain_text("Current treatments")
    expect(page.locator(".saved-copy-note")).to_have_count(0)


def test_an_unknown_address_offline_shows_our_offline_page(context, page, library):
    page.goto("/")
    wait_for_service_worker(page)
    go_offline(context)

    response = page.goto("/somewhere/never/saved/")

    assert response.from_service_worker
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.get_by_role("link", name="Medicines").first).to_be_visible()


def test_no_api_answer_ever_lands_in_cache_storage(page, library):
    page.goto("/")
    wait_for_service_worker(page)

    status = page.evaluate("fetch('/api/v1/catalog').then((r) => r.status)")
    assert status == 200
    cached_api = page.evaluate(
        """async () => {
            const hits = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    if (new URL(request.url).pathname.startsWith("/api/")) hits.push(request.url);
                }
            }
            return hits;
        }"""
    )
    assert cached_api == []
