"""axe-core finds no serious or critical problem on any public page type, wide or 320 px narrow."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/learn/",
    "/learn/current-treatments/",
    "/medicines/",
    "/medicines/alectinib/",
    "/questions/",
    "/search/?q=brain",
    "/offline/",
]
SERIOUS = {"serious", "critical"}


@pytest.fixture
def seeded_library(live_url):
    """The real seed content, so that axe sees pages as patients do."""
    call_command("seed_content", verbosity=0)


def test_no_page_type_has_a_serious_accessibility_violation(browser, live_url, seeded_library):
    # No service worker: these pages come from the server, as on a first visit.
    context = browser.new_context(base_url=live_url, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    axe = Axe()
    found = {}
    try:
        page = context.new_page()
        for width, height in [(1280, 800), (320, 640)]:
            page.set_viewport_size({"width": width, "height": height})
            for path in PAGES:
                response = page.goto(path)
                assert response.ok, path
                violations = axe.run(page).response["violations"]
                serious = [
                    f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
                    for v in violations
                    if v["impact"] in SERIOUS
                ]
                if serious:
                    found[f"{path} at {width} px"] = serious
    finally:
        context.close()
    assert found == {}


def test_the_app_notices_are_accessible_at_320px(browser, live_url, seeded_library):
    context = browser.new_context(base_url=live_url, viewport={"width": 320, "height": 640})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto("/")
        page.evaluate(
            """() => {
                const event = new Event("beforeinstallprompt", {cancelable: true});
                event.prompt = () => {};
                event.userChoice = Promise.resolve({outcome: "dismissed"});
                window.dispatchEvent(event);
            }"""
        )
        page.get_by_role("button", name="Install the app").wait_for()

        violations = Axe().run(page).response["violations"]

        assert [v["id"] for v in violations if v["impact"] in SERIOUS] == []
    finally:
        context.close()
