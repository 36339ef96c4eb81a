"""The fault suite: simulated patients sync through the real topology while it is broken on purpose.

Starts deploy/topology.py (HAProxy, 2 gunicorn app servers, PgBouncer in
transaction mode, Patroni with a primary and a synchronous standby, etcd),
and drives patients with two devices each over real HTTP through HAProxy:
each device pushes batches (new entries, and changes to entries both devices
share, so that they race) and pulls. Meanwhile, in turn, it SIGKILLs a
gunicorn worker, SIGKILLs a whole app server (and starts it again), cuts the
database connections (pg_terminate_backend), restarts PostgreSQL, and
SIGKILLs the Patroni primary so that the synchronous standby takes over.

A device does what the offline app does: a push answered 502/503/504, or
with no answer at all, is resent as it was (same mutation ids) after the
server's Retry-After; it never gives up. At the end, from the devices' view:

- lost: an entry version a device was told was applied but the server does
  not have (or has a version short of the applied changes acknowledged);
- duplicated: an entry whose server version counts more changes than were
  acknowledged (a change applied twice), or one version acknowledged to two
  different changes;
- stale: a device whose final pull differs from the server's state.

It prints those, mutations acknowledged, answers by status (500s must be 0),
the longest time a device could not sync, and push p50/p95 outside the fault
windows. `--json` prints the figures as one JSON line too (tests/deploy).

Run (as root: PostgreSQL runs as the postgres user):
    .venv/bin/python bench/faults.py [--patients 10] [--duration 180] [--fault-every 8]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))

from topology import Topology, wait_for  # noqa: E402

FAULTS = ("kill_worker", "cut_connections", "kill_primary", "kill_app_server", "restart_postgres")
PASSWORD = "fault suite password 42"  # noqa: S105 - throwaway accounts
BATCH = 20
REQUEST_TIMEOUT_S = 120
# A push within this long after a fault ended still counts as inside its window.
WINDOW_GRACE_S = 2.0


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter[str] = Counter()
        self.push_times: list[tuple[float, float]] = []  # (start, seconds) of first-try successes
        self.longest_outage = 0.0
        self.acknowledged = 0
        # record id -> {version: mutation_id} of every change acknowledged as applied
        self.acks: dict[str, dict[int, str]] = {}
        self.double_acks = 0
        self.windows: list[tuple[float, float, str]] = []

    def status(self, key: str) -> None:
        with self.lock:
            self.statuses[key] += 1


def request(base: str, method: str, path: str, body=None, token: str | None = None):
    """(status, json body or None, Retry-After seconds); status "conn" when no answer came."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=REQUEST_TIMEOUT_S) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"null"), 0.0
    except urllib.error.HTTPError as exc:
        try:
            payload = json.loads(exc.read() or b"null")
        except ValueError:
            payload = None
        retry_after = float(exc.headers.get("Retry-After") or 0)
        return exc.code, payload, retry_after
    except (OSError, urllib.error.URLError):
        return "conn", None, 0.0


