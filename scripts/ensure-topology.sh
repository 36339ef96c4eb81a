#!/usr/bin/env bash
# The production topology's engines, from Debian's packages (deploy/, the
# fault suite): HAProxy, PgBouncer, Patroni and etcd. PostgreSQL 15's binaries
# come with the postgresql package (scripts/ensure-postgres.sh).
#
# deploy/topology.py runs each of them itself, on ports of its own, so the
# services the packages start on installing are stopped again; the system
# PostgreSQL on 5432 is left alone.
set -euo pipefail
missing=()
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v pgbouncer >/dev/null 2>&1 || missing+=(pgbouncer)
command -v patroni >/dev/null 2>&1 || missing+=(patroni)
command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} for the production topology"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  for service in haproxy pgbouncer patroni etcd; do
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$service" 2>/dev/null; then
      systemctl stop "$service" || true
      systemctl disable "$service" >/dev/null 2>&1 || true
    elif [ -x "/etc/init.d/$service" ]; then
      "/etc/init.d/$service" stop >/dev/null 2>&1 || true
    fi
  done
fi
if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  echo "PostgreSQL 15's binaries are missing: run scripts/ensure-postgres.sh" >&2
  exit 1
fi
