"""Load benchmark through real gunicorn on PostgreSQL: the baseline and this tree in one run.

Each side is a checkout of the project (the baseline by default a git
worktree of 117ab0d at ../wt-perf-base, the new one this tree), served by its
own gunicorn on its own PostgreSQL database (ros1_perf_load_base,
ros1_perf_load_new; dropped and re-created). Simulated patients have two
devices each; a device's sync is one push of 20 mutations (three in four
create a new entry, one in four changes an entry this device made, and every
tenth push is a replay of the one before, whose answers must come back the
same) followed by pulls from its cursor until `has_more` is false.

Phases, each run on both sides, interleaved (base, new, base, new, ...):

- closed loop: 20 patients x 2 = 40 devices syncing back to back, for
  --closed-seconds; prints mutations/s (newly applied, replays not counted)
  and push p50/p95;
- open loop: 200 patients x 2 = 400 devices, each syncing every
  --interval seconds (default 15) with jitter (uniform 0.5x to 1.5x), for
  --open-seconds; push latency is counted from the moment the sync was due,
  so a server that falls behind shows it. The app itself syncs every 60 s
  while visible, and at once on opening, going online and becoming visible
  again (static/js/sync.js); 15 s is four times that timer, a busy hour when
  every patient has the app open and writes, not one request after another.

Each phase also prints the CPU seconds per 1,000 mutations of the side's
gunicorn (master and workers), its PostgreSQL backends, PostgreSQL's shared
processes and this client (which shares the machine), and what the machine
as a whole did meanwhile (busy at normal priority, given to niced processes,
idle), all read from /proc.

At the end each side is checked: every acknowledged change is in the
database at the acknowledged version (lost = 0), no record or stored answer
exists that no device was told of (duplicated = 0), and each device's view
built only from its pulls equals the database (stale = 0).

Run: .venv/bin/python bench/load.py [--base ../wt-perf-base] [--new .]
     [--rounds 2] [--closed-seconds 30] [--open-seconds 60] [--interval 15]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
BATCH = 20
PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"


# -- Setting a side up -------------------------------------------------------


def _fresh_database(name: str) -> None:
    """Drops and creates one benchmark database (never anything but ros1_perf*)."""
    import psycopg

    if not name.startswith("ros1_perf"):
        raise SystemExit(f"refusing to drop {name!r}: this benchmark only drops ros1_perf*")
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _server_env(database: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="ros1site.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="load-bench-only-0123456789abcdef0123456789abcdef",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_CLIENT_IP_HEADER="REMOTE_ADDR",
        DJANGO_PLAIN_STATIC="1",
        DJANGO_FAST_PASSWORD_HASHER="1",
        DATABASE_URL=f"{PG}/{database}",
    )
    env.pop("PYTHONPATH", None)
    return env


# Run inside a side's own tree (its code, its settings): makes the patients
# and one token per device, and prints them as JSON.
_MAKE_USERS = """
import json, sys
import django
django.setup()
from django.contrib.auth.models import User
from accounts.services import token_create
from tracker.models import SyncState
out = []
for p in range(int(sys.argv[1])):
    email = f"load-{p}@example.invalid"
    user = User.objects.create_user(username=email, email=email, password="load-password-1")
    SyncState.objects.create(user=user, last_seq=0)
    keys = [token_create(user=user, label=f"device {d}")[1] for d in range(2)]
    out.append({"user_id": user.pk, "keys": keys})
