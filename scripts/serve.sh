#!/usr/bin/env bash
# Sets up everything and serves the site at http://127.0.0.1:8000 on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh requirements.txt
export DJANGO_DEBUG="${DJANGO_DEBUG:-1}"
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_content
.venv/bin/python manage.py setup_roles
.venv/bin/python manage.py ensure_first_reviewer
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