class Device:
    """One device of a patient: a local copy of the journal, kept by push answers and pulls."""

    def __init__(self, base: str, token: str, name: str, stats: Stats, shared: list[str]):
        self.base, self.token, self.name, self.stats = base, token, name, stats
        self.shared = shared  # ids both devices of the patient change
        self.view: dict[str, dict] = {}  # id -> envelope {version, deleted, data}
        self.cursor: str | None = None
        self.failing_since: float | None = None

    def call(self, method: str, path: str, body=None):
        """Sends until answered 200 (or a client error), as the app's outbox does."""
        first = True
        while True:
            started = time.monotonic()
            status, payload, retry_after = request(self.base, method, path, body, self.token)
            self.stats.status(str(status))
            if status == 200:
                now = time.monotonic()
                if self.failing_since is not None:
                    with self.stats.lock:
                        self.stats.longest_outage = max(
                            self.stats.longest_outage, now - self.failing_since
                        )
                    self.failing_since = None
                return payload, (started, now - started) if first else None
            if status in (400, 401, 403, 404, 409, 410, 413):
                raise RuntimeError(f"{self.name}: {method} {path} answered {status}: {payload}")
            # 5xx or no answer: resend the same request, as the app does.
            first = False
            if self.failing_since is None:
                self.failing_since = started
            time.sleep(min(retry_after or 0.5, 5) * (0.5 + random.random() / 2))  # noqa: S311

    def push_batch(self, rng: random.Random) -> None:
        mutations = []
        for _ in range(BATCH):
            known = [i for i in self.shared if i in self.view and not self.view[i]["deleted"]]
            if known and rng.random() < 0.3:
                record_id = rng.choice(known)
                base_version = self.view[record_id]["version"]
            else:
                record_id, base_version = str(uuid.uuid4()), None
            if any(m["id"] == record_id for m in mutations):
                continue
            mutations.append(
                {
                    "mutation_id": str(uuid.uuid4()),
                    "collection": "questions",
                    "id": record_id,
                    "op": "upsert",
                    "base_version": base_version,
                    "data": {"text": f"{self.name} {uuid.uuid4().hex[:8]}"},
                }
            )
        body = {"schema": 1, "client_id": self.name, "mutations": mutations}
        payload, timing = self.call("POST", "/api/v1/sync/push", body)
        if timing:
            with self.stats.lock:
                self.stats.push_times.append(timing)
        by_mutation = {m["mutation_id"]: m for m in mutations}
        for result in payload["results"]:
            mutation = by_mutation[result["mutation_id"]]
            if result["status"] == "applied":
                self._acknowledge(mutation, result["version"])
                self.view[mutation["id"]] = {
                    "version": result["version"],
                    "deleted": False,
                    "data": mutation["data"],
                }
                if mutation["base_version"] is None and len(self.shared) < 10:
                    self.shared.append(mutation["id"])
            elif result["status"] == "conflict":
                current = result["current"]
                self.view[current["id"]] = _envelope(current)
            else:
                raise RuntimeError(f"{self.name}: a mutation was rejected: {result}")

    def _acknowledge(self, mutation: dict, version: int) -> None:
        with self.stats.lock:
            self.stats.acknowledged += 1
            versions = self.stats.acks.setdefault(mutation["id"], {})
            earlier = versions.setdefault(version, mutation["mutation_id"])
            if earlier != mutation["mutation_id"]:
                self.stats.double_acks += 1

    def pull(self) -> None:
        while True:
            path = "/api/v1/sync/pull?limit=200"
            if self.cursor:
                path += f"&cursor={self.cursor}"
            payload, _ = self.call("GET", path)
            for change in payload["changes"]:
                mine = self.view.get(change["id"])
                if mine is None or mine["version"] <= change["version"]:
                    self.view[change["id"]] = _envelope(change)
            self.cursor = payload["cursor"]
            if not payload["has_more"]:
                return


def _envelope(change: dict) -> dict:
    return {
        "version": change["version"],
        "deleted": change.get("deleted", False),
        "data": change.get("data") or {},
    }


def _patient(base: str, index: int, stats: Stats, run: str) -> list[Device]:
    email = f"fault-{run}-{index}@example.invalid"
    status, payload, _ = request(
        base, "POST", "/api/v1/auth/register", {"email": email, "password": PASSWORD}
    )
    assert status == 201, (status, payload)
    shared: list[str] = []
    devices = []
    for name in ("a", "b"):
        status, payload, _ = request(
            base,
            "POST",
            "/api/v1/auth/token",
            {"email": email, "password": PASSWORD, "label": name},
        )
        assert status == 201, (status, payload)
        devices.append(Device(base, payload["token"], f"p{index}{name}", stats, shared))
    return devices


def _fault_loop(topology: Topology, stats: Stats, faults: list[str], every: float, stop):
    done: Counter[str] = Counter()
    turn = 0
    while not stop.wait(every):
        fault = faults[turn % len(faults)]
        turn += 1
        started = time.monotonic()
        try:
            if fault == "kill_worker":
                topology.kill_worker(turn % topology.state.app_servers)
            elif fault == "kill_app_server":
                index = turn % topology.state.app_servers
                topology.kill_app_server(index)
                # Down for a moment, as when a machine reboots; HAProxy routes around it.
                time.sleep(2)
                topology.start_app_server(index)
            elif fault == "cut_connections":
                topology.cut_connections()
            elif fault == "restart_postgres":
                topology.restart_postgres()
            elif fault == "kill_primary":
                old, new = topology.kill_primary()
                print(f"  failover: {old} -> {new}", flush=True)
            done[fault] += 1
        except Exception as exc:  # noqa: BLE001 - reported, and the run goes on
            print(f"  fault {fault} failed: {exc!r}", flush=True)
            done[f"{fault} (failed)"] += 1
        with stats.lock:
            stats.windows.append((started, time.monotonic() + WINDOW_GRACE_S, fault))
    return done


