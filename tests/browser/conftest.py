"""Browser tests: the real app in Debian's headless Chromium, driven by Playwright.

The server serves static files as production does: collectstatic runs once per
session into a temporary STATIC_ROOT with the hashed, compressed storage, and
whitenoise serves them (pytest-django's own live_server would serve plain,
unhashed files from the source folders instead). Tests use `transactional_db`
through `live_url`, so what a test creates is visible to the server on SQLite
and PostgreSQL alike.

Going offline (helpers.go_offline) needs two steps, because of Playwright #2311: `set_offline` for
the page, and aborting the service worker's own fetches, which Playwright only
sees with PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS=1.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in the test's thread; the ORM calls
# the tests make around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Lets context.route() see (and abort) the service worker's own requests.
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Upper bound for anything the browser does; tests wait on conditions, not time.
TIMEOUT_MS = 15_000
# expect() has its own 5 s default, too short when CI runs the fuzz and
# property tests beside the browser on two cores.
expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(config, items):
    """In CI, a failed browser test is tried once more, as Playwright's own CI
    default does; the retry is printed (RERUN) so that its race gets fixed."""
    if not os.environ.get("CI"):
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.flaky(reruns=1))


@pytest.fixture(scope="session")
def browser_settings(tmp_path_factory) -> dict[str, Any]:
    """Production-like static files, collected once per test session."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    root = tmp_path_factory.mktemp("staticfiles")
    overrides = {
        "STATIC_ROOT": str(root),
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "ros1site.storage.StaticFilesStorage"},
        },
        "MEDIA_URL": "/media/",
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "WHITENOISE_AUTOREFRESH": False,
    }
    with override_settings(**overrides):
        # The API browser's files are never part of a page the tests open:
        # skipping them saves time. The admin's are needed by the reviewers' tests.
        call_command(
            "collectstatic",
            interactive=False,
            verbosity=0,
            ignore_patterns=["rest_framework/*", "drf_spectacular*/*"],
        )
    return overrides


class _InFlight:
    """Counts the requests the live server is still answering.

    A page may leave requests behind (a sync, the worker's fetches) when its
    test ends; the database must not be flushed under them, or the flush finds
    a table locked and the request finds the database gone.
    """

    def __init__(self) -> None:
        self.count = 0
        self.changed = threading.Condition()

    def _add(self, n: int) -> None:
        with self.changed:
            self.count += n
            self.changed.notify_all()

    def wrap(self, app):
        def counted(environ, start_response):
            self._add(1)
            try:
                body = app(environ, start_response)
            except BaseException:
                self._add(-1)
                raise
            return _CountedBody(body, lambda: self._add(-1))

        return counted

    def wait_until_idle(self, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.count == 0, timeout=timeout)


class _CountedBody:
    """A response body that says when the server has finished with it."""

    def __init__(self, body, done) -> None:
        self.body = body
        self.done = done

    def __iter__(self):
        return iter(self.body)

    def close(self) -> None:
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            done, self.done = self.done, None
            if done:
                done()


class _Server:
    def __init__(self, thread, in_flight: _InFlight) -> None:
        self.thread = thread
        self.in_flight = in_flight

    @property
    def url(self) -> str:
        return f"http://{self.thread.host}:{self.thread.port}"


@pytest.fixture(scope="session")
def site_server(browser_settings, django_db_setup, django_db_blocker) -> Iterator[_Server]:
    """One server per session, serving the hashed static files through whitenoise."""
    from django.db import connections
    from django.test.testcases import LiveServerThread
    from django.test.utils import override_settings

    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    # No static handler in front of the app: whitenoise answers /static/.
    in_flight = _InFlight()
    thread = LiveServerThread("localhost", in_flight.wrap, connections_override=shared)
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    # Whitenoise reads STATIC_ROOT when the server builds its middleware.
    with override_settings(**browser_settings, ALLOWED_HOSTS=["localhost", "127.0.0.1"]):
        thread.start()
        thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield _Server(thread, in_flight)
    thread.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()


@pytest.fixture
def live_url(site_server, browser_settings, transactional_db) -> Iterator[str]:
    """The running site's base URL, with this test's data visible to it."""
    from django.test.utils import override_settings

    with override_settings(**browser_settings, ALLOWED_HOSTS=["localhost", "127.0.0.1"]):
        yield site_server.url
        # The test's browser contexts are closed by now (they depend on this
        # fixture); let the server finish what they asked before the flush.
        assert site_server.in_flight.wait_until_idle(timeout=TIMEOUT_MS / 1000), (
            "the live server was still answering requests 15 s after the test"
        )


