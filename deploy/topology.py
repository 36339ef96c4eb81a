"""Starts the production topology for real on this machine: etcd, Patroni, HAProxy, PgBouncer,
gunicorn.

    python deploy/topology.py start [--dir D] [--app-servers 2] [--workers 2]
    python deploy/topology.py status [--dir D]
    python deploy/topology.py stop [--dir D]

Everything runs from Debian's packages (scripts/ensure-topology.sh) on free
ports of its own, in one folder (default /tmp/ros1-topology), and is
stopped by the process ids it recorded there: nothing else is touched, the
system PostgreSQL on 5432 included. PostgreSQL and PgBouncer run as the
`postgres` user (neither runs as root).

The same files (deploy/*.cfg, *.ini, *.yml, gunicorn.conf.py) run on several
machines: docs/deployment.md. bench/faults.py drives faults through the
`Topology` class here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
BIN_DIR = "/usr/lib/postgresql/15/bin"
DEFAULT_DIR = Path("/tmp/ros1-topology")
DB_NAME = "ros1_topo"
SCOPE = "ros1"
PG_NODES = ("pg1", "pg2")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render(template: str, **values) -> str:
    return Template((DEPLOY / template).read_text()).substitute(values)


def wait_for(what: str, check, timeout: float = 90, interval: float = 0.2):
    """Polls check() until it returns something true; raises after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
            if value:
                return value
        except Exception:  # noqa: BLE001 - not up yet
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not come up in {timeout:.0f} s")
        time.sleep(interval)


def http_status(url: str, timeout: float = 2) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def tcp_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class State:
    dir: str
    ports: dict[str, int] = field(default_factory=dict)
    # name -> process-group id (each process is started in a session of its own)
    pids: dict[str, int] = field(default_factory=dict)
    app_servers: int = 2
    workers: int = 2

    def save(self) -> None:
        Path(self.dir, "state.json").write_text(json.dumps(asdict(self), indent=2))

    @classmethod
    def load(cls, directory: Path) -> State:
        return cls(**json.loads((directory / "state.json").read_text()))