print(json.dumps(out))
"""


@dataclass
class Side:
    name: str
    tree: Path
    gunicorn_args: list[str]
    port: int
    database: str = ""
    process: subprocess.Popen | None = None
    patients: list[Patient] = field(default_factory=list)

    def prepare(self, patients: int) -> None:
        self.database = f"ros1_perf_load_{self.name}"
        _fresh_database(self.database)
        env = _server_env(self.database)
        py = str(self.tree / ".venv" / "bin" / "python")
        subprocess.run(
            [py, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=self.tree, env=env, check=True
        )
        made = subprocess.run(
            [py, "-c", _MAKE_USERS, str(patients)],
            cwd=self.tree,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        rows = json.loads(made.stdout.strip().splitlines()[-1])
        self.patients = [Patient(user_id=r["user_id"], keys=r["keys"]) for r in rows]
        log = open(ROOT / "bench" / f".load-{self.name}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [py, "-m", "gunicorn", "ros1site.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + self.gunicorn_args,
            cwd=self.tree,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise SystemExit(
                        f"{self.name}: gunicorn exited, see bench/.load-{self.name}.log"
                    ) from None
                time.sleep(0.2)
        raise SystemExit(f"{self.name}: gunicorn did not listen within 60 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


# -- Where the CPU goes ------------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a running process, None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    # The command name may hold spaces and parentheses: fields follow the last ")".
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK


def _machine() -> dict[str, float]:
    """The whole machine's CPU seconds so far: at normal priority, niced, idle."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq = (
            int(v) / _TICK for v in f.readline().split()[1:8]
        )
    # Others' tests at nice 19 take what is left; with autogroup scheduling
    # they still get a share against another session's processes.
    return {"busy": user + system + irq + softirq, "niced": nice, "idle": idle + iowait}


class CpuMeter:
    """CPU seconds used during a phase by this side's gunicorn (master and workers), its
    PostgreSQL backends and PostgreSQL's shared processes (WAL writer, ...).

    Sampled every second, so that a process that ends during the phase (a
    database connection older than CONN_MAX_AGE is closed and another opened)
    still counts up to its last sample, and one born during it counts from 0.
    """

    def __init__(self, side: Side):
        self.master = side.process.pid if side.process else -1
        self.backend = f" postgres {side.database} "
        self.groups: dict[int, str | None] = {}  # pid -> group, None for others' processes
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self._stop = threading.Event()
        self._sample(at_start=True)
        self.machine0 = _machine()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _group(self, pid: int, ppid: int) -> str | None:
        if self.master in (pid, ppid):
            return "gunicorn"
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return None
        if not cmd.startswith("postgres: "):
            return None
        if self.backend in cmd:
            return "postgres"
        # Background processes only: no backend of anyone's, no autovacuum worker.
        if " postgres " not in cmd and "autovacuum" not in cmd:
            return "pg_shared"
        return None

    def _sample(self, at_start: bool = False) -> None:
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            pid = int(entry)
            known = self.groups.get(pid, "?")
            if known is None:
                continue
            got = _cpu_of(pid)
            if got is None:
                continue
            ppid, cpu = got
            if known == "?":
                self.groups[pid] = group = self._group(pid, ppid)
                if group is None:
                    continue
                self.first[pid] = cpu if at_start else 0.0
            self.last[pid] = cpu

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self._sample()

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        self._sample()
        machine1 = _machine()
        out = {"gunicorn": 0.0, "postgres": 0.0, "pg_shared": 0.0}
        for pid, cpu in self.last.items():
            out[self.groups[pid]] += cpu - self.first[pid]
        out.update({f"machine_{k}": machine1[k] - self.machine0[k] for k in machine1})
        return out


# -- The simulated devices ---------------------------------------------------


@dataclass
class Patient:
    user_id: int
    keys: list[str]
    lock: threading.Lock = field(default_factory=threading.Lock)
    # What the server acknowledged: record id -> version, and mutation ids applied.
    acked: dict[str, int] = field(default_factory=dict)
    acked_mutations: set[str] = field(default_factory=set)
    devices: list[Device] = field(default_factory=list)


def _entry(rng: random.Random, i: int) -> tuple[str, dict]:
    kind = i % 4
    if kind == 0:
        return "questions", {"text": f"Question {i}: should I take it with food?", "asked": False}
    if kind == 1:
        return "side_effects", {
            "term": "other",
            "term_other": "Tingling in the fingers",
            "severity": rng.randint(1, 4),
            "interference": 1,
            "onset_date": "2026-02-01",
        }
    if kind == 2:
        return "courses", {
            "drug": "other",
            "drug_name": "Trial drug X",
            "start_date": "2026-01-05",
            "dose": "100 mg twice daily",
            "line": 2,
        }
    return "questions", {"text": f"Note {i}: ask about the scan.", "asked": True}


