"""The session engine: Django's database sessions, refusing cookies no session could have."""

from __future__ import annotations

from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    """Django's, but a cookie that is not a session key's shape is no session at all.

    Django's keys are 32 lower-case letters and digits. Anything else (a NUL,
    say) would otherwise be looked up, and PostgreSQL answers a NUL in a
    query with an error: a 500 on every page for a forged cookie.
    """

    def _validate_session_key(self, key):
        return (
            super()._validate_session_key(key)
            and len(key) <= 40
            and key.isascii()
            and key.isalnum()
        )
