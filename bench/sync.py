"""Sync benchmark (issue 3, Figures), on PostgreSQL.

Drops and re-creates the database named by DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/ros1_bench), migrates it, and prints:

- push throughput with batches of 100 new entries, in mutations per second
  (target >= 2,500/s), and the same kind of entries pushed one mutation per
  request (target: batches >= 10x faster);
- SQL statements per push of 100 new entries, and of 10 (must be a small
  constant, the same for both);
- the median time of a pull of a page of 200 changes with 10,000 entries of
  other users in the table, then with 1,000,000 (target <= 25 ms, and the
  second no more than 1.5x the first).

Every push and pull goes through the whole HTTP stack in-process: Django's
test Client (the real middleware, authentication with a bearer token, DRF,
JSON rendering), with no socket and no web server in front. Other users'
entries are inserted with INSERT ... SELECT generate_series, not the API.

Run: .venv/bin/python bench/sync.py [--batches 50] [--singles 1000] [--pulls 200]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ros1_bench"
OTHER_USERS = 1000
PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"


def _fresh_database(url: str) -> None:
    """Drops and creates the benchmark database (never anything but the one named)."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.startswith("ros1_bench"):
        raise SystemExit(f"refusing to drop {name!r}: the benchmark only drops ros1_bench*")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _setup(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "ros1site.settings"
    # Production-like: DEBUG off, so no query log and no debug overhead.
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + os.urandom(16).hex())
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["DJANGO_SECURE_COOKIES"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_FAST_PASSWORD_HASHER"] = "1"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _machine() -> None:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"machine: nproc={os.cpu_count()}  cpu={cpu}")
    print("         (a shared machine: wall times include waiting for a core while other")
    print("         processes run; the CPU lines show what each request itself costs)")
    print(f"         python {platform.python_version()}  PostgreSQL {pg}  load average {load}")
    print("transport: django.test.Client, in-process, through every middleware; no socket")
    print()


class _ServerCpu:
    """CPU seconds used by this process's PostgreSQL backend (read from /proc: a local server)."""

    def __enter__(self):
        self.pid = self._pid()
        self.start = self._cpu(self.pid)
        return self

    def __exit__(self, *exc):
        same = self._pid() == self.pid
        self.seconds = self._cpu(self.pid) - self.start if same and self.start is not None else None

    @staticmethod
    def _pid() -> int:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]

    @staticmethod
    def _cpu(pid: int) -> float | None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_line(requests: int, django_ms: float, server: _ServerCpu, per: int) -> str:
    """What one request costs in CPU, Django plus PostgreSQL: its time on an idle machine."""
    if server.seconds is None:
        return f"    CPU per request: Django {django_ms:.1f} ms; PostgreSQL not measurable"
    pg_ms = server.seconds / requests * 1000
    total = django_ms + pg_ms
    return (
        f"    CPU per request: Django {django_ms:.1f} ms + PostgreSQL {pg_ms:.1f} ms = "
        f"{total:.1f} ms, i.e. {per * 1000 / total:,.0f} mutations/s if nothing else ran "
        "(excluding the commit's fsync)"
    )


def _entry(i: int) -> tuple[str, dict]:
    """A realistic new entry of one of the four collections, without catalogue lookups."""
    kind = i % 4
    if kind == 0:
        return "scans", {
            "date": "2026-03-01",
            "modality": "ct",
            "sites": ["chest", "brain"],
            "outcome": "stable",
            "brain_outcome": "improved",
            "recist": "SD",
            "notes": f"Scan {i}: the report says the nodules are about the same size.",
        }
    if kind == 1:
        return "questions", {"text": f"Question {i}: should I take it with food?", "asked": False}
    if kind == 2:
        return "courses", {
            "drug": "other",
            "drug_name": "Trial drug X",
            "start_date": "2026-01-05",
            "dose": "100 mg twice daily",
            "line": 2,
        }
    return "side_effects", {
        "term": "other",
        "term_other": "Tingling in the fingers",
        "severity": 2,
        "interference": 1,
        "onset_date": "2026-02-01",
    }


def _mutations(start: int, count: int) -> list[dict]:
    out = []
    for i in range(start, start + count):
        collection, data = _entry(i)
        out.append(
            {
                "mutation_id": str(uuid.uuid4()),
                "collection": collection,
                "id": str(uuid.uuid4()),
                "op": "upsert",
                "base_version": None,
                "data": data,
            }
        )
    return out