def _device_loop(device: Device, stop, errors: list, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311
    try:
        while not stop.is_set():
            device.push_batch(rng)
            if rng.random() < 0.5:
                device.pull()
            time.sleep(rng.uniform(0.05, 0.3))
    except Exception as exc:  # noqa: BLE001 - reported below
        errors.append(f"{device.name}: {exc!r}")


def _check(devices: list[Device], stats: Stats, base: str) -> dict:
    """lost, duplicated and stale, from the devices' view against the server's state."""
    lost = duplicated = stale = 0
    by_patient = [devices[i : i + 2] for i in range(0, len(devices), 2)]
    for pair in by_patient:
        fresh = Device(base, pair[0].token, pair[0].name + "-check", Stats(), [])
        fresh.pull()
        server = fresh.view
        for device in pair:
            device.pull()
            if device.view != server:
                stale += 1
        for record_id in {i for d in pair for i in d.view} | set(server):
            acked = stats.acks.get(record_id, {})
            if not acked:
                continue
            held = server.get(record_id)
            newest = max(acked)
            if held is None or held["version"] < newest:
                lost += 1
                continue
            # Every version a record has was made by one acknowledged change.
            if held["version"] > len(acked):
                duplicated += 1
            if held["version"] == newest:
                pass  # its data is compared by the stale check through the devices
    return {"lost": lost, "duplicated": duplicated + stats.double_acks, "stale": stale}


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--patients", type=int, default=10)
    parser.add_argument("--duration", type=float, default=180, help="seconds of load")
    parser.add_argument("--fault-every", type=float, default=8, help="seconds between faults")
    parser.add_argument("--faults", default=",".join(FAULTS))
    parser.add_argument("--app-servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    faults = [f for f in args.faults.split(",") if f]
    unknown = set(faults) - set(FAULTS)
    if unknown:
        parser.error(f"unknown faults: {', '.join(sorted(unknown))}")

    directory = Path(tempfile.mkdtemp(prefix="ros1-faults-"))
    directory.rmdir()
    topology = Topology(directory, app_servers=args.app_servers, workers=args.workers)
    print(f"Starting the topology in {directory} ...", flush=True)
    began = time.monotonic()
    topology.start()
    print(f"  up in {time.monotonic() - began:.0f} s: {json.dumps(topology.status())}", flush=True)
    try:
        stats = Stats()
        run = uuid.uuid4().hex[:8]
        devices = [d for i in range(args.patients) for d in _patient(topology.url, i, stats, run)]
        stop_load, stop_faults = threading.Event(), threading.Event()
        errors: list[str] = []
        threads = [
            threading.Thread(target=_device_loop, args=(d, stop_load, errors, i), daemon=True)
            for i, d in enumerate(devices)
        ]
        for thread in threads:
            thread.start()
        fault_result: dict = {}
        fault_thread = threading.Thread(
            target=lambda: fault_result.update(
                _fault_loop(topology, stats, faults, args.fault_every, stop_faults)
            ),
            daemon=True,
        )
        fault_thread.start()
        time.sleep(args.duration)
        stop_faults.set()
        fault_thread.join(timeout=300)
        # The last fault's damage is repaired: wait until a primary with its standby serves again.
        try:
            wait_for("a primary with its synchronous standby", topology.sync_standby, timeout=180)
        except TimeoutError as exc:
            errors.append(repr(exc))
        stop_load.set()
        for thread in threads:
            thread.join(timeout=300)
        stuck = [d.name for d, t in zip(devices, threads, strict=True) if t.is_alive()]
        checked = _check(devices, stats, topology.url)
    finally:
        status = topology.status() if (directory / "state.json").exists() else {}
        topology.stop()

    outside = [
        seconds
        for start, seconds in stats.push_times
        if not any(w0 <= start + seconds and start <= w1 for w0, w1, _ in stats.windows)
    ]
    figures = {
        "patients": args.patients,
        "devices": len(devices),
        "duration_s": args.duration,
        "faults": dict(fault_result),
        "failovers": fault_result.get("kill_primary", 0),
        "acknowledged": stats.acknowledged,
        **checked,
        "status_500": stats.statuses.get("500", 0),
        "status_503": stats.statuses.get("503", 0),
        "statuses": dict(stats.statuses),
        "longest_no_sync_s": round(stats.longest_outage, 2),
        "push_p50_ms": round(_percentile(outside, 0.5) * 1000, 1),
        "push_p95_ms": round(_percentile(outside, 0.95) * 1000, 1),
        "pushes_outside_faults": len(outside),
        "device_errors": errors,
        "devices_stuck": stuck,
        "final_primary": status.get("primary"),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print()
    print(f"faults inflicted:           {json.dumps(figures['faults'])}")
    print(f"mutations acknowledged:     {figures['acknowledged']}")
    print(f"lost:                       {figures['lost']}")
    print(f"duplicated:                 {figures['duplicated']}")
    print(f"stale:                      {figures['stale']}")
    print(f"500s:                       {figures['status_500']}")
    print(f"503s:                       {figures['status_503']}")
    print(f"answers by status:          {json.dumps(figures['statuses'])}")
    print(f"longest a device could not sync: {figures['longest_no_sync_s']} s")
    print(
        f"push p50 / p95 outside fault windows: {figures['push_p50_ms']} / "
        f"{figures['push_p95_ms']} ms ({len(outside)} pushes, batches of {BATCH})"
    )
    print(f"load average at the end:    {figures['load_average']}")
    if errors or stuck:
        print(f"device errors: {errors}  stuck: {stuck}")
    if args.json:
        print(json.dumps(figures))
    ok = not (checked["lost"] or checked["duplicated"] or checked["stale"])
    return 0 if ok and not figures["status_500"] and not errors and not stuck else 1


if __name__ == "__main__":
    sys.exit(main())