class Device:
    def __init__(self, patient: Patient, key: str, index: int, port: int, seed: int):
        self.patient = patient
        self.headers = {
            "Authorization": f"Token {key}",
            "Content-Type": "application/json",
            "User-Agent": "load-bench/1.0",
        }
        self.client_id = f"load-device-{patient.user_id}-{index}"
        self.port = port
        self.rng = random.Random(seed)
        self.conn: http.client.HTTPConnection | None = None
        self.cursor: str | None = None
        self.seen: dict[str, tuple[int, bool]] = {}  # from pulls only: id -> (version, deleted)
        self.mine: dict[
            str, tuple[str, int]
        ] = {}  # records this device made: id -> (collection, v)
        self.counter = 0
        self.last_batch: list[dict] | None = None
        self.last_results: list[dict] | None = None
        self.pushes = 0

    def _request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.conn.request(method, path, body=body, headers=self.headers)
                response = self.conn.getresponse()
                data = response.read()
                if response.will_close:
                    self.conn.close()
                    self.conn = None
                return response.status, data
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _batch(self) -> list[dict]:
        out = []
        for _ in range(BATCH):
            self.counter += 1
            if self.mine and self.rng.random() < 0.25:
                record_id = self.rng.choice(list(self.mine))
                collection, version = self.mine[record_id]
                if any(m["id"] == record_id for m in out):
                    record_id = None
            else:
                record_id = None
            if record_id is None:
                collection, data = _entry(self.rng, self.counter)
                record_id, base = str(uuid.uuid4()), None
            else:
                _, data = _entry(self.rng, {"questions": 0, "side_effects": 1}.get(collection, 2))
                base = version
            out.append(
                {
                    "mutation_id": str(uuid.uuid4()),
                    "collection": collection,
                    "id": record_id,
                    "op": "upsert",
                    "base_version": base,
                    "data": data,
                }
            )
        return out

    def sync(self, stats: Stats, due: float | None = None) -> None:
        """One push (a new batch, or every tenth time a replay) and pulls until caught up."""
        self.pushes += 1
        replay = self.last_batch is not None and self.pushes % 10 == 0
        batch = self.last_batch if replay else self._batch()
        body = json.dumps({"schema": 1, "client_id": self.client_id, "mutations": batch}).encode()
        started = time.monotonic()
        try:
            status, data = self._request("POST", PUSH, body)
        except OSError:
            stats.add_error("push: no answer")
            return
        stats.push_latency.append(time.monotonic() - (due if due is not None else started))
        if status != 200:
            stats.add_error(f"push {status}")
            return
        results = json.loads(data)["results"]
        if replay:
            stats.replays += 1
            if results != self.last_results:
                stats.replay_mismatches += 1
        else:
            self.last_batch, self.last_results = batch, results
        applied = 0
        with self.patient.lock:
            for m, r in zip(batch, results, strict=True):
                if r["status"] == "applied":
                    if m["mutation_id"] not in self.patient.acked_mutations:
                        applied += 1
                    self.patient.acked_mutations.add(m["mutation_id"])
                    version = max(self.patient.acked.get(m["id"], 0), r["version"])
                    self.patient.acked[m["id"]] = version
                    self.mine[m["id"]] = (m["collection"], version)
                elif r["status"] == "conflict":
                    stats.conflicts += 1
                else:
                    stats.add_error(f"mutation {r['status']} {r.get('error')}")
        stats.mutations += applied
        self.pull(stats)

    def pull(self, stats: Stats) -> None:
        while True:
            path = PULL + "?limit=200" + (f"&cursor={self.cursor}" if self.cursor else "")
            try:
                status, data = self._request("GET", path)
            except OSError:
                stats.add_error("pull: no answer")
                return
            stats.pulls += 1
            if status != 200:
                stats.add_error(f"pull {status}")
                return
            page = json.loads(data)
            for change in page["changes"]:
                self.seen[change["id"]] = (change["version"], change["deleted"])
            self.cursor = page["cursor"]
            if not page["has_more"]:
                return


@dataclass
class Stats:
    mutations: int = 0
    pulls: int = 0
    conflicts: int = 0
    replays: int = 0
    replay_mismatches: int = 0
    push_latency: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def _devices(side: Side, patients: int) -> list[Device]:
    out = []
    for p in side.patients[:patients]:
        if not p.devices:
            p.devices = [
                Device(p, key, i, side.port, seed=p.user_id * 2 + i) for i, key in enumerate(p.keys)
            ]
        out += p.devices
    return out


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


