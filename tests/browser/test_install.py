"""The app can be installed, and offers it politely: once, and not again after "Not now"."""

from __future__ import annotations

import struct

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS
from tests.browser.helpers import wait_for_service_worker

pytestmark = pytest.mark.browser

IPHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", body[16:24])


def test_chromium_reports_no_installability_errors(playwright_driver, live_url, tmp_path):
    # A persistent profile: Chromium never calls an incognito page installable.
    context = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        base_url=live_url,
    )
    try:
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.goto("/")
        wait_for_service_worker(page)
        cdp = context.new_cdp_session(page)

        result = cdp.send("Page.getInstallabilityErrors")

        assert result["installabilityErrors"] == []
    finally:
        context.close()


def test_the_manifest_describes_an_installable_app_with_working_icons(page, live_url):
    page.goto("/")
    href = page.locator("link[rel=manifest]").get_attribute("href")

    manifest = page.request.get(href).json()

    assert manifest["name"] == "ROS1 Companion"
    assert manifest["short_name"] == "ROS1"
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] and manifest["background_color"]
    found = set()
    for icon in manifest["icons"]:
        response = page.request.get(icon["src"])
        assert response.ok, icon["src"]
        width, height = png_size(response.body())
        assert f"{width}x{height}" == icon["sizes"]
        found.add((icon["sizes"], icon["purpose"]))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= found


def _fire_install_prompt(page) -> None:
    # Headless Chromium never decides on its own to offer installation; fire
    # the event it would fire, with the prompt() a real one has.
    page.evaluate(
        """() => {
            const event = new Event("beforeinstallprompt", {cancelable: true});
            event.prompt = () => { window.installPrompted = true; };
            event.userChoice = Promise.resolve({outcome: "accepted"});
            window.dispatchEvent(event);
        }"""
    )


def test_it_offers_install_and_shows_the_browser_prompt_on_request(page):
    page.goto("/")
    wait_for_service_worker(page)

    _fire_install_prompt(page)
    page.get_by_role("button", name="Install the app").click()

    page.wait_for_function("() => window.installPrompted === true")
    expect(page.get_by_role("button", name="Install the app")).to_have_count(0)


def test_it_remembers_not_now(page):
    page.goto("/")
    wait_for_service_worker(page)
    _fire_install_prompt(page)
    page.get_by_role("button", name="Not now").click()
    expect(page.get_by_role("button", name="Install the app")).to_have_count(0)

    page.reload()
    wait_for_service_worker(page)
    _fire_install_prompt(page)

    expect(page.get_by_role("button", name="Install the app")).to_have_count(0)
    assert page.evaluate("window.installPrompted === undefined")


def test_on_an_iphone_it_explains_add_to_home_screen(browser, live_url):
    context = browser.new_context(base_url=live_url, user_agent=IPHONE_UA)
    try:
        page = context.new_page()
        page.goto("/")
        hint = page.locator("[data-notice=ios]")
        expect(hint).to_contain_text("Add to Home Screen")
        expect(hint).to_contain_text("7 days")

        page.get_by_role("button", name="Got it").click()
        page.reload()
        page.wait_for_function("() => navigator.serviceWorker.ready")

        expect(page.locator("[data-notice=ios]")).to_have_count(0)
    finally:
        context.close()


def test_the_install_offer_is_a_small_strip_that_never_covers_a_form(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/search/")
    wait_for_service_worker(page)
    _fire_install_prompt(page)
    offer = page.locator("[data-notice=install]")
    expect(offer).to_be_visible()

    box = offer.bounding_box()
    assert box["height"] <= 640 * 0.15, box

    page.get_by_role("searchbox").first.focus()
    expect(offer).to_be_hidden()
    page.get_by_role("heading", level=1).click()
    expect(offer).to_be_visible()
    page.get_by_role("button", name="Not now").click()
    expect(offer).to_have_count(0)
