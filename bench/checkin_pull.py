"""Pull cost of weekly check-ins against other records (issue 14, Figures), on PostgreSQL.

Two years of weekly check-ins are 104 records. This pulls them whole, with
`schema=2`, and 104 records of the other four collections, and prints the
median time of each pull, per record and per KiB of answer, with the CPU
it took in Django and in PostgreSQL; the journals take turns in short blocks
so that the machine's other work weighs on each alike. The target: a check-in costs no more per
record than the other records do. A schema-1 pull of the same check-in
journal (every change left out, the cursor moving past them) is timed too.

Drops and re-creates the database named by DATABASE_URL, which must start
with ros1_checkin-server (default postgres://postgres@127.0.0.1:5432/
ros1_checkin-server_bench). Every pull goes through the whole stack in-process
(django.test.Client, bearer token), as bench/sync.py does, whose helpers it uses.

Run: .venv/bin/python bench/checkin_pull.py [--pulls 200] [--items 11] [--rounds 10]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import sync as base  # noqa: E402 - bench/sync.py, beside this file

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ros1_checkin-server_bench"
WEEKS = 104
SYMPTOMS = (
    "Dizziness", "Taste change", "Swelling", "Constipation", "Diarrhoea", "Nausea",
    "Tingling", "Tiredness", "Blurred vision", "Trouble thinking", "Shortness of breath",
    "Headache", "Cough", "Joint pain", "Muscle pain", "Low mood",
)  # fmt: skip


def _fresh_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.startswith("ros1_checkin-server"):
        raise SystemExit(f"refusing to drop {name!r}: this bench only drops ros1_checkin-server*")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _checkin(week: int, items: int) -> dict:
    """A realistic check-in: `items` symptoms rated on two attributes, wellbeing, a note."""
    return {
        "date": f"{2024 + week // 52}-{1 + (week % 52) // 5:02d}-{1 + week % 28:02d}",
        "items": [
            {
                "term": "other",
                "term_other": SYMPTOMS[i % len(SYMPTOMS)],
                "frequency": None,
                "severity": (week + i) % 5,
                "interference": (week * i) % 5,
            }
            for i in range(items)
        ],
        "wellbeing": week % 11,
        "course": None,
        "notes": f"Week {week}: a little more tired after the dose change.",
    }


def _push(client, mutations: list[dict], *, schema: int) -> None:
    body = json.dumps({"schema": schema, "client_id": "bench", "mutations": mutations})
    response = client.post(base.PUSH, body, content_type="application/json")
    statuses = {r["status"] for r in response.json()["results"]}
    if response.status_code != 200 or statuses != {"applied"}:
        raise SystemExit(f"push answered {response.status_code}: {response.content[:300]!r}")


def _mutation(collection: str, data: dict) -> dict:
    return {
        "mutation_id": str(uuid.uuid4()),
        "collection": collection,
        "id": str(uuid.uuid4()),
        "op": "upsert",
        "base_version": None,
        "data": data,
    }


def _time_pulls(
    journals: list[tuple], *, pulls: int, rounds: int
) -> list[tuple[float, float, float | None, int, int]]:
    """Per journal (client, schema): median wall ms, median Django CPU ms, PostgreSQL
    CPU ms per pull, changes, bytes.

    The journals take turns in `rounds` short blocks (the order flipping each
    round), so that whatever else the machine does falls on all of them alike.
    """
    walls: list[list[float]] = [[] for _ in journals]
    cpus: list[list[float]] = [[] for _ in journals]
    pg: list[float | None] = [0.0 for _ in journals]
    last = [None for _ in journals]
    for client, schema in journals:
        for _ in range(10):
            client.get(base.PULL, {"limit": 200, "schema": schema})
    per_round = max(1, pulls // rounds)
    for r in range(rounds):
        order = range(len(journals)) if r % 2 == 0 else reversed(range(len(journals)))
        for j in order:
            client, schema = journals[j]
            params = {"limit": 200, "schema": schema}
            with base._ServerCpu() as server:
                for _ in range(per_round):
                    started, cpu = time.perf_counter(), time.process_time()
                    response = client.get(base.PULL, params)
                    walls[j].append(time.perf_counter() - started)
                    cpus[j].append(time.process_time() - cpu)
            if response.status_code != 200:
                raise SystemExit(f"pull answered {response.status_code}")
            last[j] = response
            pg[j] = None if server.seconds is None or pg[j] is None else pg[j] + server.seconds
    results = []
    for j in range(len(journals)):
        body = last[j].json()
        results.append(
            (
                statistics.median(walls[j]) * 1000,
                statistics.median(cpus[j]) * 1000,
                pg[j] / (per_round * rounds) * 1000 if pg[j] is not None else None,
                len(body["changes"]),
                len(last[j].content),
            )
        )
    return results


def _line(label: str, wall: float, cpu: float, pg: float | None, n: int, size: int) -> float:
    per = (cpu + (pg or 0)) / max(n, 1)
    pg_text = f"{pg:.2f}" if pg is not None else "n/a"
    print(
        f"{label}: {n} changes, {size / 1024:.1f} KiB; median {wall:.2f} ms wall; CPU Django "
        f"{cpu:.2f} + PostgreSQL {pg_text} ms"
    )
    if n:
        print(
            f"    per record: {wall / n:.3f} ms wall, {per:.3f} ms CPU; "
            f"per KiB: {wall / (size / 1024):.3f} ms wall"
        )
    return per


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pulls", type=int, default=200, help="timed pulls of each journal")
    parser.add_argument("--items", type=int, default=11, help="symptoms per check-in")
    parser.add_argument("--rounds", type=int, default=10, help="blocks the journals take turns in")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL=postgres://.../ros1_checkin-server...")
    _fresh_database(url)
    base._setup(url)
    base._machine()

    with_checkins = base._client(base._user("checkins@example.com"))
    _push(
        with_checkins,
        [_mutation("checkins", _checkin(week, args.items)) for week in range(WEEKS)],
        schema=2,
    )
    others = base._client(base._user("others@example.com"))
    _push(others, base._mutations(0, WEEKS), schema=1)

    print(f"{WEEKS} weekly check-ins of {args.items} symptoms each, against {WEEKS} other records")
    checkins2, others2, checkins1 = _time_pulls(
        [(with_checkins, 2), (others, 2), (with_checkins, 1)], pulls=args.pulls, rounds=args.rounds
    )
    per_checkin = _line("schema-2 pull of 104 check-ins ", *checkins2)
    per_other = _line("schema-2 pull of 104 others    ", *others2)
    _line("schema-1 pull of the check-ins ", *checkins1)
    print(
        f"CPU per check-in / CPU per other record: {per_checkin / per_other:.2f}x "
        "(target <= 1.0x per record)"
    )
    print("load average after: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
