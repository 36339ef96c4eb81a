"""ROS1's sync server beside PouchDB Server, in one run, with the same client.

ROS1: this tree under gunicorn (its gunicorn.conf.py) on a fresh PostgreSQL
database ros1_perf_cmp. PouchDB Server 4.2.0 (express-pouchdb on leveldb),
installed from bench/pouchdb/package-lock.json (`npm ci` there, once), on a
fresh folder. Each client is its own patient on ROS1 and its own database on
PouchDB (CouchDB's database-per-user, how such apps keep users apart).

Requests, each at 1, 4 and 16 concurrent clients, ROS1 and PouchDB one after
the other for --seconds each:

- a bulk write of 20 new documents: our push vs `POST /db/_bulk_docs`;
- the same with 100;
- a read of 200 changes with their contents: our pull (`limit=200`, from the
  start) vs `GET /db/_changes?limit=200&include_docs=true`.

Prints requests/s for each and the ratio ROS1 / PouchDB, and the load average.

Run: (cd bench/pouchdb && npm ci --no-audit --no-fund) once, then
     .venv/bin/python bench/pouchdb_compare.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import _MAKE_USERS, _entry, _fresh_database, _server_env  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ROS1_PORT, POUCH_PORT = 8631, 8632
CONCURRENCY = (1, 4, 16)


def _wait(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit(f"the server on port {port} did not start") from None
            time.sleep(0.2)


def _docs(n: int, rng: random.Random) -> list[tuple[str, str, dict]]:
    out = []
    for _ in range(n):
        collection, data = _entry(rng, rng.randrange(1000))
        out.append((str(uuid.uuid4()), collection, data))
    return out


class Client:
    def __init__(self, port: int, headers: dict[str, str]):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Content-Type": "application/json", **headers}

    def call(self, method: str, path: str, body: bytes | None = None) -> bytes:
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=self.headers)
                r = self.conn.getresponse()
                data = r.read()
                if r.will_close:
                    self.conn.close()
                if r.status not in (200, 201):
                    raise SystemExit(f"{method} {path} answered {r.status}: {data[:200]!r}")
                return data
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")


class Ros1:
    name = "ROS1"

    def __init__(self, client: Client):
        self.client = client
        self.rng = random.Random(id(self))

    def write(self, n: int) -> None:
        mutations = [
            {
                "mutation_id": str(uuid.uuid4()),
                "collection": c,
                "id": i,
                "op": "upsert",
                "base_version": None,
                "data": d,
            }
            for i, c, d in _docs(n, self.rng)
        ]
        body = json.dumps({"schema": 1, "client_id": "compare", "mutations": mutations})
        results = json.loads(self.client.call("POST", "/api/v1/sync/push", body.encode()))
        assert all(r["status"] == "applied" for r in results["results"])

    def read(self) -> None:
        page = json.loads(self.client.call("GET", "/api/v1/sync/pull?limit=200"))
        assert len(page["changes"]) == 200


class Pouch:
    name = "PouchDB"

    def __init__(self, client: Client, db: str):
        self.client, self.db = client, db
        self.rng = random.Random(id(self))
        client.call("PUT", f"/{db}")

    def write(self, n: int) -> None:
        docs = [{"_id": i, "collection": c, "data": d} for i, c, d in _docs(n, self.rng)]
        results = json.loads(
            self.client.call("POST", f"/{self.db}/_bulk_docs", json.dumps({"docs": docs}).encode())
        )
        assert all(r.get("ok") for r in results)

    def read(self) -> None:
        page = json.loads(
            self.client.call("GET", f"/{self.db}/_changes?limit=200&include_docs=true")
        )
        assert len(page["results"]) == 200


def _measure(peers: list, action, seconds: float) -> float:
    """Requests per second with one thread per peer, each back to back."""
    stop = time.monotonic() + seconds
    counts = [0] * len(peers)

    def loop(i: int) -> None:
        while time.monotonic() < stop:
            action(peers[i])
            counts[i] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(i,)) for i in range(len(peers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    pouch_bin = ROOT / "bench" / "pouchdb" / "node_modules" / ".bin" / "pouchdb-server"
    if not pouch_bin.exists():
        raise SystemExit("first: (cd bench/pouchdb && npm ci --no-audit --no-fund)")
    clients = max(CONCURRENCY)
    _fresh_database("ros1_perf_cmp")
    env = _server_env("ros1_perf_cmp")
    py = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [py, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    made = subprocess.run(
        [py, "-c", _MAKE_USERS, str(clients)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    users = json.loads(made.stdout.strip().splitlines()[-1])
    pouch_dir = Path(tempfile.mkdtemp(prefix="ros1-pouchdb-"))
    logs = open(ROOT / "bench" / ".compare.log", "w")  # noqa: SIM115
    ros1 = subprocess.Popen(
        [py, "-m", "gunicorn", "ros1site.wsgi", "--bind", f"127.0.0.1:{ROS1_PORT}"],
        cwd=ROOT,
        env=env,
        stdout=logs,
        stderr=subprocess.STDOUT,
    )
    pouch = subprocess.Popen(
        [str(pouch_bin), "--port", str(POUCH_PORT), "--dir", str(pouch_dir), "--no-stdout-logs"],
        cwd=pouch_dir,
        stdout=logs,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait(ROS1_PORT, ros1)
        _wait(POUCH_PORT, pouch)
        ros1_peers = [
            Ros1(Client(ROS1_PORT, {"Authorization": f"Token {u['keys'][0]}"})) for u in users
        ]
        pouch_peers = [Pouch(Client(POUCH_PORT, {}), f"patient-{i}") for i in range(clients)]
        for peer in ros1_peers + pouch_peers:  # warm-up, and 200 changes to read for each
            for _ in range(2):
                peer.write(100)
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        print(
            f"ROS1 at {commit} (gunicorn.conf.py) on PostgreSQL vs PouchDB Server 4.2.0 "
            f"(leveldb); {args.seconds:g} s each; load average {os.getloadavg()}"
        )
        print("| request | clients | ROS1 req/s | PouchDB req/s | ROS1 / PouchDB | load |")
        print("| --- | --- | --- | --- | --- | --- |")
        actions = {
            "bulk write of 20": lambda p: p.write(20),
            "bulk write of 100": lambda p: p.write(100),
            "read 200 changes": lambda p: p.read(),
        }
        for label, action in actions.items():
            for n in CONCURRENCY:
                a = _measure(ros1_peers[:n], action, args.seconds)
                b = _measure(pouch_peers[:n], action, args.seconds)
                print(
                    f"| {label} | {n} | {a:,.0f} | {b:,.0f} | {a / b:.2f} | "
                    f"{os.getloadavg()[0]:.1f} |",
                    flush=True,
                )
    finally:
        for p in (ros1, pouch):
            p.terminate()
            p.wait(timeout=30)
        shutil.rmtree(pouch_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
