"""The generated service worker: what it precaches, and when its bytes change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from education.services import content_mark_reviewed, content_publish, content_record_edit
from ros1site.serviceworker import module_as_object
from tests.factories import DrugFactory, QuestionFactory, SectionFactory, TopicFactory, published


def worker_config(client) -> dict:
    body = client.get("/serviceworker.js").content.decode()
    return json.loads(re.search(r"self\.ROS1_SW = (\{.*?\});\n", body).group(1))


def revisions(client) -> dict[str, str | None]:
    return {entry["url"]: entry["revision"] for entry in worker_config(client)["precache"]}


@pytest.fixture
def library(db):
    alectinib = published(DrugFactory(slug="alectinib", generic_name="alectinib"))
    crizotinib = published(DrugFactory(slug="crizotinib", generic_name="crizotinib"))
    topic = published(TopicFactory(slug="current-treatments"))
    section = SectionFactory(topic=topic)
    section.drugs.add(crizotinib)
    published(section)
    published(QuestionFactory())
    return {"alectinib": alectinib, "crizotinib": crizotinib, "topic": topic}


def test_it_is_javascript_that_browsers_must_always_check(client, library):
    response = client.get("/serviceworker.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert client.get("/serviceworker.js", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_it_precaches_every_published_page_and_no_draft(client, library):
    TopicFactory(slug="draft-topic")
    DrugFactory(slug="draft-drug")

    urls = set(revisions(client))

    assert {"/", "/learn/", "/learn/current-treatments/", "/medicines/", "/medicines/alectinib/",
            "/medicines/crizotinib/", "/questions/", "/offline/"} <= urls  # fmt: skip
    assert "/learn/draft-topic/" not in urls
    assert "/medicines/draft-drug/" not in urls
    assert not [url for url in urls if url.startswith("/api/")]


def test_without_hashed_files_it_lists_our_static_files_with_a_content_revision(client, library):
    # tests.settings use plain static storage, as DEBUG does: no hashed names.
    static = {url: rev for url, rev in revisions(client).items() if url.startswith("/static/")}

    assert "/static/js/app.js" in static
    # Copied into the worker, and still imported by the pages offline.
    assert {
        "/static/js/store.js",
        "/static/js/store-core.js",
        "/static/js/config.js",
        "/static/js/outbox.js",
    } <= set(static)
    assert "/static/vendor/workbox-window.mjs" in static
    assert all(re.fullmatch(r"[0-9a-f]{16}", rev) for rev in static.values())
    assert not [
        url for url in static if url.startswith(("/static/admin/", "/static/rest_framework/"))
    ]
    assert "/static/js/sw-src.js" not in static
    assert "/static/vendor/workbox-sw.js" not in static


def test_a_publish_changes_only_the_revisions_of_pages_that_show_it(client, library, rita, sam):
    before = revisions(client)
    drug = library["crizotinib"]
    drug.warning = "Take it with food."
    drug.save()
    content_record_edit(item=drug, editor=rita)
    content_publish(item=drug, publisher=sam)

    after = revisions(client)

    changed = {url for url in after if after[url] != before.get(url)}
    assert "/medicines/crizotinib/" in changed
    assert "/medicines/" in changed
    # The topic page lists the drug its section discusses.
    assert "/learn/current-treatments/" in changed
    assert "/medicines/alectinib/" not in changed
    assert "/questions/" not in changed


def test_a_review_stamp_changes_the_page_revision(client, library, rita):
    before = revisions(client)

    content_mark_reviewed(item=library["alectinib"], reviewer=rita)

    assert revisions(client)["/medicines/alectinib/"] != before["/medicines/alectinib/"]


def test_the_manifest_makes_the_app_installable(client):
    manifest = client.get("/manifest.json").json()

    assert manifest["short_name"] == "ROS1"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes


def test_the_offline_page_is_ours(client):
    response = client.get("/offline/")

    assert response.status_code == 200
    assert "You are offline" in response.content.decode()


def test_every_precached_page_answers_200(client, library):
    # One failing URL would make the browser throw the whole new worker away.
    pages = [url for url in revisions(client) if not url.startswith("/static/")]

    failing = {url: client.get(url).status_code for url in pages}

    assert {url: status for url, status in failing.items() if status != 200} == {}


def test_it_copies_in_the_modules_it_shares_with_the_pages(client, library):
    body = client.get("/serviceworker.js").content.decode()

    assert "const shared = (() => {" in body
    assert 'const DB_NAME = "ros1-journal";' in body
    assert "return { newChange, replaceable, neverSent, pickBatch, frozen, mutationOf };" in body
    # Copied, not imported: a classic worker cannot import modules.
    assert not re.search(r"^\s*(import|export)\b", body, re.MULTILINE)


def test_its_own_source_repeats_none_of_the_shared_values():
    source = (Path(settings.BASE_DIR) / "static" / "js" / "sw-src.js").read_text()

    for value in ('"ros1-journal"', '"journal-sync"', '"/api/v1/sync/push"', '"csrf_token"'):
        assert value not in source


def test_a_module_it_cannot_copy_is_refused():
    with pytest.raises(ValueError, match="may not import"):
        module_as_object("x", 'import { a } from "./a.js";\nexport const b = a;\n')
    with pytest.raises(ValueError, match="may not import"):
        module_as_object("x", "const a = 1;\nexport { a };\n")

    assert module_as_object("x", "export const a = 1;\nexport function b() {}\n").endswith(
        "return { a, b };\n})();\n"
    )
