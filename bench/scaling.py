"""Scaling benchmark (issue 13, docs/scaling.md), on PostgreSQL.

Drops and re-creates the database named by DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/ros1_growth_scale; it refuses any name not
starting with ros1_growth), migrates it, and loads a scaled sample of the
journal with INSERT ... SELECT generate_series:

- `--users` patients (default 20,000) whose entry counts follow an
  exponential distribution with a mean of 500 (capped at 5,000): most have a
  few hundred, a few have thousands;
- their records (default about 10 million), mixed over the four collections
  with realistic `data`, 5 % of them tombstones, 70 % at version 1, 20 % at
  version 2 and 10 % at versions 3 to 5, written over the past 365 days;
- one stored reply (AppliedMutation) per accepted change, i.e. one per
  version of every record;
- rows arrive interleaved across patients, as they do in production (each
  patient's n-th entry is written in the same round as every other's), so a
  patient's rows are spread over the table's pages, not packed together.

Then it prints:

- rows, heap, TOAST and each index's size per table (pg_relation_size), bytes
  per row, and the same extrapolated to 1,000,000 patients x 500 entries;
- how much retention would remove (replies and tombstones older than 30 days),
  and the measured rate of `sync_history_prune` on a few batches;
- the median of many pulls of a page of 200 (from the beginning and from a mid
  cursor) and pushes of 20 and 100 new entries, through Django's test Client
  (all middleware, bearer token, DRF), for a patient with about 500 entries;
- EXPLAIN (ANALYZE, BUFFERS) of the pull's query and of the push's look-ups.

Run with `nice -n 10`; loading 10 million records takes tens of minutes on
a shared 2-core machine. `--keep` leaves the database in place (drop it with
`dropdb ros1_growth_scale` when done); `--measure-only` skips the load and
measures a database kept by an earlier run.

Run: nice -n 10 .venv/bin/python bench/scaling.py [--users 20000] [--runs 50]
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

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ros1_growth_scale"
TARGET_PATIENTS = 1_000_000
TARGET_ENTRIES = 500
MEAN_ENTRIES = 500
MAX_ENTRIES = 5000
PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"
TRACKER_TABLES = (
    "tracker_record",
    "tracker_appliedmutation",
    "tracker_syncstate",
    "tracker_forgottenrecord",
)


def _database_name(url: str) -> str:
    name = urlparse(url).path.lstrip("/")
    if not name.startswith("ros1_growth"):
        raise SystemExit(f"refusing to use {name!r}: this benchmark only uses ros1_growth*")
    return name


def _fresh_database(url: str) -> None:
    """Drops and creates the benchmark database (never anything but the one named)."""
    import psycopg

    name = _database_name(url)
    admin = urlparse(url)._replace(path="/postgres").geturl()
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


def _sql(query: str, params: list | tuple = ()) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def _execute(query: str, params: list | tuple = ()) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.rowcount


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _machine() -> None:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    pg = _sql("SHOW server_version")[0][0]
    shared = _sql("SHOW shared_buffers")[0][0]
    print(f"machine: nproc={os.cpu_count()}  cpu={cpu}  PostgreSQL {pg} shared_buffers={shared}")
    print(f"         python {platform.python_version()}  load average {_load()}")
    print()


# -- Loading -------------------------------------------------------------------

# Realistic `data` per collection (the shapes of tracker/contract.py), the text
# varied per row so that nothing compresses better than a real journal would.
_DATA = {
    "scans": (
        "jsonb_build_object('date', to_char(d, 'YYYY-MM-DD'), 'modality', 'ct', "
        "'sites', jsonb_build_array('chest', 'brain'), 'outcome', 'stable', "
        "'brain_outcome', 'improved', 'recist', 'SD', 'course', NULL, "
        "'notes', 'The report says the nodules are about the same size. ' || left(h, 12))"
    ),
    "courses": (
        "jsonb_build_object('drug', 'other', 'drug_name', 'Trial drug ' || left(h, 4), "
        "'start_date', to_char(d, 'YYYY-MM-DD'), 'stop_date', NULL, "
        "'dose', '100 mg twice daily', 'line', 2, 'stop_reason', NULL, 'notes', '')"
    ),
    "side_effects": (
        "jsonb_build_object('term', 'other', 'term_other', 'Tingling in the fingers', "
        "'severity', 2, 'interference', 1, 'onset_date', to_char(d, 'YYYY-MM-DD'), "
        "'resolved_date', NULL, 'action', 'none', 'course', NULL, "
        "'notes', 'Worse in the evening ' || left(h, 8))"
    ),
    "questions": (
        "jsonb_build_object('text', 'Should I take it with food? ' || left(h, 10), "
        "'source', NULL, 'asked', false, 'answer', '')"
    ),
}


def _load_sample(*, users: int, chunk_rows: int) -> None:
    """Patients, their records and their stored replies, interleaved across patients."""
    started = time.perf_counter()
    _sql(
        """
        INSERT INTO auth_user (username, email, password, is_superuser, is_staff, is_active,
                               first_name, last_name, date_joined)
        SELECT 'patient-' || g, 'patient-' || g || '@example.com', '!', false, false, true,
               '', '', now() - interval '400 days'
        FROM generate_series(1, %s) AS g
        """,
        [users],
    )
    # Entries per patient: exponential with mean 500, at least 1, at most 5,000;
    # seeded so that every run loads the same sample.
    _sql("SELECT setseed(0.13)")
    _sql(
        """
        CREATE UNLOGGED TABLE bench_patient AS
        SELECT id AS user_id,
               greatest(1, least(%s, floor(-%s * ln(1 - random()))))::int AS n
        FROM auth_user WHERE username LIKE 'patient-%%'
        """,
        [MAX_ENTRIES, MEAN_ENTRIES],
    )
    _sql("CREATE INDEX ON bench_patient (n)")
    _sql("ANALYZE bench_patient")
    total, longest = _sql("SELECT sum(n), max(n) FROM bench_patient")[0]
    print(f"loading {users:,} patients with {total:,} records (the longest journal {longest:,})")
    # Round p holds every patient's p-th entry; a chunk is a range of rounds.
    counts = dict(_sql("SELECT n, count(*) FROM bench_patient GROUP BY n"))
    rounds: list[tuple[int, int]] = []
    first, rows_in_chunk, alive = 1, 0, users
    for p in range(1, longest + 1):
        rows_in_chunk += alive
        alive -= counts.get(p, 0)
        if rows_in_chunk >= chunk_rows or p == longest:
            rounds.append((first, p))
            first, rows_in_chunk = p + 1, 0
    case = " ".join(
        f"WHEN {i} THEN {expr}"
        for i, expr in enumerate(
            [_DATA["side_effects"]] * 8
            + [_DATA["questions"]] * 7
            + [_DATA["scans"]] * 4
            + [_DATA["courses"]]
        )
    )
    collection = (
        "(ARRAY['side_effects','side_effects','side_effects','side_effects','side_effects',"
        "'side_effects','side_effects','side_effects','questions','questions','questions',"
        "'questions','questions','questions','questions','scans','scans','scans','scans',"
        "'courses'])[k + 1]"
    )
    done = 0
    for low, high in rounds:
        # Per row: k picks the collection, v the version (70 % 1, 20 % 2, 10 % 3-5),
        # x whether it is a tombstone (5 %), t its last change: each journal
        # spreads over the past year, in the order of its positions.
        done += _execute(
            f"""
            INSERT INTO tracker_record (id, user_id, collection, version, deleted, data,
                                        created_at, updated_at, change_seq)
            SELECT id, user_id, {collection}, v, x, CASE WHEN x THEN '{{}}'::jsonb
                   ELSE CASE k {case} END END, t - (v - 1) * interval '3 days', t,
                   2 * p - (v = 1)::int
            FROM (
                SELECT gen_random_uuid() AS id, b.user_id, p,
                       (abs(hashtextextended(b.user_id || ':' || p, 1)) %% 20)::int AS k,
                       CASE WHEN r < 0.7 THEN 1 WHEN r < 0.9 THEN 2
                            ELSE 3 + floor(random() * 3)::int END AS v,
                       random() < 0.05 AS x,
                       now() - interval '365 days' * (1 - p::float / (b.n + 1)) AS t,
                       md5(b.user_id || ':' || p) AS h,
                       current_date - (p %% 300) AS d
                FROM generate_series(%s, %s) AS p
                JOIN bench_patient b ON b.n >= p,
                LATERAL (SELECT random() AS r) AS rr
                ORDER BY p
            ) AS s
            """,  # noqa: S608 - no outside input in the SQL
            [low, high],
        )
        print(
            f"    records of rounds {low:>4}-{high:<4} loaded ({done:,} so far, "
            f"{time.perf_counter() - started:,.0f} s, load {_load()})",
            flush=True,
        )
    records_s = time.perf_counter() - started
    _sql(
        """
        INSERT INTO tracker_syncstate (user_id, last_seq, pruned_seq)
        SELECT user_id, 2 * n, 0 FROM bench_patient
        """
    )
    # One stored reply per accepted change (one per version), written in the
    # order they were applied, as the push writes them: the primary key follows time.
    print("    stored replies: one per version of every record, in the order applied", flush=True)
    months = 12
    now_sql = "now()"
    for m in range(months, 0, -1):
        _sql(
            f"""
            INSERT INTO tracker_appliedmutation (user_id, mutation_id, result, applied_at)
            SELECT r.user_id, gen_random_uuid(),
                   jsonb_build_object('id', r.id::text, 'status', 'applied', 'version', g),
                   at
            FROM tracker_record r,
                 LATERAL generate_series(1, r.version) AS g,
                 LATERAL (SELECT r.updated_at - (r.version - g) * interval '3 days' AS at) a
            WHERE a.at >= {now_sql} - interval '1 month' * %s
              AND a.at < {now_sql} - interval '1 month' * %s
            ORDER BY a.at
            """,  # noqa: S608 - no outside input in the SQL
            [m, m - 1],
        )
        print(
            f"    replies of month -{m:>2} loaded ({time.perf_counter() - started:,.0f} s, "
            f"load {_load()})",
            flush=True,
        )
    # Replies older than a year (edits of the oldest entries), written first in real life.
    _sql(
        f"""
        INSERT INTO tracker_appliedmutation (user_id, mutation_id, result, applied_at)
        SELECT r.user_id, gen_random_uuid(),
               jsonb_build_object('id', r.id::text, 'status', 'applied', 'version', g), at
        FROM tracker_record r,
             LATERAL generate_series(1, r.version) AS g,
             LATERAL (SELECT r.updated_at - (r.version - g) * interval '3 days' AS at) a
        WHERE a.at < {now_sql} - interval '1 month' * %s
        """,  # noqa: S608 - no outside input in the SQL
        [months],
    )
    _sql("DROP TABLE bench_patient")
    _sql("VACUUM ANALYZE")
    print(
        f"loaded in {time.perf_counter() - started:,.0f} s (records {records_s:,.0f} s), "
        f"load {_load()}"
    )
    print()


# -- Sizes ---------------------------------------------------------------------


def _mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB" if n < 2**30 * 10 else f"{n / 2**30:,.1f} GB"


def report_sizes() -> dict:
    """Each table's and index's size, per row, and extrapolated to 500 million records."""
    rows = {t: _sql(f"SELECT count(*) FROM {t}")[0][0] for t in TRACKER_TABLES}  # noqa: S608
    records = rows["tracker_record"]
    replies_due = _sql("SELECT sum(version) FROM tracker_record")[0][0]
    patients = rows["tracker_syncstate"]
    factor = TARGET_PATIENTS * TARGET_ENTRIES / records
    print(
        f"sample: {patients:,} patients, {records:,} records, "
        f"{rows['tracker_appliedmutation']:,} stored replies "
        f"({rows['tracker_appliedmutation'] / records:.2f} per record)"
    )
    print(
        f"extrapolation factor to {TARGET_PATIENTS:,} x {TARGET_ENTRIES} = "
        f"{TARGET_PATIENTS * TARGET_ENTRIES:,} records: x{factor:,.1f}"
    )
    print()
    print(f"{'relation':<48} {'rows':>12} {'size':>10} {'B/row':>7} {'at 500 M':>10}")
    total_sample = total_target = 0
    sizes = {}
    for table in TRACKER_TABLES:
        n = rows[table]
        # SyncState grows with patients, not records; stored replies with the
        # accepted changes (one per version of every record), counted from the
        # records so that a sample whose replies were not all loaded still
        # extrapolates per reply.
        scale = TARGET_PATIENTS / patients if table == "tracker_syncstate" else factor
        if table == "tracker_appliedmutation" and n:
            scale = replies_due * factor / n
        heap, toast, total = _sql(
            "SELECT pg_relation_size(c.oid), "
            "coalesce(pg_total_relation_size(c.reltoastrelid), 0), pg_total_relation_size(c.oid) "
            "FROM pg_class c WHERE c.relname = %s",
            [table],
        )[0]
        parts = [(f"{table} (heap)", heap), (f"{table} (TOAST)", toast)]
        parts += _sql(
            "SELECT '  index ' || i.relname, pg_relation_size(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "WHERE t.relname = %s ORDER BY i.relname",
            [table],
        )
        for name, size in parts:
            per_row = size / n if n else 0
            print(f"{name:<48} {n:>12,} {_mb(size):>10} {per_row:>7.0f} {_mb(size * scale):>10}")
        print(
            f"{table + ' total':<48} {'':>12} {_mb(total):>10} "
            f"{(total / n if n else 0):>7.0f} {_mb(total * scale):>10}"
        )
        sizes[table] = (n, total, scale)
        total_sample += total
        total_target += total * scale
    print(
        f"{'all tracker tables':<48} {'':>12} {_mb(total_sample):>10} {'':>7} "
        f"{_mb(total_target):>10}"
    )
    print()
    return sizes


def report_retention(sizes: dict, *, prune_batches: int) -> None:
    """What a 30-day retention removes from this sample, and how fast the prune runs."""
    from django.utils import timezone

    from tracker.services import PRUNE_BATCH_SIZE, _prune_replies, _prune_tombstones

    # Counted from the records (each version's reply applied 3 days before the
    # next), the same rule the loader writes them by.
    young_replies, all_replies = _sql(
        "SELECT coalesce(sum(CASE WHEN updated_at >= now() - interval '30 days' THEN "
        "least(version, floor(extract(epoch FROM updated_at - (now() - interval '30 days'))"
        " / 259200)::int + 1) ELSE 0 END), 0), sum(version) FROM tracker_record"
    )[0]
    old_replies = all_replies - young_replies
    old_tombs, all_tombs = _sql(
        "SELECT count(*) FILTER (WHERE updated_at < now() - interval '30 days'), count(*) "
        "FROM tracker_record WHERE deleted"
    )[0]
    n, total, scale = sizes["tracker_appliedmutation"]
    kept = total / n * young_replies * scale
    print(
        f"retention 30 days: {old_replies:,} of {all_replies:,} stored replies "
        f"({old_replies / all_replies:.0%}) and {old_tombs:,} of {all_tombs:,} tombstones "
        "are older"
    )
    print(
        f"    stored replies at 500 M records: {_mb(total * scale)} kept forever, "
        f"{_mb(kept)} with 30 days' retention (at this sample's edit rate)"
    )
    cutoff = timezone.now() - timezone.timedelta(days=30)
    started = time.perf_counter()
    tombstones = sum(
        len(_prune_tombstones(cutoff=cutoff, batch_size=PRUNE_BATCH_SIZE))
        for _ in range(prune_batches)
    )
    tomb_s = time.perf_counter() - started
    started = time.perf_counter()
    replies = _prune_replies(cutoff=cutoff, batch_size=PRUNE_BATCH_SIZE, max_batches=prune_batches)
    reply_s = time.perf_counter() - started
    print(
        f"    sync_history_prune, {prune_batches} batches of {PRUNE_BATCH_SIZE}: "
        f"{tombstones:,} tombstones in {tomb_s:.1f} s ({tombstones / tomb_s:,.0f}/s), "
        f"{replies:,} replies in {reply_s:.1f} s ({replies / reply_s:,.0f}/s); load {_load()}"
    )
    print()


# -- Requests ------------------------------------------------------------------


def _client(user_id: int):
    from django.contrib.auth.models import User
    from django.test import Client

    from accounts.services import token_create

    _, key = token_create(user=User.objects.get(pk=user_id), label="bench")
    return Client(HTTP_AUTHORIZATION=f"Token {key}", HTTP_USER_AGENT="bench/1.0")


def _new_mutations(count: int) -> list[dict]:
    return [
        {
            "mutation_id": str(uuid.uuid4()),
            "collection": "questions",
            "id": str(uuid.uuid4()),
            "op": "upsert",
            "base_version": None,
            "data": {"text": f"Should I take it with food? {i}", "asked": False},
        }
        if i % 2
        else {
            "mutation_id": str(uuid.uuid4()),
            "collection": "side_effects",
            "id": str(uuid.uuid4()),
            "op": "upsert",
            "base_version": None,
            "data": {
                "term": "other",
                "term_other": "Tingling in the fingers",
                "severity": 2,
                "interference": 1,
                "onset_date": "2026-11-01",
                "notes": f"Worse in the evening {i}",
            },
        }
        for i in range(count)
    ]


def _median_ms(fn, runs: int) -> tuple[float, float, float]:
    """Median and 90th percentile wall time of `fn`, and its median CPU time in this
    process (Django's share; the rest is PostgreSQL and waiting for a core), in ms."""
    for _ in range(3):
        fn()
    timings, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.9) - 1], statistics.median(cpu)


