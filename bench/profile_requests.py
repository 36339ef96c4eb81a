"""Where a request's time goes, through gunicorn and PostgreSQL, under cProfile.

Serves a tree (this one, or --tree, e.g. the baseline worktree) with one sync
gunicorn worker running bench/profiled_wsgi.py, on a fresh PostgreSQL
database ros1_perf_prof_<name>, and sends one request at a time:

- a push of 20 new entries, and of 100;
- a pull of a 200-change page (the patient has 1,000 entries);
- a trivial authenticated GET (/api/v1/auth/me).

For each it prints the wall time in microseconds per request spent in the
parts that matter (cumulative: a part includes what it calls, so the rows
overlap; "middleware and handler" is the whole minus DRF's dispatch).
cProfile slows Python down (more so for code of many small calls), so read
the shares, not the absolute figures; bench/load.py gives real speeds.

Run: .venv/bin/python bench/profile_requests.py [--tree ../wt-perf-base] [--name base]
     [--requests 200] [--top 0]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import pstats
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import _MAKE_USERS, _entry, _fresh_database, _server_env  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PORT = 8621

# (label, file suffix, function): cumulative time per request.
PARTS = [
    ("whole request in Django (WSGIHandler)", "django/core/handlers/wsgi.py", "__call__"),
    ("  DRF dispatch (the view and all it calls)", "rest_framework/views.py", "dispatch"),
    ("    authentication (token or session)", "rest_framework/request.py", "_authenticate"),
    ("      token lookup", "accounts/services.py", "token_lookup"),
    ("    permission: staff check", "accounts/selectors.py", "is_staff_member"),
    ("    push: reading the body", "tracker/apis.py", "_push_payload"),
    ("    push: checking the request", "tracker/services.py", "push_request_parse"),
    ("    push: the locked part", "tracker/services.py", "_push_locked"),
    ("      entries' validation", "tracker/validation.py", "validate_record_data"),
    ("      row lock", "tracker/services.py", "_lock_state"),
    ("      the one write statement", "tracker/services.py", "_write_postgresql"),
    ("    pull: changes_since", "tracker/selectors.py", "changes_since"),
    ("      building envelopes", "tracker/selectors.py", "_row_envelope"),
    ("    JSON rendering", "rest_framework/renderers.py", "render"),
    ("  SQL: statements sent (incl. PostgreSQL's time)", "django/db/backends/utils.py", "_execute"),
    ("  SQL: COMMIT", "django/db/backends/base/base.py", "commit"),
    (
        "  SQL: connection health check",
        "django/db/backends/base/base.py",
        "close_if_health_check_failed",
    ),
]


def _request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit(f"{method} {path} answered {r.status}: {data[:300]!r}")
    return data


def _mutations(n):
    return [
        {
            "mutation_id": str(uuid.uuid4()),
            "collection": c,
            "id": str(uuid.uuid4()),
            "op": "upsert",
            "base_version": None,
            "data": d,
        }
        for c, d in (_entry(__import__("random").Random(i), i) for i in range(n))
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", default=str(ROOT))
    parser.add_argument("--name", default="new")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=0, help="also print the top N by own time")
    args = parser.parse_args()
    tree = Path(args.tree).resolve()
    database = f"ros1_perf_prof_{args.name}"
    _fresh_database(database)
    env = _server_env(database)
    py = str(tree / ".venv" / "bin" / "python")
    subprocess.run(
        [py, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=tree, env=env, check=True
    )
    made = subprocess.run(
        [py, "-c", _MAKE_USERS, "2"], cwd=tree, env=env, check=True, capture_output=True, text=True
    )
    users = json.loads(made.stdout.strip().splitlines()[-1])
    out = Path(tempfile.mkdtemp(prefix="ros1-prof-"))
    env["PROFILE_DIR"] = str(out)
    server = subprocess.Popen(
        [
            py,
            "-m",
            "gunicorn",
            "profiled_wsgi:application",
            "--pythonpath",
            str(ROOT / "bench"),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "1",
        ],
        cwd=tree,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        pusher = {
            "Authorization": f"Token {users[0]['keys'][0]}",
            "Content-Type": "application/json",
        }
        puller = {
            "Authorization": f"Token {users[1]['keys'][0]}",
            "Content-Type": "application/json",
        }

        def push(headers, n):
            body = json.dumps({"schema": 1, "client_id": "prof", "mutations": _mutations(n)})
            _request(conn, "POST", "/api/v1/sync/push", body, headers)

        for _ in range(10):  # the puller's 1,000 entries, and warming up
            push(puller, 100)
        for _ in range(5):
            _request(conn, "GET", "/api/v1/sync/pull?limit=200", headers=puller)
            _request(conn, "GET", "/api/v1/auth/me", headers=pusher)
        _request(conn, "GET", "/__profile__/setup")
        kinds = {
            "push20": lambda: push(pusher, 20),
            "push100": lambda: push(pusher, 100),
            "pull200": lambda: _request(conn, "GET", "/api/v1/sync/pull?limit=200", headers=puller),
            "me": lambda: _request(conn, "GET", "/api/v1/auth/me", headers=pusher),
        }
        counts = {}
        for name, call in kinds.items():
            n = args.requests // 4 if name == "push100" else args.requests
            for _ in range(n):
                call()
            counts[name] = n
            _request(conn, "GET", f"/__profile__/{name}")
    finally:
        server.terminate()
        server.wait(timeout=30)

    stats = {name: pstats.Stats(str(out / f"{name}.prof")) for name in counts}
    print(
        f"{tree.name} at {_commit(tree)}: µs of wall time per request under cProfile "
        f"(one worker, one request at a time; load average {os.getloadavg()[0]:.2f})"
    )
    print(f"| part | {' | '.join(counts)} |")
    print(f"| --- | {' | '.join('---' for _ in counts)} |")
    for label, suffix, func in PARTS:
        cells = []
        for name, st in stats.items():
            total = sum(
                v[3]
                for (file, _line, fn), v in st.stats.items()
                if fn == func and file.endswith(suffix)
            )
            cells.append(f"{total / counts[name] * 1e6:,.0f}" if total else "")
        if any(cells):
            print(f"| {label} | {' | '.join(cells)} |")
    if args.top:
        for name, st in stats.items():
            print(f"\n== {name}: top {args.top} by own time")
            st.sort_stats("tottime").print_stats(args.top)


def _commit(tree: Path) -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=tree, capture_output=True, text=True
    ).stdout.strip()


if __name__ == "__main__":
    main()
