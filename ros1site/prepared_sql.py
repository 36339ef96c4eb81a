"""A cursor that has PostgreSQL prepare its statement: for the token look-up alone.

Django's psycopg cursors bind parameters on the client and send each
statement as text, which PostgreSQL parses and plans anew every time. For
the token look-up that every API call makes (a unique-index probe joined to
the user, with the staff check), planning was most of its cost: prepared,
it took 40 µs of PostgreSQL's CPU instead of 253, and 126 µs of Python's
instead of 229 (one connection, 3,000 look-ups, load average 5).

Only where the plan cannot go wrong: a prepared statement soon runs on a
generic plan, chosen once per connection from what the tables looked like
then. The token look-up's best plan is the unique index whatever the
table's size. The push's and the pull's reads were tried and are not
prepared: on tables that grow from empty (a new database, or one whose
statistics are stale: autovacuum is off on the benchmark machine) their
generic plans kept a sequential scan, and PostgreSQL's CPU per mutation
doubled under bench/load.py.

Behind PgBouncer's transaction pooling (DATABASE_TRANSACTION_POOLING; the
1.18 of deploy/ keeps no prepared statement across server connections) it
is Django's usual cursor. Either way it is Django's cursor wrapper around
it: database errors become Django's, the statement runs on the request's
connection and in its transaction, and tests see and count it.
"""

from __future__ import annotations

import psycopg
from django.conf import settings
from django.db import connection


class _PreparedCursor(psycopg.Cursor):
    """Binds on the server, and prepares each statement on its first run."""

    def execute(self, query, params=None, *, prepare=True, binary=None):
        return super().execute(query, params, prepare=prepare, binary=binary)


class _LoggedPreparedCursor(_PreparedCursor):
    """The same, keeping the statement's text for Django's query log (tests, DEBUG)."""

    def execute(self, query, params=None, *, prepare=True, binary=None):
        super().execute(query, params, prepare=prepare, binary=binary)
        # A prepared run sends no text; Django's debug cursor reads it here.
        self._query = self._convert_query(query, params)
        return self


def prepared_cursor():
    """A Django-wrapped cursor whose statements PostgreSQL prepares; use it as `with`."""
    if settings.DATABASE_TRANSACTION_POOLING:
        return connection.cursor()
    connection.ensure_connection()
    cursor_class = _LoggedPreparedCursor if connection.queries_logged else _PreparedCursor
    with connection.wrap_database_errors:
        # Made on the request's connection, so it takes that connection's
        # adapters (Django's timezone and types), as Django's cursors do.
        return connection._prepare_cursor(cursor_class(connection.connection))
