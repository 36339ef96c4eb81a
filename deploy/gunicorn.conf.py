"""gunicorn for one app server of the topology (deploy/): workers from the environment."""

import os

workers = int(os.getenv("GUNICORN_WORKERS", "4"))
# A request waiting on a failover or a synchronous standby must outlive it.
timeout = int(os.getenv("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 10
loglevel = os.getenv("GUNICORN_LOG_LEVEL", "warning")
