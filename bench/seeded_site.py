"""The site as the browser benchmarks need it: seeded content on a throwaway SQLite database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server at {url} did not start")


@contextmanager
def seeded_site() -> Iterator[str]:
    """Migrates and seeds a fresh database, serves it on a free port, and yields the base URL.

    The seed gives the real catalogue (the check-in's symptoms among it).
    """
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "DJANGO_DEBUG": "1",
            "DJANGO_FAST_PASSWORD_HASHER": "1",
        }
        py = sys.executable
        manage = str(ROOT / "manage.py")
        subprocess.run([py, manage, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
        subprocess.run([py, manage, "seed_content"], check=True, env=env, cwd=ROOT,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        port = free_port()
        server = subprocess.Popen(
            [py, manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(f"{base}/journal/")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)
