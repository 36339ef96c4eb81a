"""Reads of the journal. Every read is scoped to one user: nobody reads another's records."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Case, Count, F, JSONField, Q, Value, When
from django.utils.translation import gettext as _

from ros1site.errors import InvalidInput, ResetRequired
from tracker.contract import collections_for_schema
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


def _row_envelope(row: tuple) -> dict[str, Any]:
    collection, record_id, version, deleted, updated_at, data, _seq = row
    return {
        "collection": collection,
        "id": str(record_id),
        "version": version,
        "deleted": deleted,
        "updated_at": iso_utc(updated_at),
        "data": {} if deleted else data,
    }


def cursor_make(*, user_id: int, seq: int, schema: int = 1) -> str:
    """An opaque, signed cursor naming a position in one user's change order.

    It remembers the sync schema it was issued for (sync-protocol.md §7); a
    schema-1 cursor is written as before schema 2 existed, so those in the
    hands of devices stay valid. The schema is the fourth element: the third
    is kept for the compaction horizon of sync retention (0: none).
    """
    payload = [user_id, seq] if schema == 1 else [user_id, seq, 0, schema]
    return signing.dumps(payload, salt=_CURSOR_SALT, compress=False)


def cursor_check_schema(*, cursor: str, schema: int) -> None:
    """410 reset_required for a cursor issued for an older schema than the pull asks for.

    The changes of the newer collections that the cursor's pulls left out lie
    behind it: only a pull from the beginning brings them (sync-protocol.md §7).
    Read after cursor_read has vouched for the cursor.
    """
    payload = signing.loads(cursor, salt=_CURSOR_SALT)
    issued_for = payload[3] if len(payload) > 3 else 1
    if issued_for < schema:
        raise ResetRequired(
            "reset_required",
            _("This app now syncs more kinds of entry. Pull from the beginning."),
        )


def cursor_read(*, cursor: str, user_id: int) -> int:
    """The position a cursor names; 400 invalid_cursor when forged or made for someone else."""
    try:
        owner, seq, *_schema = signing.loads(cursor, salt=_CURSOR_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        owner, seq = None, None
    if owner != user_id or not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise InvalidInput(
            "invalid_cursor",
            _("This cursor is not valid for this account. Pull from the beginning."),
        )
    return seq


def sync_last_seq(*, user_id: int) -> int:
    """The position of the user's latest accepted change (0 before any)."""
    return SyncState.objects.filter(user_id=user_id).values_list("last_seq", flat=True).first() or 0


@dataclass
class Page:
    changes: list[dict[str, Any]]
    cursor: str
    has_more: bool


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
    after = 0
    if cursor is not None:
        after = cursor_read(cursor=cursor, user_id=user_id)
        cursor_check_schema(cursor=cursor, schema=schema)
    known = frozenset(collections_for_schema(schema))
    # Plain rows rather than model instances: a page is read, never saved.
    columns: list[Any] = list(_ENVELOPE_COLUMNS)
    if len(known) < len(Collection.values):
        # The rows a page leaves out are still scanned, but not their data.
        columns[_ENVELOPE_COLUMNS.index("data")] = Case(
            When(collection__in=known, then=F("data")),
            default=Value(None),
            output_field=JSONField(),
        )
    rows = list(
        Record.objects.filter(user_id=user_id, change_seq__gt=after)
        .order_by("change_seq")
        .values_list(*columns)[: limit + 1]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    if rows:
        after = rows[-1][-1]
    elif after > 0 and after > sync_last_seq(user_id=user_id):
        # A cursor from beyond the server's history: the server was restored
        # from a backup. Only a full pull makes the device whole again.
        raise ResetRequired(
            "reset_required", _("The server no longer knows this point. Pull from the beginning.")
        )
    return Page(
        changes=[_row_envelope(row) for row in rows if row[0] in known],
        cursor=cursor_make(user_id=user_id, seq=after, schema=schema),
        has_more=has_more,
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