def report_requests(*, runs: int) -> tuple[int, int]:
    """Pulls and pushes for a patient with about 500 entries, median of `runs` each."""
    user_id, n = _sql(
        "SELECT user_id, count(*) FROM tracker_record GROUP BY user_id "
        "HAVING count(*) BETWEEN 480 AND 520 ORDER BY user_id LIMIT 1"
    )[0]
    client = _client(user_id)
    first = client.get(PULL, {"limit": 200})
    assert first.status_code == 200, first.content[:300]
    mid_cursor = first.json()["cursor"]

    def pull(cursor=None):
        params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        response = client.get(PULL, params)
        if response.status_code != 200:
            raise SystemExit(f"pull answered {response.status_code}: {response.content[:300]!r}")

    print(
        f"requests for patient {user_id} ({n} records), median and p90 of {runs} runs, "
        "through django.test.Client (every middleware, bearer token), load before "
        f"{_load()}"
    )
    for label, fn in (
        ("pull of 200, from the beginning", lambda: pull()),
        ("pull of 200, from a mid cursor (200 in)", lambda: pull(mid_cursor)),
    ):
        median, p90, cpu = _median_ms(fn, runs)
        print(f"    {label:<44} median {median:6.2f} ms  p90 {p90:6.2f} ms  CPU {cpu:5.2f} ms")
    for size in (20, 100):
        batches = [_new_mutations(size) for _ in range(runs + 3)]

        def push(batches=batches):
            body = json.dumps(
                {"schema": 1, "client_id": "bench-device", "mutations": batches.pop()}
            )
            response = client.post(PUSH, body, content_type="application/json")
            if response.status_code != 200:
                raise SystemExit(f"push answered {response.status_code}")

        median, p90, cpu = _median_ms(push, runs)
        label = f"push of {size} new entries"
        print(f"    {label:<44} median {median:6.2f} ms  p90 {p90:6.2f} ms  CPU {cpu:5.2f} ms")
    print(f"    load after {_load()}")
    print()
    return user_id, n


