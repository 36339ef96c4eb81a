"""Every page type reads on a 320 px phone, and with text at 200 %.

200 % text is tried at 640 px, as WCAG's reflow rule pairs them: at 320 px a
doubled heading word is wider than the screen itself.

For each: no sideways scroll of the page, no word broken in the middle, and
axe-core finds no serious or critical problem. The journal is shown with data:
lists, timeline and its table, the summary, a conflict, and the sharing page
with its list of who has looked.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS
from tests.support import PASSWORD

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}
PHONE = {"width": 320, "height": 640}
LARGE_PHONE = {"width": 640, "height": 900}
# The site's root size is 112.5 %: doubled, as a phone's "largest text" does.
BIG_TEXT = "html { font-size: 225% !important; }"

# Words split across two lines: each run of letters is measured on its own,
# so a hyphenated word wrapping at its hyphen is fine.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("svg, script, style, template, [hidden]")) continue;
    if (!el.getClientRects().length) continue;
    for (const m of node.data.matchAll(/\\p{L}{2,}/gu)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const tops = new Set(rects.map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


def _problems(page) -> list[str]:
    found = []
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1] + 1:
        found.append(f"page scrolls sideways: {width[0]} px wide in {width[1]} px")
    broken = page.evaluate(BROKEN_WORDS)
    if broken:
        found.append(f"words broken mid-word: {sorted(set(broken))[:10]}")
    for v in Axe().run(page).response["violations"]:
        if v["impact"] in SERIOUS:
            found.append(f"axe {v['id']}: {[n['target'] for n in v['nodes']][:5]}")
    return found


@pytest.fixture
def seeded_site(live_url):
    from django.core.management import call_command

    call_command("seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def phone(browser, live_url):
    """A 320 px phone with normal text, and a wider one with 200 % text."""
    pages = {}
    contexts = []
    for name, big in (("320 px", False), ("200% text", True)):
        # bypass_csp: the test's own text-size style is inline.
        context = browser.new_context(
            base_url=live_url, viewport=LARGE_PHONE if big else PHONE, bypass_csp=big,
            service_workers="block", timezone_id="America/New_York",
        )  # fmt: skip
        context.set_default_timeout(TIMEOUT_MS)
        if big:
            context.add_init_script(
                "document.addEventListener('DOMContentLoaded', () => {"
                f"const s = document.createElement('style'); s.textContent = {BIG_TEXT!r};"
                "document.head.append(s); });"
            )
        contexts.append(context)
        pages[name] = context.new_page()
    yield pages
    for context in contexts:
        context.close()


def _check_all(pages, path, found, ready=None):
    for name, page in pages.items():
        page.goto(path)
        if ready:
            ready(page)
        problems = _problems(page)
        if problems:
            found[f"{path} ({name})"] = problems


def test_every_public_page_type_reads_on_a_320px_phone(phone, seeded_site):
    found: dict[str, list[str]] = {}
    for path in ("/", "/learn/", "/learn/current-treatments/", "/learn/taking-your-medicine/",
                 "/medicines/", "/medicines/taletrectinib/", "/questions/",
                 "/search/?q=lorlatinb", "/search/?q=qqqzzz", "/no-such-page/"):  # fmt: skip
        _check_all(phone, path, found)
    assert found == {}


def _fill_journal(page, journal_screen):
    journal = journal_screen(page)
    journal.open()
    journal.sign_in("alice@example.com", PASSWORD)
    journal.add_course("crizotinib (Xalkori)", "2024-01-05", dose="250 mg twice a day")
    journal.add_course("repotrectinib (Augtyro)", "2025-03-05", dose="160 mg once a day")
    for day, outcome in (("2024-04-01", "Stable"), ("2025-01-10", "Progressed (growing)"),
                         ("2025-06-01", "Improved (shrinking)")):  # fmt: skip
        page.get_by_role("button", name="Add a scan").click()
        page.get_by_label("Date of the scan").fill(day)
        page.get_by_label("Kind of scan").select_option(label="CT scan")
        page.get_by_label(outcome, exact=True).check()
        journal.save()
    page.get_by_role("button", name="Add a side effect").click()
    page.get_by_label("Side effect", exact=True).select_option(label="Dizziness")
    page.get_by_label("Moderate", exact=True).check()
    journal.save()
    journal.add_question("Should my next scan include the brain?")
    journal.expect_status("All changes saved to your account")
    return journal


def _make_conflict(page, journal, patient):
    """Another device changes the dose while this one, offline, changes it too."""
    from tests.support import push_ok, token_client, upsert
    from tracker.models import Record

    page.context.set_offline(True)
    journal.edit("crizotinib")
    page.get_by_label("Dose").fill("200 mg twice a day")
    journal.save()
    course = Record.objects.get(user=patient, collection="courses", data__drug="crizotinib")
    device = token_client(patient)
    device.defaults["HTTP_HOST"] = "localhost"  # the live server's allowed host
    other = {**course.data, "dose": f"{100 * course.version} mg once a day"}
    push_ok(device, [upsert("courses", other, id=str(course.id), base_version=course.version)])
    page.context.set_offline(False)
    journal.expect_status("1 change needs your attention")


def _share_and_be_looked_at(patient):
    from clinics.models import AccessLog, Clinic, Consent

    clinic = Clinic.objects.create(name="Riverside Lung Clinic", phone="+44 20 7946 0000",
                                   share_code="RIVR2345")  # fmt: skip
    now = timezone.now()
    consent = Consent.objects.create(
        patient=patient, clinic=clinic, scopes=["courses", "scans", "questions"],
        display_name="Alice Example", granted_at=now - timedelta(days=3), wording="I agree.",
    )  # fmt: skip
    for hours in (1, 30):
        AccessLog.objects.create(
            patient=patient, consent=consent, clinic=clinic, clinic_name=clinic.name,
            staff_name="Carol Nurse-Practitioner", action="viewed", scopes=consent.scopes,
            at=now - timedelta(hours=hours),
        )  # fmt: skip


def test_the_journal_with_data_reads_on_a_320px_phone(phone, seeded_site, patient, journal_screen):
    found: dict[str, list[str]] = {}
    for name, page in phone.items():
        if name == "320 px":
            journal = _fill_journal(page, journal_screen)
        else:
            # The same account on a second device: its journal comes from the server.
            journal = journal_screen(page)
            journal.open()
            journal.sign_in("alice@example.com", PASSWORD)
            expect(journal.entry("Should my next scan include the brain?")).to_have_count(1)
        page.get_by_text("Show the timeline as a table").click()
        expect(page.locator(".timeline-table")).to_be_visible()
        # Every bar and result is written out; the buttons reach the rest.
        expect(page.get_by_role("button", name="Earlier")).to_be_visible()
        problems = _problems(page)
        if problems:
            found[f"journal ({name})"] = problems
        page.goto("/journal/summary/")
        expect(page.locator("#summary-body")).to_contain_text("Should my next scan include")
        problems = _problems(page)
        if problems:
            found[f"summary ({name})"] = problems
        page.goto("/journal/")
        expect(page.locator("html[data-journal-ready]")).to_have_count(1)
        _make_conflict(page, journal, patient)
        expect(page.locator(".conflict")).to_be_visible()
        problems = _problems(page)
        if problems:
            found[f"conflict ({name})"] = problems
        if name == "320 px":
            _share_and_be_looked_at(patient)
        page.goto("/journal/sharing/")
        expect(page.get_by_role("cell", name="Carol Nurse-Practitioner").first).to_be_visible()
        # Times in the patient's own zone, not the server's UTC.
        expect(page.locator("time[data-local]").first).not_to_contain_text("UTC")
        problems = _problems(page)
        if problems:
            found[f"sharing ({name})"] = problems
    assert found == {}
