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
# The app is loaded once, before the workers fork: each worker is ready the
# moment it exists. Without it the first worker to finish importing Django
# accepted every connection that came while the others were still loading,
# and a kept-alive connection stays with its worker: under bench/load.py all
# 40 devices were served by one worker (one core, one GIL) while the other
# sat idle. Loading once also shares the code's memory between workers.
preload_app = True