def run_closed(side: Side, *, patients: int, seconds: float) -> dict:
    """Every device syncs back to back until the time is up."""
    stats = Stats()
    devices = _devices(side, patients)
    stop = time.monotonic() + seconds

    def loop(device: Device) -> None:
        while time.monotonic() < stop:
            device.sync(stats)

    return _run(side, devices, loop, stats)


def run_open(side: Side, *, patients: int, seconds: float, interval: float) -> dict:
    """Each device syncs when due (every `interval` s with jitter), never back to back."""
    stats = Stats()
    devices = _devices(side, patients)
    start = time.monotonic()
    stop = start + seconds

    def loop(device: Device) -> None:
        due = start + device.rng.uniform(0, interval)  # spread the first syncs
        while due < stop:
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            device.sync(stats, due=due)
            # A device never runs two syncs at once; if it fell behind, the next
            # one is due as soon as this one is done.
            due = max(due + interval * device.rng.uniform(0.5, 1.5), time.monotonic())

    return _run(side, devices, loop, stats)


def _run(side: Side, devices: list[Device], loop, stats: Stats) -> dict:
    cpu0 = os.times()
    meter = CpuMeter(side)
    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(d,), daemon=True) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    cpu1 = os.times()
    split = meter.stop()
    return {
        "mutations_per_s": stats.mutations / elapsed,
        "pushes": len(stats.push_latency),
        "pulls": stats.pulls,
        "p50_ms": _quantile(stats.push_latency, 0.50) * 1000,
        "p95_ms": _quantile(stats.push_latency, 0.95) * 1000,
        "errors": dict(stats.errors),
        "conflicts": stats.conflicts,
        "replays": stats.replays,
        "replay_mismatches": stats.replay_mismatches,
        "load": os.getloadavg()[0],
        "client_cpu_s": (cpu1.user + cpu1.system) - (cpu0.user + cpu0.system),
        **{f"{k}_cpu_s": v for k, v in split.items()},
        "elapsed": elapsed,
    }


def check(side: Side) -> dict:
    """Lost, duplicated and stale changes: the devices' acknowledgements against the database."""
    import psycopg

    for p in side.patients:
        for d in p.devices:
            d.pull(Stats())
    with psycopg.connect(f"{PG}/{side.database}") as conn:
        records: dict[int, dict[str, tuple[int, bool]]] = {}
        for user_id, record_id, version, deleted in conn.execute(
            "SELECT user_id, id::text, version, deleted FROM tracker_record"
        ):
            records.setdefault(user_id, {})[record_id] = (version, deleted)
        stored = dict(
            conn.execute("SELECT user_id, count(*) FROM tracker_appliedmutation GROUP BY user_id")
        )
    lost = duplicated = stale = acknowledged = 0
    for p in side.patients:
        if not p.devices:
            continue
        server = records.get(p.user_id, {})
        acknowledged += len(p.acked_mutations)
        for record_id, version in p.acked.items():
            if record_id not in server or server[record_id][0] < version:
                lost += 1
        # A record or stored answer that no device was told of: applied twice or unasked.
        duplicated += len(set(server) - set(p.acked))
        duplicated += max(0, stored.get(p.user_id, 0) - len(p.acked_mutations))
        lost += max(0, len(p.acked_mutations) - stored.get(p.user_id, 0))
        for d in p.devices:
            stale += sum(1 for rid, v in server.items() if d.seen.get(rid) != v)
    return {"acknowledged": acknowledged, "lost": lost, "duplicated": duplicated, "stale": stale}


