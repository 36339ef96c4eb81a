"""Reads of the journal. Every read is scoped to one user: nobody reads another's records."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import connection
from django.db.models import Case, Count, Q, Subquery, TextField, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from ros1site.errors import InvalidInput, ResetRequired
from tracker.contract import NEWEST_SCHEMA, OLDEST_SCHEMA, collections_for_schema
from tracker.models import Collection, Record, SyncState

PULL_LIMIT_DEFAULT = 200
PULL_LIMIT_MAX = 1000
_CURSOR_SALT = "tracker.sync.cursor.v1"


def iso_utc(value: datetime.datetime) -> str:
    """A UTC time written ISO 8601 with a trailing Z, to the millisecond."""
    value = value.astimezone(datetime.UTC)
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def record_envelope(record: Record) -> dict[str, Any]:
    """The record as the protocol writes it (sync-protocol.md §2); tombstones carry `{}`."""
    return {
        "collection": record.collection,
        "id": str(record.id),
        "version": record.version,
        "deleted": record.deleted,
        "updated_at": iso_utc(record.updated_at),
        "data": {} if record.deleted else record.data,
    }


_ENVELOPE_COLUMNS = ("collection", "id", "version", "deleted", "updated_at", "data", "change_seq")


def _row_envelope_json(row: tuple) -> str:
    """The envelope record_envelope writes, as JSON, from a row whose `data` is JSON text.

    The data is passed through as the database wrote it: decoding it into
    Python objects and encoding them again cost most of a pull, and more the
    more items a record holds (a check-in's symptoms).
    """
    collection, record_id, version, deleted, updated_at, data = row[:6]
    return (
        f'{{"collection":{json.dumps(collection)},"id":"{record_id}","version":{int(version)},'
        f'"deleted":{"true" if deleted else "false"},"updated_at":"{iso_utc(updated_at)}",'
        f'"data":{"{}" if deleted else data}}}'
    )


def cursor_make(*, user_id: int, seq: int, horizon: int = 0, schema: int = 1) -> str:
    """An opaque, signed cursor naming a position in one user's change order.

    `horizon` is the compaction horizon the holder's pulls were checked
    against (see changes_since), worth writing only while it is ahead of the
    position. The cursor also remembers the sync schema it was issued for
    (sync-protocol.md §7), as a fourth element. A schema-1 cursor with no
    horizon ahead reads as before both existed, [user id, position], so those
    in the hands of devices stay valid.
    """
    horizon = horizon if horizon > seq else 0
    if schema != 1:
        value = [user_id, seq, horizon, schema]
    elif horizon:
        value = [user_id, seq, horizon]
    else:
        value = [user_id, seq]
    return signing.dumps(value, salt=_CURSOR_SALT, compress=False)


def _position(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def cursor_read(*, cursor: str, user_id: int) -> tuple[int, int, int]:
    """The position, horizon and schema a cursor names; 400 invalid_cursor when forged or
    someone else's."""
    try:
        value = signing.loads(cursor, salt=_CURSOR_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        value = None
    if not isinstance(value, list) or len(value) not in (2, 3, 4):
        value = [None, None]
    owner, seq, *rest = value
    horizon = rest[0] if rest else 0
    schema = rest[1] if len(rest) > 1 else 1
    if (
        owner != user_id
        or not _position(seq)
        or not _position(horizon)
        or not _position(schema)
        or not OLDEST_SCHEMA <= schema <= NEWEST_SCHEMA
    ):
        raise InvalidInput(
            "invalid_cursor",
            _("This cursor is not valid for this account. Pull from the beginning."),
        )
    return seq, horizon, schema


def sync_positions(*, user_id: int) -> tuple[int, int]:
    """The user's latest position and compaction horizon (both 0 before any change)."""
    row = SyncState.objects.filter(user_id=user_id).values_list("last_seq", "pruned_seq").first()
    return row or (0, 0)


@dataclass
class Page:
    # The changes' envelopes as JSON text, comma-separated (sync-protocol.md §2).
    changes_json: str
    cursor: str
    has_more: bool

    def as_json(self) -> str:
        """The pull's answer, {"changes", "cursor", "has_more"}, as JSON text."""
        return (
            f'{{"changes":[{self.changes_json}],"cursor":{json.dumps(self.cursor)},'
            f'"has_more":{"true" if self.has_more else "false"}}}'
        )


@dataclass
class _PageRows:
    changes_json: str
    # The position of the page's last row (None for an empty page), and
    # whether rows lie after it.
    last: int | None
    has_more: bool
    # The user's latest position and compaction horizon, in the page's snapshot.
    last_seq: int
    pruned_seq: int


# The envelope _row_envelope_json writes, written by PostgreSQL: the same text.
_ENVELOPE_SQL = (
    # concat() writes the pieces out once; a chain of || copies the data anew
    # at each step, which made a large entry (a check-in) cost more per record.
    """concat('{"collection":', to_json(r.collection), ',"id":"', r.id, """
    """'","version":', r.version, ',"deleted":', """
    """CASE WHEN r.deleted THEN 'true' ELSE 'false' END, ',"updated_at":"', """
    """to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), """
    """'","data":', CASE WHEN r.deleted THEN '{}' ELSE r.data::text END, '}')"""
)


def _page_rows_postgresql(*, user_id: int, after: int, limit: int, known) -> _PageRows:
    """A page as one statement, each change's envelope written by PostgreSQL.

    The same rows, order and text as the ORM path below, in one round trip;
    the user's positions come on every row (and on the one row of an empty
    page), so in the same snapshot as the changes. Building the query
    through the ORM and each row's envelope in Python was most of a pull's
    CPU time. The envelopes come back one per row and are joined here:
    string_agg() over them, after a window function over the rows, cost
    PostgreSQL more than sending the page's rows (docs/performance.md).
    """
    sql = (
        "SELECT s.last_seq, s.pruned_seq, r.change_seq, "  # noqa: S608 - from models
        f"CASE WHEN r.collection = ANY(%(known)s) THEN {_ENVELOPE_SQL} END "
        "FROM (SELECT 1) AS one "
        f"LEFT JOIN {SyncState._meta.db_table} AS s ON s.user_id = %(user)s "
        # The envelopes are written out here, after the LIMIT: inside it,
        # PostgreSQL wrote one for every row it sorted, the page's or not.
        "LEFT JOIN LATERAL (SELECT collection, id, version, deleted, updated_at, data, change_seq "
        f"FROM {Record._meta.db_table} WHERE user_id = %(user)s AND change_seq > %(after)s "
        "ORDER BY change_seq LIMIT %(limit)s + 1) AS r ON true "
        "ORDER BY r.change_seq"
    )
    params = {"user": user_id, "after": after, "limit": limit, "known": sorted(known)}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    last_seq, pruned_seq = rows[0][0] or 0, rows[0][1] or 0
    if rows[0][2] is None:  # no change after the cursor: the one row of positions
        rows = []
    has_more = len(rows) > limit
    rows = rows[:limit]
    return _PageRows(
        changes_json=",".join([row[3] for row in rows if row[3] is not None]),
        last=rows[-1][2] if rows else None,
        has_more=has_more,
        last_seq=last_seq,
        pruned_seq=pruned_seq,
    )


def _page_rows_orm(*, user_id: int, after: int, limit: int, known) -> _PageRows:
    """A page through the ORM (SQLite), envelopes written by _row_envelope_json."""
    # Plain rows rather than model instances: a page is read, never saved.
    columns: list[Any] = list(_ENVELOPE_COLUMNS)
    data_text = Cast("data", output_field=TextField())
    if len(known) < len(Collection.values):
        # The rows a page leaves out are still scanned, but not their data.
        data_text = Case(
            When(collection__in=known, then=data_text),
            default=Value(None),
            output_field=TextField(),
        )
    columns[_ENVELOPE_COLUMNS.index("data")] = data_text
    # The user's compaction horizon is read in the same statement, so in the
    # same snapshot as the rows: a prune committing between two statements
    # could otherwise remove a tombstone this page should have carried.
    horizon = SyncState.objects.filter(user_id=user_id).values("pruned_seq")[:1]
    rows = list(
        Record.objects.filter(user_id=user_id, change_seq__gt=after)
        .annotate(horizon=Subquery(horizon))
        .order_by("change_seq")
        .values_list(*columns, "horizon")[: limit + 1]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    if rows:
        last_seq, pruned_seq = 0, rows[0][-1] or 0
    else:
        last_seq, pruned_seq = sync_positions(user_id=user_id)
    return _PageRows(
        changes_json=",".join(_row_envelope_json(row) for row in rows if row[0] in known),
        last=rows[-1][-2] if rows else None,
        has_more=has_more,
        last_seq=last_seq,
        pruned_seq=pruned_seq,
    )


def changes_since(*, user_id: int, cursor: str | None, limit: int, schema: int = 1) -> Page:
    """The user's changes after `cursor` in the order they were accepted (per-user change_seq).

    Each record appears once, in its latest state, because a record's row
    carries the position of its latest change. Positions are assigned under
    the user's row lock and commit in order, so a page never skips a change
    that a concurrent push is still committing.

    A page scans the same rows whatever `schema` asks for, and leaves out the
    changes of collections newer than it: the cursor moves past them, so the
    no-skip guarantee is the scan's, unchanged (sync-protocol.md §7).
    """
    after, seen_horizon, issued_for = (
        (0, 0, schema) if cursor is None else cursor_read(cursor=cursor, user_id=user_id)
    )
    if issued_for < schema:
        # The changes of the newer collections that this cursor's pulls left
        # out lie behind it: only a pull from the beginning brings them (§7).
        raise ResetRequired(
            "reset_required",
            _("This app now syncs more kinds of entry. Pull from the beginning."),
        )
    known = frozenset(collections_for_schema(schema))
    read = _page_rows_postgresql if connection.vendor == "postgresql" else _page_rows_orm
    page = read(user_id=user_id, after=after, limit=limit, known=known)
    pruned_seq = page.pruned_seq
    if page.last is None and after > 0 and after > page.last_seq:
        # A cursor from beyond the server's history: the server was restored
        # from a backup. Only a full pull makes the device whole again.
        raise ResetRequired(
            "reset_required",
            _("The server no longer knows this point. Pull from the beginning."),
        )
    if cursor is None:
        # Pulling from the beginning, the device never held what was compacted.
        seen_horizon = pruned_seq
    elif pruned_seq > max(after, seen_horizon):
        # Retention compacted a tombstone after this cursor since its holder
        # last looked: the device may still hold an entry deleted since, which
        # only a pull from the beginning removes.
        raise ResetRequired(
            "reset_required",
            _("This device has not synced for too long. Pull from the beginning."),
        )
    if page.last is not None:
        after = page.last
    return Page(
        changes_json=page.changes_json,
        cursor=cursor_make(
            user_id=user_id, seq=after, horizon=max(seen_horizon, pruned_seq), schema=schema
        ),
        has_more=page.has_more,
    )


def records_for_user(*, user_id: int, include_deleted: bool = False):
    """The user's own records, oldest change first."""
    qs = Record.objects.filter(user_id=user_id)
    if not include_deleted:
        qs = qs.filter(deleted=False)
    return qs.order_by("change_seq")


def journal_counts(*, user_id: int) -> dict[str, int]:
    """How many live entries and tombstones a user has per collection; never their contents."""
    rows = (
        Record.objects.filter(user_id=user_id)
        .values("collection")
        .annotate(
            live=Count("id", filter=Q(deleted=False)), deleted=Count("id", filter=Q(deleted=True))
        )
    )
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["collection"]] = row["live"]
        counts[f"{row['collection']} (deleted)"] = row["deleted"]
    return counts
