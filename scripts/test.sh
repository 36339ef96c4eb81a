#!/usr/bin/env bash
# Sets up everything and runs the whole test suite: lint, the JavaScript unit
# tests, Django's checks, then every test on SQLite and again on a fresh
# PostgreSQL database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh requirements-dev.txt
bash scripts/ensure-chromium.sh
bash scripts/ensure-node.sh
# node_modules is not committed: ESLint comes from the lock file.
npm ci --no-audit --no-fund

py=.venv/bin/python
$py -m ruff check .
npm run --silent lint

echo "== JavaScript unit tests (tests/js, node's test runner)"
npm test --silent

$py manage.py check
$py manage.py makemigrations --check --dry-run

echo "== Tests on SQLite"
# The topology's fault suite (tests/deploy, marker `topology`) runs its own
# PostgreSQL cluster whatever DATABASE_URL says: once, in the pass below.
env -u DATABASE_URL $py -m pytest -n 2 -p no:cacheprovider -m "not topology" "$@"

echo "== Tests on PostgreSQL"
bash scripts/ensure-postgres.sh
db="ros1_ci_$(date +%s)_$$"
DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}" $py -m pytest -n 2 -p no:cacheprovider --create-db "$@"
