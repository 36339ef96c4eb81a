#!/usr/bin/env bash
# For developers: Django's runserver with DEBUG on (debug pages, code reloading)
# at http://127.0.0.1:$PORT. Static files are served unhashed here, so the
# offline app's precache does not match the pages: test offline with serve.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh requirements-dev.txt
port="${PORT:-8000}"
export DJANGO_DEBUG=1 DJANGO_SITE_URL="http://127.0.0.1:${port}"
py=.venv/bin/python
$py manage.py migrate --noinput
$py manage.py seed_content
$py manage.py setup_roles
$py manage.py ensure_first_reviewer
echo "Developing ROS1 Companion at http://127.0.0.1:${port}/ (DEBUG on; Ctrl-C stops it)"
exec $py manage.py runserver "127.0.0.1:${port}"