def _line(side: Side, phase: str, r: dict) -> str:
    errors = ", ".join(f"{k}: {v}" for k, v in sorted(r["errors"].items())) or "none"
    per = 1000 / max(1, r["mutations_per_s"] * r["elapsed"])
    t = r["elapsed"]
    return (
        f"  {side.name:4} {phase:6} {r['mutations_per_s']:7.0f} mutations/s  "
        f"push p50 {r['p50_ms']:7.0f} ms  p95 {r['p95_ms']:7.0f} ms  "
        f"({r['pushes']} pushes, {r['pulls']} pulls, {r['replays']} replays, "
        f"{r['replay_mismatches']} replay mismatches, {r['conflicts']} conflicts, "
        f"errors: {errors}; load {r['load']:.2f}; in {r['elapsed']:.0f} s)\n"
        f"       CPU s per 1,000 mutations: gunicorn {r['gunicorn_cpu_s'] * per:.2f}, "
        f"postgres backends {r['postgres_cpu_s'] * per:.2f}, "
        f"postgres shared {r['pg_shared_cpu_s'] * per:.2f}, client {r['client_cpu_s'] * per:.2f}"
        f"; machine: busy {r['machine_busy_cpu_s'] / t:.2f} CPUs, "
        f"niced {r['machine_niced_cpu_s'] / t:.2f}, idle {r['machine_idle_cpu_s'] / t:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=str(ROOT.parent / "wt-perf-base"))
    parser.add_argument("--new", default=str(ROOT))
    parser.add_argument("--base-gunicorn", default="--workers 4", help="gunicorn options")
    parser.add_argument("--new-gunicorn", default="-c gunicorn.conf.py", help="gunicorn options")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--closed-patients", type=int, default=20)
    parser.add_argument("--closed-seconds", type=float, default=30)
    parser.add_argument("--open-patients", type=int, default=200)
    parser.add_argument("--open-seconds", type=float, default=60)
    parser.add_argument("--interval", type=float, default=15)
    parser.add_argument("--only", choices=["base", "new"], help="run one side alone")
    args = parser.parse_args()

    sides = [
        Side("base", Path(args.base).resolve(), args.base_gunicorn.split(), 8611),
        Side("new", Path(args.new).resolve(), args.new_gunicorn.split(), 8612),
    ]
    if args.only:
        sides = [s for s in sides if s.name == args.only]
    for s in sides:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=s.tree, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=s.tree,
            capture_output=True,
            text=True,
        ).stdout.strip()
        print(
            f"{s.name}: {s.tree} at {commit}{' (with uncommitted changes)' if dirty else ''}, "
            f"gunicorn {' '.join(s.gunicorn_args)}"
        )
    print(f"load average at the start: {os.getloadavg()}; {os.cpu_count()} CPUs", flush=True)
    patients = max(args.closed_patients, args.open_patients)
    results: dict[tuple[str, str], list[dict]] = {}
    try:
        for s in sides:
            s.prepare(patients)
        for s in sides:  # warm-up: connections, imports, the catalogue
            run_closed(s, patients=args.closed_patients, seconds=3)
        for rnd in range(args.rounds):
            print(f"round {rnd + 1}", flush=True)
            for s in sides:
                r = run_closed(s, patients=args.closed_patients, seconds=args.closed_seconds)
                results.setdefault((s.name, "closed"), []).append(r)
                print(_line(s, "closed", r), flush=True)
            for s in sides if args.open_seconds > 0 else []:
                r = run_open(
                    s,
                    patients=args.open_patients,
                    seconds=args.open_seconds,
                    interval=args.interval,
                )
                results.setdefault((s.name, "open"), []).append(r)
                print(_line(s, "open", r), flush=True)
        print("checks (every acknowledged change, every device's pulled view):")
        for s in sides:
            c = check(s)
            print(
                f"  {s.name:4} acknowledged {c['acknowledged']}, lost {c['lost']}, "
                f"duplicated {c['duplicated']}, stale {c['stale']}"
            )
    finally:
        for s in sides:
            s.stop()

    print(f"summary (median over rounds; load average now {os.getloadavg()}):")
    med = {
        k: {f: statistics.median(r[f] for r in v) for f in ("mutations_per_s", "p50_ms", "p95_ms")}
        for k, v in results.items()
    }
    for (name, phase), m in sorted(med.items()):
        print(
            f"  {name:4} {phase:6} {m['mutations_per_s']:7.0f} mutations/s, "
            f"push p50 {m['p50_ms']:.0f} ms, p95 {m['p95_ms']:.0f} ms"
        )
    if ("base", "closed") in med and ("new", "closed") in med:
        ratio = (
            med[("new", "closed")]["mutations_per_s"] / med[("base", "closed")]["mutations_per_s"]
        )
        print(
            f"  closed loop, {2 * args.closed_patients} devices: new/base = {ratio:.2f}x "
            "mutations/s (target >= 2x)"
        )
    if ("new", "open") in med:
        print(
            f"  open loop, {args.open_patients} patients x 2 devices every {args.interval:g} s: "
            f"new push p95 {med[('new', 'open')]['p95_ms']:.0f} ms (target <= 300 ms)"
        )


if __name__ == "__main__":
    sys.exit(main())
