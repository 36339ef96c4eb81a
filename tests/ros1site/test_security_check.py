"""bench/security_check.py against the real server: gunicorn, DEBUG off, as in production."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def production_server(tmp_path):
    """gunicorn on a fresh SQLite file with collected static files; yields its address."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="ros1site.settings",
        DATABASE_URL=f"sqlite:///{tmp_path}/served.sqlite3",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="security-check-" + "k" * 50,
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_CLIENT_IP_HEADER="REMOTE_ADDR",
        DJANGO_FAST_PASSWORD_HASHER="1",
    )
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True,
            timeout=120,
        )  # fmt: skip
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "ros1site.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "no server"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_the_security_self_check_passes_against_the_production_server(production_server):
    result = subprocess.run(
        [sys.executable, "bench/security_check.py", production_server],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "FAIL" not in out
    for family in ("sign-in API", "push", "page form"):
        assert f"PASS  body {family}" in out
    assert "declared 200.0 MiB -> 413 after 0 B sent" in out
    assert "A's lockout does not affect B" in out
    assert "PASS  method: TRACE / -> 405" in out
    assert "0 failed" in out
