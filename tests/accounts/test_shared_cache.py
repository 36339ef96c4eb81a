"""Two app servers sharing Redis (REDIS_URL) share the password-reset throttle.

Two real gunicorn processes on one database and one Redis, a real SMTP
server: the mails sent for one address stop at RESET_MAILS_PER_EMAIL however
the requests are spread over the servers. Without the shared cache each
process would count on its own and send that many each.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis

from accounts.services import RESET_MAILS_PER_EMAIL

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.getenv("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
START_TIMEOUT_S = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, body: dict) -> int:
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local server
        return response.status


@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own on the shared Redis, removed afterwards."""
    try:
        client = redis.Redis.from_url(REDIS_URL)
        client.ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis must run at {REDIS_URL} (TEST_REDIS_URL) for this test")
    prefix = f"ros1-test-{uuid.uuid4().hex}"
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def two_app_servers(tmp_path, smtp, settings, redis_prefix):
    """Two gunicorn servers, each its own process, on one SQLite file and one Redis."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="ros1site.settings",
        DATABASE_URL=f"sqlite:///{tmp_path}/shared.sqlite3",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="shared-cache-" + "k" * 50,
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_CLIENT_IP_HEADER="REMOTE_ADDR",
        DJANGO_FAST_PASSWORD_HASHER="1",
        DJANGO_PLAIN_STATIC="1",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=redis_prefix,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(settings.EMAIL_PORT),
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=120,
    )  # fmt: skip
    gunicorn = Path(sys.executable).with_name("gunicorn")
    servers = []
    try:
        for _ in range(2):
            port = _free_port()
            process = subprocess.Popen(
                [str(gunicorn), "ros1site.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", "1", "--log-level", "warning"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
            servers.append((process, f"http://127.0.0.1:{port}"))
        for process, url in servers:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                try:
                    socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), 1).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline and process.poll() is None, "no server"
                    time.sleep(0.1)
        yield [url for _, url in servers], smtp
    finally:
        for process, _ in servers:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def test_two_app_servers_sharing_redis_share_the_password_reset_throttle(two_app_servers):
    (first, second), inbox = two_app_servers
    email = "alice@example.com"
    assert _post(
        f"{first}/api/v1/auth/register", {"email": email, "password": "x" * 6 + "Q7!tz9ab"}
    ) in (200, 201)

    for attempt in range(2 * RESET_MAILS_PER_EMAIL):
        server = first if attempt % 2 == 0 else second
        assert _post(f"{server}/api/v1/auth/password-reset", {"email": email}) == 202

    messages = inbox.wait(RESET_MAILS_PER_EMAIL + 1, settle=1.0)
    assert len(messages) == RESET_MAILS_PER_EMAIL
