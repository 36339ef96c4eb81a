#!/usr/bin/env bash
# Sets up everything and serves the site as patients get it (DEBUG off, hashed
# and compressed static files, the offline app working) at http://127.0.0.1:$PORT
# on SQLite. For Django's debug pages while developing, use scripts/dev.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh requirements.txt

port="${PORT:-8000}"
# A secret made once for this checkout and kept out of git (.gitignore).
secret_file="${SERVE_SECRET_FILE:-.local-secret-key}"
if [ ! -s "$secret_file" ]; then
  (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' > "$secret_file")
fi
export DJANGO_DEBUG=0
export DJANGO_SECRET_KEY="$(cat "$secret_file")"
# Plain http on this machine: cookies without the Secure flag, no redirect to
# https, and no HSTS that would pin 127.0.0.1 to https in the browser.
export DJANGO_SECURE_COOKIES=0 DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_HSTS_SECONDS=0
# No proxy in front: the socket's address is the client's (check accounts.W001).
export DJANGO_CLIENT_IP_HEADER="${DJANGO_CLIENT_IP_HEADER:-REMOTE_ADDR}"
export DJANGO_SITE_URL="http://127.0.0.1:${port}"

py=.venv/bin/python
$py manage.py migrate --noinput
$py manage.py seed_content
$py manage.py setup_roles
$py manage.py ensure_first_reviewer
$py manage.py collectstatic --noinput --verbosity 0
# Its closing line, once it listens: "Serving ROS1 Companion at http://127.0.0.1:8000/".
exec .venv/bin/gunicorn ros1site.wsgi --bind "127.0.0.1:${port}" -c scripts/gunicorn_serve.py