def _body(mutations: list[dict]) -> str:
    return json.dumps({"schema": 1, "client_id": "bench-device", "mutations": mutations})


def _push(client, mutations: list[dict]) -> None:
    response = client.post(PUSH, _body(mutations), content_type="application/json")
    if response.status_code != 200:
        raise SystemExit(f"push answered {response.status_code}: {response.content[:300]!r}")
    statuses = {r["status"] for r in response.json()["results"]}
    if statuses != {"applied"}:
        raise SystemExit(f"push did not apply everything: {statuses}")


def _client(user):
    from django.test import Client

    from accounts.services import token_create

    _, key = token_create(user=user, label="bench")
    return Client(HTTP_AUTHORIZATION=f"Token {key}", HTTP_USER_AGENT="bench/1.0")


def _user(email: str):
    from django.contrib.auth.models import User

    from tracker.models import SyncState

    user = User.objects.create_user(username=email, email=email, password="bench-password-1")
    SyncState.objects.create(user=user, last_seq=0)
    return user


def bench_push(*, batches: int, singles: int) -> None:
    """Throughput of new entries, 100 per request and 1 per request, for two fresh users.

    Wall time is the figure; the CPU time of this process is printed beside it
    because the machine may be shared: what is left is PostgreSQL's time and
    waiting for a core.
    """
    batch_client = _client(_user("batches@example.com"))
    _push(batch_client, _mutations(0, 100))  # warm-up: connections, caches, the catalogue
    work = [_mutations(100 + b * 100, 100) for b in range(batches)]
    with _ServerCpu() as batch_server:
        started, cpu = time.perf_counter(), time.process_time()
        for mutations in work:
            _push(batch_client, mutations)
    batch_seconds = time.perf_counter() - started
    batch_cpu = (time.process_time() - cpu) / batches * 1000
    batch_rate = batches * 100 / batch_seconds

    single_client = _client(_user("singles@example.com"))
    _push(single_client, _mutations(0, 1))
    work = [_mutations(1 + i, 1) for i in range(singles)]
    with _ServerCpu() as single_server:
        started, cpu = time.perf_counter(), time.process_time()
        for mutations in work:
            _push(single_client, mutations)
    single_seconds = time.perf_counter() - started
    single_cpu = (time.process_time() - cpu) / singles * 1000
    single_rate = singles / single_seconds

    print(f"push, batches of 100 new entries: {batch_rate:8.0f} mutations/s")
    print(
        f"    ({batches} requests, {batches * 100} mutations in {batch_seconds:.2f} s, "
        f"{batch_seconds / batches * 1000:.1f} ms per request, of which {batch_cpu:.1f} ms "
        "CPU in this process)  target >= 2,500/s"
    )
    print(_cpu_line(batches, batch_cpu, batch_server, 100))
    print(f"push, one mutation per request:  {single_rate:8.0f} mutations/s")
    print(
        f"    ({singles} requests in {single_seconds:.2f} s, "
        f"{single_seconds / singles * 1000:.2f} ms per request, {single_cpu:.2f} ms CPU)"
    )
    print(_cpu_line(singles, single_cpu, single_server, 1))
    print(f"batches vs single: {batch_rate / single_rate:.1f}x faster  target >= 10x")
    print()


def bench_commit() -> None:
    """How long PostgreSQL takes to make one small commit durable (its fsync)."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_commit (x int)")
    started = time.perf_counter()
    for _ in range(100):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_commit VALUES (1)")
    elapsed_ms = (time.perf_counter() - started) * 10
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_commit")
    print(f"one small commit (its WAL flush is part of every push): {elapsed_ms:.2f} ms")
    print()


def bench_statements() -> None:
    """SQL statements of one push, for 100 and for 10 new entries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(_user("statements@example.com"))
    _push(client, _mutations(0, 1))
    counts = {}
    kinds = {}
    for size in (100, 10):
        with CaptureQueriesContext(connection) as captured:
            _push(client, _mutations(1000 + size, size))
        counts[size] = len(captured)
        kinds[size] = [q["sql"].split()[0] for q in captured.captured_queries]
    print(f"SQL statements per push of 100 new entries: {counts[100]}")
    print(f"SQL statements per push of  10 new entries: {counts[10]}")
    print(f"    {' '.join(kinds[100])}")
    print()


