"""gunicorn settings for the API in production; gunicorn reads this file when started here.

`gunicorn ros1site.wsgi` run from the project folder picks these up; options
on the command line still win. Measured with bench/load.py (docs/performance.md).
"""

import os

# Threads, not sync workers: a push waits for its user's row lock while the
# patient's other device pushes, and a sync worker waiting on a lock serves
# no one else. Threads also keep a client's connection open between its
# push and its pull (sync workers answer Connection: close).
worker_class = "gthread"
workers = int(os.getenv("GUNICORN_WORKERS", str(max(2, os.cpu_count() or 1))))
threads = int(os.getenv("GUNICORN_THREADS", "4"))
keepalive = int(os.getenv("GUNICORN_KEEPALIVE", "5"))