def report_plans(user_id: int) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the pull's query and of the push's look-ups."""
    from django.db import connection, transaction

    seqs = [
        s
        for (s,) in _sql(
            "SELECT change_seq FROM tracker_record WHERE user_id = %s ORDER BY change_seq",
            [user_id],
        )
    ]
    mid = seqs[len(seqs) // 2]
    mutation_ids = [
        m
        for (m,) in _sql(
            "SELECT mutation_id FROM tracker_appliedmutation WHERE user_id = %s LIMIT 50",
            [user_id],
        )
    ] + [uuid.uuid4() for _ in range(50)]
    record_ids = [
        r for (r,) in _sql("SELECT id FROM tracker_record WHERE user_id = %s LIMIT 50", [user_id])
    ] + [uuid.uuid4() for _ in range(50)]
    queries = [
        (
            "pull: a page of 200 from a mid cursor, with the compaction horizon",
            "SELECT collection, id, version, deleted, updated_at, data, change_seq, "
            "(SELECT pruned_seq FROM tracker_syncstate WHERE user_id = %s LIMIT 1) "
            "FROM tracker_record WHERE user_id = %s AND change_seq > %s "
            "ORDER BY change_seq LIMIT 201",
            [user_id, user_id, mid],
        ),
        (
            "push: the user's row lock",
            "SELECT user_id, last_seq, pruned_seq FROM tracker_syncstate WHERE user_id = %s "
            "FOR UPDATE",
            [user_id],
        ),
        (
            "push of 100: stored replies of its mutation ids (50 known, 50 new)",
            "SELECT mutation_id, result FROM tracker_appliedmutation "
            "WHERE user_id = %s AND mutation_id = ANY(%s)",
            [user_id, mutation_ids],
        ),
        (
            "push of 100: existing records of its ids (50 known, 50 new)",
            "SELECT * FROM tracker_record WHERE id = ANY(%s)",
            [record_ids],
        ),
        (
            "prune: the oldest batch of tombstones past retention",
            "SELECT id, user_id, change_seq FROM tracker_record "
            "WHERE deleted AND updated_at < now() - interval '30 days' "
            "ORDER BY updated_at LIMIT 1000",
            [],
        ),
    ]
    for label, query, params in queries:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query, params)
            plan = [row[0] for row in cursor.fetchall()]
        print(f"EXPLAIN ANALYZE, {label}:")
        for line in plan:
            # The look-ups' 100 ids make lines thousands of characters long.
            print("    " + (line if len(line) <= 160 else line[:157] + "..."))
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20_000, help="patients in the sample")
    parser.add_argument("--runs", type=int, default=50, help="timed runs of each request")
    parser.add_argument("--chunk-rows", type=int, default=500_000, help="records per INSERT")
    parser.add_argument("--prune-batches", type=int, default=20, help="batches of the prune")
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    parser.add_argument("--measure-only", action="store_true", help="measure a kept database")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("bench/scaling.py measures PostgreSQL: set DATABASE_URL=postgres://...")
    _database_name(url)
    if not args.measure_only:
        _fresh_database(url)
    _setup(url)
    _machine()
    if not args.measure_only:
        _load_sample(users=args.users, chunk_rows=args.chunk_rows)
    else:
        _sql("ANALYZE")
    sizes = report_sizes()
    user_id, _ = report_requests(runs=args.runs)
    report_plans(user_id)
    # Last: it deletes part of the sample.
    report_retention(sizes, prune_batches=args.prune_batches)
    print("load average after: " + _load())
    if not args.keep:
        from django.db import connections

        connections.close_all()
        import psycopg

        admin = urlparse(url)._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{_database_name(url)}" WITH (FORCE)')
        print(f"dropped {_database_name(url)}")


if __name__ == "__main__":
    main()