def _insert_other_users(total: int) -> None:
    """Brings the other users' entries up to `total` rows, in SQL, then ANALYZEs."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM tracker_record r JOIN auth_user u ON u.id = r.user_id "
            "WHERE u.username LIKE 'other-%%'"
        )
        have = cursor.fetchone()[0]
        cursor.execute("SELECT min(id) FROM auth_user WHERE username LIKE 'other-%%'")
        first_user = cursor.fetchone()[0]
        data = json.dumps(_entry(0)[1])
        # Row g belongs to user g % OTHER_USERS at position g / OTHER_USERS + 1,
        # so (user_id, change_seq) stays unique as the table grows.
        cursor.execute(
            """
            INSERT INTO tracker_record
                (id, user_id, collection, version, deleted, data,
                 created_at, updated_at, change_seq)
            SELECT gen_random_uuid(), %s + (g %% %s), 'scans', 1, false, %s::jsonb,
                   now(), now(), g / %s + 1
            FROM generate_series(%s, %s) AS g
            """,
            [first_user, OTHER_USERS, data, OTHER_USERS, have, total - 1],
        )
        cursor.execute("ANALYZE tracker_record")


def _create_other_users() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO auth_user
                (username, email, password, is_superuser, is_staff, is_active,
                 first_name, last_name, date_joined)
            SELECT 'other-' || g, 'other-' || g || '@example.com', '!', false, false, true,
                   '', '', now()
            FROM generate_series(1, %s) AS g
            """,
            [OTHER_USERS],
        )


def _pull_median(client, cursor: str, *, pulls: int) -> tuple[float, float, int]:
    """Median wall time and median CPU time of this process, in ms, and the page size."""
    for _ in range(10):
        client.get(PULL, {"cursor": cursor, "limit": 200})
    timings, cpu_timings = [], []
    for _ in range(pulls):
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(PULL, {"cursor": cursor, "limit": 200})
        timings.append(time.perf_counter() - started)
        cpu_timings.append(time.process_time() - cpu)
        if response.status_code != 200:
            raise SystemExit(f"pull answered {response.status_code}")
    changes = len(response.json()["changes"])
    return statistics.median(timings) * 1000, statistics.median(cpu_timings) * 1000, changes


def bench_pull(*, pulls: int) -> None:
    """A page of 200 changes from the middle of a 2,000-change journal, as the table grows."""
    from django.db import connection

    reader = _user("reader@example.com")
    client = _client(reader)
    for start in range(0, 2000, 100):
        _push(client, _mutations(start, 100))
    # A cursor 1,000 changes in, taken from a real pull.
    cursor = client.get(PULL, {"limit": 1000}).json()["cursor"]

    _create_other_users()
    results = {}
    for total in (10_000, 1_000_000):
        started = time.perf_counter()
        _insert_other_users(total)
        filled = time.perf_counter() - started
        with _ServerCpu() as server:
            median, cpu, changes = _pull_median(client, cursor, pulls=pulls)
        pg_ms = server.seconds / (pulls + 10) * 1000 if server.seconds is not None else float("nan")
        results[total] = median
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM tracker_record")
            rows = c.fetchone()[0]
        print(
            f"pull of a page of {changes} changes, {total:>9,} other users' entries "
            f"({rows:,} rows in all, filled in {filled:.1f} s): median {median:6.2f} ms "
            f"(CPU: Django {cpu:.2f} ms + PostgreSQL {pg_ms:.2f} ms; load {os.getloadavg()[0]:.1f})"
        )
    ratio = results[1_000_000] / results[10_000]
    print(f"    target <= 25 ms; 1,000,000 vs 10,000: {ratio:.2f}x  target <= 1.5x")
    with connection.cursor() as c:
        c.execute(
            "EXPLAIN SELECT * FROM tracker_record WHERE user_id = %s AND change_seq > %s "
            "ORDER BY change_seq LIMIT 201",
            [reader.pk, 1000],
        )
        plan = [row[0] for row in c.fetchall()]
    print("    plan: " + " / ".join(line.strip() for line in plan[:2]))
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batches", type=int, default=50, help="requests of 100 entries")
    parser.add_argument("--singles", type=int, default=1000, help="requests of 1 entry")
    parser.add_argument("--pulls", type=int, default=200, help="timed pulls per table size")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("bench/sync.py measures PostgreSQL: set DATABASE_URL=postgres://...")
    _fresh_database(url)
    _setup(url)
    _machine()
    bench_commit()
    bench_push(batches=args.batches, singles=args.singles)
    bench_statements()
    bench_pull(pulls=args.pulls)
    print("load average after: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