@pytest.fixture(scope="session")
def playwright_driver(site_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_driver, site_server):
    # Closed before the server stops, so that no request is still in flight then.
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser, live_url):
    context = browser.new_context(base_url=live_url, service_workers="allow")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


# --- The journal (tests/browser/test_journal_*.py) --------------------------


class JournalScreen:
    """Drives /journal/ as a patient does: by visible labels and roles."""

    def __init__(self, page) -> None:
        self.page = page

    @property
    def status(self):
        return self.page.locator("#sync-status")

    def open(self, path: str = "/journal/") -> None:
        from playwright.sync_api import expect

        self.page.goto(path)
        # The shell says "Opening your journal…" until IndexedDB has answered.
        expect(self.page.locator("html[data-journal-ready]")).to_have_count(1)

    def expect_status(self, text: str) -> None:
        from playwright.sync_api import expect

        expect(self.status).to_have_text(text)

    def sign_in(self, email: str, password: str) -> None:
        page = self.page
        page.get_by_role("button", name="Sign in").click()
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill(password)
        page.locator(".account-form").get_by_role("button", name="Sign in").click()
        self.expect_status("All changes saved to your account")

    def entry(self, text: str):
        return self.page.locator(".entry").filter(has_text=text)

    def add_question(self, text: str) -> None:
        page = self.page
        page.get_by_role("button", name="Add a question").click()
        page.get_by_label("Question", exact=True).fill(text)
        page.get_by_role("button", name="Save").click()
        from playwright.sync_api import expect

        expect(self.entry(text)).to_have_count(1)

    def add_course(self, drug_label: str, start: str, dose: str = "") -> None:
        page = self.page
        page.get_by_role("button", name="Add a treatment").click()
        page.get_by_label("Medicine", exact=True).select_option(label=drug_label)
        page.get_by_label("Start date").fill(start)
        if dose:
            page.get_by_label("Dose").fill(dose)
        page.get_by_role("button", name="Save").click()
        from playwright.sync_api import expect

        expect(page.locator("#journal-form")).to_be_hidden()

    def edit(self, text: str) -> None:
        self.entry(text).get_by_role("button", name="Change").click()

    def delete(self, text: str) -> None:
        from playwright.sync_api import expect

        self.entry(text).get_by_role("button", name="Delete").click()
        self.page.get_by_role("button", name="Yes, delete it").click()
        # Gone from the list means saved on the device, and the status tells of it.
        expect(self.entry(text)).to_have_count(0)

    def save(self) -> None:
        from playwright.sync_api import expect

        self.page.get_by_role("button", name="Save").click()
        expect(self.page.locator("#journal-form")).to_be_hidden()

    def stored(self, table: str) -> int:
        """How many rows a table of the device's journal database holds."""
        return self.page.evaluate(
            """(table) => new Promise((resolve, reject) => {
                const open = indexedDB.open("ros1-journal");
                open.onerror = () => reject(open.error);
                open.onsuccess = () => {
                    const db = open.result;
                    if (!db.objectStoreNames.contains(table)) { db.close(); resolve(0); return; }
                    const count = db.transaction(table).objectStore(table).count();
                    count.onsuccess = () => { db.close(); resolve(count.result); };
                };
            })""",
            table,
        )


@pytest.fixture
def journal_screen():
    """Wraps a page in JournalScreen: journal_screen(page).open()."""
    return JournalScreen


@pytest.fixture
def patient(live_url):
    """Alice, a patient with an account on the server (password: tests.conftest.PASSWORD)."""
    from tests.factories import UserFactory
    from tests.support import PASSWORD

    return UserFactory(email="alice@example.com", username="alice@example.com", password=PASSWORD)


@pytest.fixture
def journal_catalogue(live_url):
    """A small published catalogue: two ROS1 drugs, alectinib with its warning, two terms."""
    from tests.factories import DrugFactory, SideEffectTermFactory, published

    published(DrugFactory(slug="crizotinib", generic_name="crizotinib", brand_names="Xalkori"))
    published(DrugFactory(slug="entrectinib", generic_name="entrectinib", brand_names="Rozlytrek"))
    published(
        DrugFactory(
            slug="alectinib",
            generic_name="alectinib",
            brand_names="Alecensa",
            rating="do_not_use",
            warning="Alectinib does not work for ROS1+ cancer.",
        )
    )
    published(SideEffectTermFactory(slug="fatigue", patient_term="Tiredness"))
    published(SideEffectTermFactory(slug="edema", patient_term="Swelling"))


@pytest.fixture
def plain_page(browser, live_url):
    """A page with no service worker, for tests of the journal's own sync and
    of what page.route() sees: a worker would answer the page's requests itself."""
    context = browser.new_context(base_url=live_url, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()
