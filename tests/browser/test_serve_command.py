"""The README's serve command gives what patients get: the offline app works.

Runs `scripts/serve.sh` itself (DEBUG off, gunicorn, whitenoise's hashed files)
on a free port with its own SQLite file, then reads the library and opens the
journal offline in Chromium.
"""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import go_offline, wait_for_service_worker

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# Setting up (pip, migrations, seeding, collectstatic) on a fresh checkout.
START_TIMEOUT_S = 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """scripts/serve.sh running; yields its address, as its closing line prints it."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        PORT=str(port),
        DATABASE_URL=f"sqlite:///{tmp_path}/served.sqlite3",
        SERVE_SECRET_FILE=str(tmp_path / "secret-key"),
    )
    process = subprocess.Popen(
        ["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    output: list[str] = []
    address = None
    waiting = selectors.DefaultSelector()
    waiting.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while address is None and time.monotonic() < deadline and process.poll() is None:
            if waiting.select(timeout=deadline - time.monotonic()):
                line = process.stdout.readline()
                output.append(line)
                if line.startswith("Serving ROS1 Companion at "):
                    address = line.split(" at ", 1)[1].split()[0].rstrip("/")
        # gunicorn prints it once it listens (scripts/gunicorn_serve.py).
        assert address == f"http://127.0.0.1:{port}", "".join(output)
        yield address
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_the_serve_command_gives_a_library_and_journal_that_work_offline(browser, served):
    context = browser.new_context(base_url=served, service_workers="allow")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto("/")
    wait_for_service_worker(page)
    # A visitor never meets Django's debug page.
    missing = page.goto("/no-such-page/")
    assert missing.status == 404
    expect(page.locator("body")).not_to_contain_text("URLconf")

    go_offline(context)
    page.goto("/learn/faq/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # site.css applied: its colour variables are defined on the root element.
    ink = page.evaluate(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--ink').trim()"
    )
    assert ink == "#111"
    page.goto("/journal/")
    expect(page.locator("html[data-journal-ready]")).to_have_count(1)
    expect(page.get_by_role("button", name="Add a treatment")).to_be_visible()
    assert [url for url in failed if "/static/" in url] == []
    context.close()
