"""The fault suite, small: the real topology (deploy/) survives every fault, losing nothing.

bench/faults.py starts HAProxy, two gunicorn app servers, PgBouncer, Patroni
(a primary and a synchronous standby) and etcd, and drives three patients
with two devices each while it kills workers, an app server, the database
connections, PostgreSQL itself and the primary. Nothing acknowledged may be
lost or duplicated, no device may end up stale, nothing may answer 500, and
the standby must have taken over at least once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Run as root, as CI does: PostgreSQL and PgBouncer are started as the postgres user.
pytestmark = [pytest.mark.topology]


def test_the_topology_loses_nothing_acknowledged_and_never_answers_500_through_a_failover():
    # On a fresh machine (CI) the engines come from Debian's packages first.
    subprocess.run(["bash", str(ROOT / "scripts" / "ensure-topology.sh")], check=True)
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "faults.py"), "--patients", "3",
         "--duration", "40", "--fault-every", "5", "--json",
         # The failover first: it must happen within the short run.
         "--faults", "kill_primary,kill_worker,cut_connections,kill_app_server,restart_postgres"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert run.stdout.strip(), run.stderr
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["acknowledged"] > 0
    assert figures["failovers"] >= 1, figures["faults"]
    assert figures["lost"] == 0
    assert figures["duplicated"] == 0
    assert figures["stale"] == 0
    assert figures["status_500"] == 0
    # HAProxy's own answers when no app server could answer are 503s too.
    assert {s for s in figures["statuses"] if s.startswith("5")} <= {"503"}, figures["statuses"]
    assert not figures["device_errors"] and not figures["devices_stuck"]
    assert run.returncode == 0, run.stdout[-2000:]
