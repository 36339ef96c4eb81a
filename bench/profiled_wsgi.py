"""The project's WSGI application under cProfile, for bench/profile_requests.py only.

Loaded by gunicorn with `--pythonpath bench`; never part of the served site.
Each request is profiled (wall time, one request at a time); a GET of
/__profile__/<name> writes what was gathered since the last one to
$PROFILE_DIR/<name>.prof and starts afresh.
"""

from __future__ import annotations

import cProfile
import os

from ros1site.wsgi import application as _django

_profile = cProfile.Profile()


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path.startswith("/__profile__/"):
        global _profile
        name = path.rsplit("/", 1)[-1]
        _profile.dump_stats(os.path.join(os.environ["PROFILE_DIR"], f"{name}.prof"))
        _profile = cProfile.Profile()
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]
    _profile.enable()
    try:
        # Consumed inside the profile, as gunicorn would send it.
        return list(_django(environ, start_response))
    finally:
        _profile.disable()