class Topology:
    """The running topology, and the faults bench/faults.py inflicts on it."""

    def __init__(self, directory: Path = DEFAULT_DIR, *, app_servers: int = 2, workers: int = 2):
        self.dir = Path(directory)
        state_file = self.dir / "state.json"
        if state_file.exists():
            self.state = State.load(self.dir)
        else:
            self.state = State(dir=str(self.dir), app_servers=app_servers, workers=workers)

    # -- addresses

    @property
    def run_dir(self) -> Path:
        return self.dir / "run"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.state.ports['http']}"

    def rest(self, node: str) -> str:
        return f"http://127.0.0.1:{self.state.ports[node + '_rest']}"

    def app_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="ros1site.settings",
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{self.state.ports['pgbouncer']}/{DB_NAME}",
            DATABASE_TRANSACTION_POOLING="1",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=self._secret_key(),
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_HSTS_SECONDS="0",
            DJANGO_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR",
            DJANGO_PLAIN_STATIC="1",
            DJANGO_FAST_PASSWORD_HASHER=os.getenv("DJANGO_FAST_PASSWORD_HASHER", "1"),
            REDIS_URL=os.getenv("TOPOLOGY_REDIS_URL", "redis://127.0.0.1:6379/0"),
            CACHE_KEY_PREFIX=f"ros1-topology-{self.state.ports['http']}",
            GUNICORN_WORKERS=str(self.state.workers),
        )
        return env

    def _secret_key(self) -> str:
        # The same on every app server: sessions and reset links are signed with it.
        path = self.dir / "secret-key"
        if not path.exists():
            import secrets

            path.write_text(secrets.token_urlsafe(50))
        return path.read_text()

    # -- processes

    def _spawn(self, name: str, argv: list[str], *, env=None, as_postgres: bool = False) -> int:
        log = open(self.dir / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
        if as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        # The postgres user may not enter the project's folder (a checkout
        # under root's private temp directory, say): its processes start in
        # the topology's own folder, which it can.
        process = subprocess.Popen(
            argv, cwd=self.dir if as_postgres else ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        self.state.pids[name] = process.pid
        self.state.save()
        return process.pid

    def _kill(self, name: str, sig: int = signal.SIGTERM) -> None:
        pgid = self.state.pids.get(name)
        if pgid is None:
            return
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            pass

    def _alive(self, name: str) -> bool:
        pgid = self.state.pids.get(name)
        if pgid is None:
            return False
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True

    def _wait_gone(self, name: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self._alive(name):
            # Reap our own child if it is one, so that it does not linger as a zombie.
            try:
                os.waitpid(self.state.pids[name], os.WNOHANG)
            except ChildProcessError:
                pass
            if time.monotonic() > deadline:
                self._kill(name, signal.SIGKILL)
            time.sleep(0.1)

    # -- start

    def start(self) -> None:
        if self.dir.exists() and (self.dir / "state.json").exists():
            raise SystemExit(f"{self.dir} holds a topology already: stop it first")
        self.dir.mkdir(parents=True, exist_ok=True)
        self.dir.chmod(0o755)
        (self.dir / "logs").mkdir(exist_ok=True)
        shutil.chown(self.dir / "logs", "postgres")
        # Sockets, pid files and PgBouncer's files: written by the postgres user.
        self.run_dir.mkdir(exist_ok=True)
        shutil.chown(self.run_dir, "postgres", "postgres")
        names = ["http", "pg", "pgbouncer", "etcd", "etcd_peer"]
        names += [f"{n}_{kind}" for n in PG_NODES for kind in ("pg", "rest")]
        names += [f"app{i}" for i in range(self.state.app_servers)]
        # Each probe's port is free once closed, so the next may be the same one.
        ports: set[int] = set()
        while len(ports) < len(names):
            ports.add(free_port())
        self.state.ports = dict(zip(names, sorted(ports), strict=True))
        self.state.save()
        try:
            self._start_etcd()
            for node in PG_NODES:
                self._start_patroni(node)
            primary = wait_for("a Patroni primary", self.primary, timeout=120)
            wait_for(
                "the synchronous standby",
                lambda: self.sync_standby() is not None,
                timeout=120,
            )
            self._create_database(primary)
            self._start_haproxy()
            self._start_pgbouncer()
            self._migrate()
            for index in range(self.state.app_servers):
                self.start_app_server(index)
            wait_for("HAProxy's app servers", lambda: http_status(self.url + "/healthz") == 200)
        except BaseException:
            # The logs stay for whoever reads the error.
            self.stop(keep_logs=True)
            raise

    def _start_etcd(self) -> None:
        p = self.state.ports
        client = f"http://127.0.0.1:{p['etcd']}"
        peer = f"http://127.0.0.1:{p['etcd_peer']}"
        self._spawn(
            "etcd",
            ["etcd", "--name", "etcd1", "--data-dir", str(self.dir / "etcd"),
             "--listen-client-urls", client, "--advertise-client-urls", client,
             "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
             "--initial-cluster", f"etcd1={peer}", "--initial-cluster-state", "new"],
        )  # fmt: skip
        wait_for("etcd", lambda: http_status(client + "/health") == 200)

    def _start_patroni(self, node: str) -> None:
        p = self.state.ports
        data_dir = self.dir / node
        config = self.dir / f"{node}.yml"
        if not config.exists():
            data_dir.mkdir(mode=0o700, exist_ok=True)
            shutil.chown(data_dir, "postgres", "postgres")
            config.write_text(
                render(
                    "patroni.yml",
                    scope=SCOPE,
                    name=node,
                    rest_host="127.0.0.1",
                    rest_port=p[f"{node}_rest"],
                    etcd_hosts=f"127.0.0.1:{p['etcd']}",
                    pg_host="127.0.0.1",
                    pg_port=p[f"{node}_pg"],
                    data_dir=data_dir,
                    bin_dir=BIN_DIR,
                    run_dir=self.run_dir,
                    superuser_password="local-only",  # noqa: S106 - trust on 127.0.0.1
                    replication_password="local-only",  # noqa: S106
                    trusted_net="127.0.0.1/32",
                    hba_method="trust",
                )
            )
        self._spawn(f"patroni_{node}", ["patroni", str(config)], as_postgres=True)

    def _start_haproxy(self) -> None:
        p = self.state.ports
        app_servers = "\n".join(
            f"    server app{i} 127.0.0.1:{p[f'app{i}']} check"
            for i in range(self.state.app_servers)
        )
        pg_servers = "\n".join(
            f"    server {n} 127.0.0.1:{p[f'{n}_pg']} check port {p[f'{n}_rest']}" for n in PG_NODES
        )
        config = self.dir / "haproxy.cfg"
        config.write_text(
            render(
                "haproxy.cfg",
                run_dir=self.run_dir,
                errors_dir=DEPLOY / "errors",
                http_bind=f"127.0.0.1:{p['http']}",
                pg_bind=f"127.0.0.1:{p['pg']}",
                app_servers=app_servers,
                pg_servers=pg_servers,
            )
        )
        subprocess.run(["haproxy", "-c", "-q", "-f", str(config)], check=True)
        self._spawn("haproxy", ["haproxy", "-W", "-db", "-f", str(config)])
        wait_for("HAProxy", lambda: tcp_open(p["http"]) and tcp_open(p["pg"]))

    def _start_pgbouncer(self) -> None:
        p = self.state.ports
        (self.run_dir / "pgbouncer-users.txt").write_text('"postgres" ""\n')
        config = self.dir / "pgbouncer.ini"
        config.write_text(
            render(
                "pgbouncer.ini",
                db_name=DB_NAME,
                primary_host="127.0.0.1",
                primary_port=p["pg"],
                listen_host="127.0.0.1",
                listen_port=p["pgbouncer"],
                auth_type="trust",
                run_dir=self.run_dir,
            )
        )
        self._spawn("pgbouncer", ["pgbouncer", str(config)], as_postgres=True)
        wait_for("PgBouncer", lambda: tcp_open(p["pgbouncer"]))

    def _psql(self, port: int, sql: str, db: str = "postgres") -> str:
        return subprocess.run(
            ["psql", "-X", "-q", "-At", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
             "-d", db, "-c", sql],
            check=True, capture_output=True, text=True, timeout=30,
        ).stdout.strip()  # fmt: skip

    def _create_database(self, primary: str) -> None:
        port = self.state.ports[f"{primary}_pg"]
        if not self._psql(port, f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'"):
            self._psql(port, f"CREATE DATABASE {DB_NAME}")

    def _migrate(self) -> None:
        # Through PgBouncer, as the app servers connect.
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT, env=self.app_env(), check=True, timeout=300,
        )  # fmt: skip

    def start_app_server(self, index: int) -> None:
        name = f"app{index}"
        port = self.state.ports[name]
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self._spawn(
            name,
            [gunicorn, "ros1site.wsgi", "-c", str(DEPLOY / "gunicorn.conf.py"),
             "--bind", f"127.0.0.1:{port}"],
            env=self.app_env(),
        )  # fmt: skip
        health = f"http://127.0.0.1:{port}/healthz"
        wait_for(f"app server {index}", lambda: http_status(health) == 200)

    # -- what is running

    def primary(self) -> str | None:
        """The node whose Patroni says it is the primary, if any."""
        for node in PG_NODES:
            try:
                if http_status(self.rest(node) + "/primary", timeout=1) == 200:
                    return node
            except OSError:
                continue
        return None

    def sync_standby(self) -> str | None:
        for node in PG_NODES:
            try:
                if http_status(self.rest(node) + "/sync", timeout=1) == 200:
                    return node
            except OSError:
                continue
        return None

    def status(self) -> dict:
        p = self.state.ports
        return {
            "url": self.url,
            "primary": self.primary(),
            "sync_standby": self.sync_standby(),
            "app_servers": {
                f"app{i}": self._alive(f"app{i}") for i in range(self.state.app_servers)
            },
            "processes": {name: self._alive(name) for name in self.state.pids},
            "database_url": f"postgres://postgres@127.0.0.1:{p['pgbouncer']}/{DB_NAME}",
        }

    # -- faults (bench/faults.py)

    def workers_of(self, index: int) -> list[int]:
        """The pids of app server `index`'s gunicorn workers (children of its master)."""
        master = self.state.pids[f"app{index}"]
        children = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == master:
                    children.append(int(entry.name))
        return children

    def kill_worker(self, index: int) -> bool:
        workers = self.workers_of(index)
        if not workers:
            return False
        os.kill(workers[0], signal.SIGKILL)
        return True

    def kill_app_server(self, index: int) -> None:
        self._kill(f"app{index}", signal.SIGKILL)
        self._wait_gone(f"app{index}")

    def cut_connections(self) -> int:
        """pg_terminate_backend on every app connection to the primary; how many were cut."""
        primary = self.primary()
        if primary is None:
            return 0
        out = self._psql(
            self.state.ports[f"{primary}_pg"],
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            f"WHERE datname = '{DB_NAME}' AND pid <> pg_backend_pid()",
        )
        return int(out or 0)

    def restart_postgres(self) -> str:
        """Patroni restarts the primary's PostgreSQL (a fast shutdown and a start)."""
        primary = wait_for("a primary", self.primary, timeout=60)
        request = urllib.request.Request(
            self.rest(primary) + "/restart", data=b"{}", method="POST",
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=60):  # noqa: S310
            pass
        wait_for("the restarted primary", lambda: self.primary() == primary, timeout=60)
        return primary

    def kill_primary(self) -> tuple[str, str]:
        """SIGKILLs the primary's Patroni and PostgreSQL, waits for the standby to take over,
        then brings the old primary back as the new standby. Returns (old, new)."""
        old = wait_for("a primary", self.primary, timeout=60)
        # Only the synchronous standby may take over (it alone surely has
        # every acknowledged commit): wait until there is one, e.g. after a restart.
        wait_for("a synchronous standby", self.sync_standby, timeout=120)
        postmaster = int((self.dir / old / "postmaster.pid").read_text().split()[0])
        self._kill(f"patroni_{old}", signal.SIGKILL)
        try:
            os.kill(postmaster, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._wait_gone(f"patroni_{old}")
        new = wait_for(
            "the standby's promotion",
            lambda: (n := self.primary()) not in (None, old) and n,
            timeout=120,
        )
        self._start_patroni(old)
        wait_for("the old primary back as standby", lambda: self.sync_standby() == old, timeout=180)
        return old, new

    # -- stop

    def stop(self, *, keep_logs: bool = False) -> None:
        order = ["haproxy", "pgbouncer"] + [f"app{i}" for i in range(self.state.app_servers)]
        order += [f"patroni_{n}" for n in PG_NODES]
        for name in order:
            self._kill(name)
        for name in order:
            self._wait_gone(name)
        # Patroni stops its PostgreSQL; one it lost hold of (SIGKILL) is stopped here.
        for node in PG_NODES:
            pid_file = self.dir / node / "postmaster.pid"
            if pid_file.exists():
                subprocess.run(
                    ["runuser", "-u", "postgres", "--", f"{BIN_DIR}/pg_ctl", "stop", "-m",
                     "immediate", "-D", str(self.dir / node)],
                    cwd=self.dir, capture_output=True, check=False, timeout=60,
                )  # fmt: skip
        self._kill("etcd")
        self._wait_gone("etcd")
        if keep_logs:
            (self.dir / "state.json").unlink(missing_ok=True)
            print(f"logs kept in {self.dir / 'logs'}", file=sys.stderr)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["start", "status", "stop"])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--app-servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    topology = Topology(args.dir, app_servers=args.app_servers, workers=args.workers)
    if args.command == "start":
        topology.start()
        print(json.dumps(topology.status(), indent=2))
    elif args.command == "status":
        if not (args.dir / "state.json").exists():
            raise SystemExit(f"no topology in {args.dir}")
        print(json.dumps(topology.status(), indent=2))
    else:
        if (args.dir / "state.json").exists():
            topology.stop()
        print("stopped")


if __name__ == "__main__":
    main()
