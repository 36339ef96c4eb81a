"""Front-end weight (issue 4, Figures).

Serves the site as production does (DEBUG off, collectstatic with the hashed and
compressed storage, whitenoise, gunicorn) on a throwaway SQLite database filled
with the real seed content, then prints:

- the first visit to the home page: HTML + CSS + JS bytes over the wire, as
  headless Chromium received them (its Accept-Encoding; over plain http that is
  gzip, not brotli). Target <= 100 KB.
- the whole precache, the entire education library included: the bytes the
  service worker keeps in Cache Storage after install (decoded), and what they
  cost over the wire (gzip, and brotli where whitenoise has it). Target <= 1.5 MB.

Run: .venv/bin/python bench/frontend_weight.py
"""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
KB = 1024
FIRST_VISIT_TARGET = 100 * KB
PRECACHE_TARGET = 1.5 * KB * KB


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(tmp: Path) -> dict[str, str]:
    (tmp / "bench_settings.py").write_text(
        f"from ros1site.settings import *  # noqa\nSTATIC_ROOT = {str(tmp / 'static')!r}\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + os.urandom(16).hex(),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
    }
    for command in (["migrate", "--noinput"], ["seed_content"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [str(PYTHON), "manage.py", *command, "-v", "0"],
            cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return env


def serve(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "ros1site.wsgi", "--bind",
         f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def first_visit(base: str) -> tuple[list[tuple[str, str, int]], dict]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base, service_workers="allow")
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.goto("/", wait_until="networkidle")
        rows = []
        for request in responses:
            if request.resource_type in {"document", "stylesheet", "script"}:
                size = request.sizes()["responseBodySize"]
                rows.append((request.resource_type, request.url.removeprefix(base), size))
        # Let the worker finish precaching, then read what Cache Storage holds.
        page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
        stored = page.evaluate(
            """async () => {
                const out = {entries: 0, bytes: 0, pages: 0, api: 0};
                for (const name of await caches.keys()) {
                    const cache = await caches.open(name);
                    for (const request of await cache.keys()) {
                        const body = await (await cache.match(request)).arrayBuffer();
                        out.entries += 1;
                        out.bytes += body.byteLength;
                        const path = new URL(request.url).pathname;
                        if (!path.startsWith("/static/")) out.pages += 1;
                        if (path.startsWith("/api/")) out.api += 1;
                    }
                }
                return out;
            }"""
        )
        browser.close()
    return rows, stored


def transfer_size(url: str, encoding: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        return len(body), response.headers.get("Content-Encoding", "identity")


def precache_transfer(base: str) -> dict[str, int]:
    worker = urllib.request.urlopen(f"{base}/serviceworker.js", timeout=10).read().decode()
    config = json.loads(re.search(r"self\.ROS1_SW = (\{.*?\});\n", worker).group(1))
    bundle = re.search(r'importScripts\("([^"]+)"\)', worker).group(1)
    urls = [entry["url"] for entry in config["precache"]] + [bundle]
    totals = {"entries": len(config["precache"]), "gzip": 0, "br": 0, "identity": 0,
              "worker": len(gzip.compress(worker.encode()))}  # fmt: skip
    for url in urls:
        for encoding in ("gzip", "br", "identity"):
            size, _used = transfer_size(base + url, encoding)
            totals[encoding] += size
    return totals


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ros1-frontend-") as tmp:
        env = prepare(Path(tmp))
        port = free_port()
        server = serve(env, port)
        base = f"http://127.0.0.1:{port}"
        try:
            rows, stored = first_visit(base)
            transfer = precache_transfer(base)
        finally:
            server.terminate()
            server.wait(timeout=10)

    print("First visit to the home page (headless Chromium, bytes of body over the wire):")
    for kind, url, size in rows:
        print(f"  {kind:<10} {size / KB:8.1f} KB  {url}")
    total = sum(size for _kind, _url, size in rows)
    verdict = "OK" if total <= FIRST_VISIT_TARGET else "OVER"
    print(f"  total      {total / KB:8.1f} KB  (target <= 100 KB: {verdict})")
    print()
    print("Whole precache, the entire education library included (seed content):")
    print(f"  entries in Cache Storage: {stored['entries']} ({stored['pages']} pages), "
          f"API answers cached: {stored['api']}")  # fmt: skip
    verdict = "OK" if stored["bytes"] <= PRECACHE_TARGET else "OVER"
    print(f"  stored in Cache Storage (decoded): {stored['bytes'] / KB:8.1f} KB "
          f"(target <= 1536 KB: {verdict})")  # fmt: skip
    print(f"  over the wire, gzip:               {transfer['gzip'] / KB:8.1f} KB")
    if transfer["br"] < transfer["identity"]:
        print(f"  over the wire, brotli:             {transfer['br'] / KB:8.1f} KB")
    else:
        print(
            "  (no brotli: whitenoise writes .br files only when the Brotli package is installed)"
        )
    print(f"  uncompressed:                      {transfer['identity'] / KB:8.1f} KB")
    print(f"  the worker script itself, gzip:    {transfer['worker'] / KB:8.1f} KB")


if __name__ == "__main__":
    sys.exit(main())
