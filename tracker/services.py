"""Writes to the journal: the push (sync-protocol.md §3)."""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Device, SignIn
from accounts.services import ClientInfo, device_seen, device_values
from ros1site.errors import InvalidInput, SchemaMismatch
from ros1site.limits import PUSH_BODY_MAX_BYTES
from tracker.contract import COLLECTIONS as CONTRACT_COLLECTIONS
from tracker.contract import NEWEST_SCHEMA, OLDEST_SCHEMA
from tracker.models import AppliedMutation, Collection, ForgottenRecord, Record, SyncState
from tracker.selectors import cursor_make, record_envelope
from tracker.validation import (
    Catalogue,
    RecordInvalid,
    parse_uuid,
    safe_text,
    validate_record_data,
)

User = get_user_model()

MAX_MUTATIONS = 500
MAX_PUSH_BYTES = PUSH_BODY_MAX_BYTES
OPS = ("upsert", "delete")
_COLLECTIONS = frozenset(Collection.values)
_MUTATION_KEYS = frozenset({"mutation_id", "collection", "id", "op", "base_version", "data"})
# A push that lost a race for a brand-new id with another user's push is
# re-run from the start this many times before answering 503.
_PUSH_ATTEMPTS = 3


# -- Push ------------------------------------------------------------------


@dataclass
class _Mutation:
    raw_mutation_id: str
    mutation_id: uuid.UUID
    raw_id: Any
    id: uuid.UUID | None = None
    collection: str | None = None
    op: str | None = None
    base_version: int | None = None
    data: Any = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    # A collection newer than the request's schema (sync-protocol.md §7).
    unknown_collection: bool = False


def _request_error(detail: str, fields: dict[str, list[str]] | None = None) -> InvalidInput:
    return InvalidInput("invalid_request", detail, fields=fields)


def push_request_parse(*, payload: Any) -> tuple[int, str | None, list[_Mutation]]:
    """Checks the whole request (sync-protocol.md §3); any fault refuses all of it, unapplied."""
    if not isinstance(payload, dict):
        raise _request_error(_("The body must be a JSON object."))
    schema = payload.get("schema")
    if schema is None:
        raise _request_error(
            _("The schema version is missing."), {"schema": [_("This field is required.")]}
        )
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise _request_error(
            _("The schema version must be a whole number."),
            {"schema": [_("Must be a whole number.")]},
        )
    if schema < OLDEST_SCHEMA:
        raise SchemaMismatch(
            "schema_outdated",
            _("This app is out of date. Update it; your changes are kept meanwhile."),
        )
    if schema > NEWEST_SCHEMA:
        raise SchemaMismatch(
            "schema_unsupported",
            _("This server does not know this schema yet. Keep your changes and try later."),
        )
    client_id = payload.get("client_id")
    if client_id is not None and (
        not safe_text(client_id)
        or not 1 <= len(client_id) <= Device._meta.get_field("client_id").max_length
    ):
        raise _request_error(
            _("The client_id is not valid."),
            {"client_id": [_("Must be a string of 1 to 100 characters, e.g. a UUID.")]},
        )
    if "mutations" not in payload:
        raise _request_error(
            _("The list of mutations is missing."), {"mutations": [_("This field is required.")]}
        )
    mutations = payload["mutations"]
    if not isinstance(mutations, list):
        raise _request_error(
            _("The mutations must be a list."), {"mutations": [_("Must be a list.")]}
        )
    if len(mutations) > MAX_MUTATIONS:
        raise _request_error(
            _("At most %(max)d mutations per request.") % {"max": MAX_MUTATIONS},
            {"mutations": [_("At most %(max)d per request.") % {"max": MAX_MUTATIONS}]},
        )
    parsed: list[_Mutation] = []
    seen_mutations: set[uuid.UUID] = set()
    seen_ids: set[uuid.UUID] = set()
    for index, item in enumerate(mutations):
        where = f"mutations.{index}"
        if not isinstance(item, dict):
            raise _request_error(
                _("Each mutation must be an object."), {where: [_("Must be an object.")]}
            )
        mutation_id = parse_uuid(item.get("mutation_id"))
        if mutation_id is None:
            raise _request_error(
                _("Each mutation needs a mutation_id that is a UUID."),
                {f"{where}.mutation_id": [_("Must be a UUID.")]},
            )
        if mutation_id in seen_mutations:
            raise _request_error(
                _("A mutation_id is repeated within this request."),
                {f"{where}.mutation_id": [_("Repeated within this request.")]},
            )
        seen_mutations.add(mutation_id)
        m = _Mutation(raw_mutation_id=item["mutation_id"], mutation_id=mutation_id, raw_id=None)
        _mutation_parse(m, item, schema=schema)
        if m.id is not None:
            if m.id in seen_ids:
                raise _request_error(
                    _("An id is repeated within this request."),
                    {f"{where}.id": [_("Repeated within this request.")]},
                )
            seen_ids.add(m.id)
        parsed.append(m)
    return schema, client_id, parsed


def _mutation_parse(m: _Mutation, item: dict, *, schema: int) -> None:
    """Reads one mutation's envelope; faults become that mutation's `rejected` answer."""
    raw_id = item.get("id")
    m.raw_id = raw_id if safe_text(raw_id) and len(raw_id) <= 45 else None
    m.id = parse_uuid(raw_id)
    if m.id is None:
        m.errors.setdefault("id", []).append(_("Must be a UUID."))
    for key in item:
        if key not in _MUTATION_KEYS:
            name = str(key)[:100] if safe_text(key) else "?"
            m.errors.setdefault(name, []).append(_("Unknown field."))
    collection = item.get("collection")
    if isinstance(collection, str) and collection in _COLLECTIONS:
        m.collection = collection
        m.unknown_collection = CONTRACT_COLLECTIONS[collection].since > schema
    else:
        m.errors.setdefault("collection", []).append(
            _("Must be one of: %(choices)s.") % {"choices": ", ".join(Collection.values)}
        )
    op = item.get("op")
    if isinstance(op, str) and op in OPS:
        m.op = op
    else:
        m.errors.setdefault("op", []).append(_("Must be upsert or delete."))
    base = item.get("base_version")
    if base is not None and (not isinstance(base, int) or isinstance(base, bool) or base < 1):
        m.errors.setdefault("base_version", []).append(
            _("Must be null (to create) or the version being changed.")
        )
    else:
        m.base_version = base
    if m.op == "delete" and base is None:
        m.errors.setdefault("base_version", []).append(
            _("Required to delete: the version being deleted.")
        )
    if m.op == "upsert":
        if "data" not in item:
            m.errors.setdefault("data", []).append(_("Required for an upsert."))
        m.data = item.get("data")


def _rejected(m: _Mutation, error: str, detail: str, fields: dict | None = None) -> dict:
    result = {
        "mutation_id": m.raw_mutation_id,
        "id": m.raw_id,
        "status": "rejected",
        "error": error,
        "detail": detail,
    }
    if fields:
        result["fields"] = fields
    return result


def _conflict(m: _Mutation, record: Record) -> dict:
    return {
        "mutation_id": m.raw_mutation_id,
        "id": m.raw_id,
        "status": "conflict",
        "current": record_envelope(record),
    }


def sync_push(*, user, payload: Any, client: ClientInfo) -> dict[str, Any]:
    """Applies each mutation on its own and in order, under the user's row lock.

    The ordering rule: every accepted change takes the next position of the
    user's SyncState, which is locked for the whole push, so positions commit
    in order. The conflict rule: a change applies only to the version it was
    based on, never to a tombstone; a create only to a new id.
    """
    schema, client_id, mutations = push_request_parse(payload=payload)
    for attempt in range(_PUSH_ATTEMPTS):
        try:
            with transaction.atomic():
                return _push_locked(
                    user=user,
                    mutations=mutations,
                    client_id=client_id,
                    client=client,
                    schema=schema,
                )
        except IntegrityError:
            # Another user's push created one of these ids (or this user's
            # first SyncState) at the same moment; the retry sees it.
            if attempt == _PUSH_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _lock_state(*, user) -> SyncState:
    state = SyncState.objects.select_for_update().filter(user=user).first()
    if state is None:
        # Inserting the row takes the same lock: a concurrent first push
        # waits on it and then fails with IntegrityError, and is re-run.
        state = SyncState.objects.create(user=user, last_seq=0)
    return state


def _forgotten_ids(
    *, state: SyncState, mutations: list[_Mutation], stored: dict, existing: dict
) -> set[uuid.UUID]:
    """The ids among this push's creates whose tombstones retention has compacted.

    Only a user whose history was ever pruned can have any, so every other
    push spends no statement on it.
    """
    if not state.pruned_seq:
        return set()
    creates = [
        m.id
        for m in mutations
        if m.base_version is None
        and m.id is not None
        and m.mutation_id not in stored
        and m.id not in existing
    ]
    if not creates:
        return set()
    return set(
        ForgottenRecord.objects.filter(user_id=state.user_id, id__in=creates).values_list(
            "id", flat=True
        )
    )


def _push_locked(
    *, user, mutations: list[_Mutation], client_id: str | None, client: ClientInfo, schema: int
) -> dict[str, Any]:
    # Decisions are made in memory while the user's lock is held, so that no
    # mutation can fail half-written: no savepoint per mutation is needed,
    # and the common case costs a fixed number of statements.
    if connection.vendor == "postgresql":
        state, stored, existing = _locked_reads_postgresql(user=user, mutations=mutations)
    else:
        state = _lock_state(user=user)
        stored = dict(
            AppliedMutation.objects.filter(
                user=user, mutation_id__in=[m.mutation_id for m in mutations]
            ).values_list("mutation_id", "result")
        )
        wanted = [m.id for m in mutations if m.id is not None and m.mutation_id not in stored]
        existing = {r.id: r for r in Record.objects.filter(id__in=wanted)} if wanted else {}
    now = timezone.now()
    forgotten = _forgotten_ids(state=state, mutations=mutations, stored=stored, existing=existing)
    catalogue = Catalogue()
    results: list[dict[str, Any]] = []
    # Plain dicts for new rows: model instances cost more CPU than the rest
    # of a push, and PostgreSQL never needs them.
    created: list[dict[str, Any]] = []
    changed: list[Record] = []
    applied: list[dict[str, Any]] = []

    for m in mutations:
        if m.mutation_id in stored:
            results.append({"mutation_id": m.raw_mutation_id, **stored[m.mutation_id]})
            continue
        if m.unknown_collection:
            results.append(
                _rejected(
                    m,
                    "unknown_collection",
                    _("This app's schema does not have this collection. Update the app."),
                    {"collection": [_("Not part of sync schema %(schema)d.") % {"schema": schema}]},
                )
            )
            continue
        if m.errors:
            results.append(_rejected(m, "invalid", _("This change is not valid."), m.errors))
            continue
        record = existing.get(m.id)
        if record is not None and record.user_id != user.pk:
            results.append(
                _rejected(m, "id_unavailable", _("This id cannot be used. Make a new one."))
            )
            continue
        clean: dict[str, Any] = {}
        if m.op == "upsert":
            try:
                clean = validate_record_data(
                    collection=m.collection, data=m.data, catalogue=catalogue
                )
            except RecordInvalid as exc:
                results.append(_rejected(m, "invalid", _("This entry is not valid."), exc.fields))
                continue
        if m.base_version is None:
            if record is not None:
                results.append(_conflict(m, record))
                continue
            if m.id in forgotten:
                # Created, deleted and compacted: most likely a device resending
                # a create whose stored reply retention has pruned. Applying it
                # again would bring the deleted entry back.
                results.append(
                    _rejected(m, "id_unavailable", _("This id cannot be used. Make a new one."))
                )
                continue
            state.last_seq += 1
            created.append(
                {
                    "id": m.id,
                    "user_id": user.pk,
                    "collection": m.collection,
                    "version": 1,
                    "deleted": False,
                    "data": clean,
                    "created_at": now,
                    "updated_at": now,
                    "change_seq": state.last_seq,
                }
            )
            version = 1
        else:
            if record is None:
                results.append(
                    _rejected(m, "not_found", _("There is no entry with this id to change."))
                )
                continue
            if record.collection != m.collection:
                results.append(
                    _rejected(
                        m,
                        "invalid",
                        _("This change is not valid."),
                        {"collection": [_("This id belongs to another collection.")]},
                    )
                )
                continue
            if record.deleted or record.version != m.base_version:
                results.append(_conflict(m, record))
                continue
            state.last_seq += 1
            record.version += 1
            record.deleted = m.op == "delete"
            record.data = {} if record.deleted else clean
            record.updated_at = now
            record.change_seq = state.last_seq
            changed.append(record)
            version = record.version
        answer = {"id": m.raw_id, "status": "applied", "version": version}
        applied.append(
            {"user_id": user.pk, "mutation_id": m.mutation_id, "result": answer, "applied_at": now}
        )
        results.append({"mutation_id": m.raw_mutation_id, **answer})

    if connection.vendor == "postgresql":
        device = None
        if client_id is not None:
            device = {"client_id": client_id, "now": now, **device_values(client)}
        _write_postgresql(
            user_id=user.pk,
            created=created,
            changed=changed,
            applied=applied,
            last_seq=state.last_seq,
            device=device,
        )
    else:
        if created:
            Record.objects.bulk_create([Record(**row) for row in created])
        if changed:
            Record.objects.bulk_update(changed, _CHANGED_FIELDS)
        if applied:
            AppliedMutation.objects.bulk_create([AppliedMutation(**row) for row in applied])
            SyncState.objects.filter(pk=state.pk).update(last_seq=state.last_seq)
        if client_id is not None:
            device_seen(user=user, client_id=client_id, client=client, now=now)
    return {
        "results": results,
        "cursor": cursor_make(user_id=user.pk, seq=state.last_seq, schema=schema),
    }


def _locked_reads_postgresql(
    *, user, mutations: list[_Mutation]
) -> tuple[SyncState, dict[uuid.UUID, Any], dict[uuid.UUID, Record]]:
    """The user's lock, then the stored answers and the records a push needs: two statements.

    The same reads as the ORM's. The lock comes first and alone: a statement
    after it sees every push that committed before the lock was granted. The
    stored answers and the records of the mutations without one are then one
    statement, so in one snapshot. Building and compiling them through the
    ORM cost a fifth of a push's CPU time, and each statement more is a round
    trip and a parse.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT last_seq, pruned_seq FROM {SyncState._meta.db_table} "  # noqa: S608 - from models
            "WHERE user_id = %s FOR UPDATE",
            [user.pk],
        )
        row = cursor.fetchone()
        if row is None:
            state = _lock_state(user=user)
        else:
            state = SyncState(user_id=user.pk, last_seq=row[0], pruned_seq=row[1])
        with_ids = [m for m in mutations if m.id is not None]
        cursor.execute(
            _READS_SQL,
            [
                user.pk,
                [m.mutation_id for m in mutations],
                [m.mutation_id for m in with_ids],
                [m.id for m in with_ids],
                user.pk,
            ],
        )
        rows = cursor.fetchall()
    stored: dict[uuid.UUID, Any] = {}
    existing: dict[uuid.UUID, Record] = {}
    names = [f.attname for f in Record._meta.concrete_fields]
    data_at = names.index("data")
    data_field = Record._meta.get_field("data")
    for mutation_id, result, *values in rows:
        if mutation_id is not None:
            stored[mutation_id] = json.loads(result)
            continue
        values[data_at] = data_field.from_db_value(values[data_at], None, connection)
        record = Record.from_db(connection.alias, names, values)
        existing[record.id] = record
    return state, stored, existing


# The stored answers of this push's mutations, and the records named by the
# mutations that have none (the ORM path's `wanted`), as one result.
_RECORD_SELECT = ", ".join(f"r.{f.column}" for f in Record._meta.concrete_fields)
_READS_SQL = (
    f"SELECT a.mutation_id, a.result, {', '.join('NULL' for _ in Record._meta.concrete_fields)} "  # noqa: S608 - from models
    f"FROM {AppliedMutation._meta.db_table} a "
    "WHERE a.user_id = %s AND a.mutation_id = ANY(%s) "
    f"UNION ALL SELECT NULL, NULL, {_RECORD_SELECT} "
    "FROM unnest(%s::uuid[], %s::uuid[]) AS m(mutation_id, id) "
    f"JOIN {Record._meta.db_table} r ON r.id = m.id "
    f"WHERE NOT EXISTS (SELECT 1 FROM {AppliedMutation._meta.db_table} s "
    "WHERE s.user_id = %s AND s.mutation_id = m.mutation_id)"
)


_CHANGED_FIELDS = ["version", "deleted", "data", "updated_at", "change_seq"]
_RECORD_COLUMNS = (
    "id uuid, user_id bigint, collection varchar, version integer, deleted boolean, "
    "data json, created_at timestamptz, updated_at timestamptz, change_seq bigint"
)


def _write_postgresql(
    *,
    user_id: int,
    created: list[dict[str, Any]],
    changed: list[Record],
    applied: list[dict[str, Any]],
    last_seq: int,
    device: dict[str, Any] | None,
) -> None:
    """Every write of a push in one statement: data-modifying CTEs over JSON parameters.

    The same rows as bulk_create/bulk_update/update/update_or_create, but in a
    single round trip, and without Django's per-value SQL compilation and
    psycopg's per-value quoting, which took about half of a push's CPU time.
    """
    parts: list[str] = []
    params: list[Any] = []
    record_table = Record._meta.db_table
    if created:
        parts.append(
            f"INSERT INTO {record_table} "  # noqa: S608 - table names come from models
            "(id, user_id, collection, version, deleted, data, created_at, updated_at, "
            "change_seq) SELECT id, user_id, collection, version, deleted, data, "
            "created_at, updated_at, change_seq "
            f"FROM json_to_recordset(%s::json) AS x({_RECORD_COLUMNS})"
        )
        params.append(_record_rows(created, _row_value))
    if changed:
        parts.append(
            f"UPDATE {record_table} AS r SET version = x.version, "  # noqa: S608
            "deleted = x.deleted, data = x.data, updated_at = x.updated_at, "
            "change_seq = x.change_seq "
            f"FROM json_to_recordset(%s::json) AS x({_RECORD_COLUMNS}) WHERE r.id = x.id"
        )
        params.append(_record_rows(changed, getattr))
    if applied:
        parts.append(
            f"INSERT INTO {AppliedMutation._meta.db_table} "  # noqa: S608
            "(user_id, mutation_id, result, applied_at) "
            "SELECT user_id, mutation_id, result, applied_at "
            "FROM jsonb_to_recordset(%s::jsonb) "
            "AS x(user_id bigint, mutation_id uuid, result jsonb, applied_at timestamptz)"
        )
        params.append(
            json.dumps(
                [
                    {
                        "user_id": a["user_id"],
                        "mutation_id": str(a["mutation_id"]),
                        "result": a["result"],
                        "applied_at": a["applied_at"].isoformat(),
                    }
                    for a in applied
                ]
            )
        )
        parts.append(
            f"UPDATE {SyncState._meta.db_table} SET last_seq = %s WHERE user_id = %s"  # noqa: S608
        )
        params += [last_seq, user_id]
    if device is not None:
        parts.append(
            f"INSERT INTO {Device._meta.db_table} "  # noqa: S608
            "(user_id, client_id, first_seen, last_seen, user_agent, token_id, session_key) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (user_id, client_id) DO UPDATE SET last_seen = EXCLUDED.last_seen, "
            "user_agent = EXCLUDED.user_agent, token_id = EXCLUDED.token_id, "
            "session_key = EXCLUDED.session_key"
        )
        params += [
            user_id,
            device["client_id"],
            device["now"],
            device["now"],
            device["user_agent"],
            device["token_id"],
            device["session_key"],
        ]
        # As accounts.services.device_seen: the sign-in it pushed with names the install.
        parts.append(
            f"UPDATE {SignIn._meta.db_table} SET client_id = %s, user_agent = %s "  # noqa: S608
            "WHERE user_id = %s AND (token_id = %s OR (%s <> '' AND "
            "token_id IS NULL AND kind = 'session' AND session_key = %s))"
        )
        params += [
            device["client_id"],
            device["user_agent"],
            user_id,
            device["token_id"],
            device["session_key"],
            device["session_key"],
        ]
    if not parts:
        return
    *ctes, main = parts
    sql = main
    if ctes:
        sql = "WITH " + ", ".join(f"w{i} AS ({part})" for i, part in enumerate(ctes)) + " " + main
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _row_value(row: dict[str, Any], name: str) -> Any:
    return row[name]


def _record_rows(records: list, get: Callable[[Any, str], Any]) -> str:
    """Records (model instances or dicts, read with `get`) as one JSON array of rows.

    Compact, since each row's `data` is stored as this text (a `json` column).
    """
    return json.dumps(
        [
            {
                "id": str(get(r, "id")),
                "user_id": get(r, "user_id"),
                "collection": get(r, "collection"),
                "version": get(r, "version"),
                "deleted": get(r, "deleted"),
                "data": get(r, "data"),
                "created_at": get(r, "created_at").isoformat(),
                "updated_at": get(r, "updated_at").isoformat(),
                "change_seq": get(r, "change_seq"),
            }
            for r in records
        ],
        separators=(",", ":"),
        ensure_ascii=False,
    )


# -- Retention ---------------------------------------------------------------

PRUNE_BATCH_SIZE = 1000


@dataclass
class PruneResult:
    cutoff: datetime.datetime
    replies: int = 0
    tombstones: int = 0
    users: int = 0


def sync_history_prune(
    *,
    now: datetime.datetime | None = None,
    retention_days: int | None = None,
    batch_size: int = PRUNE_BATCH_SIZE,
) -> PruneResult:
    """Forgets stored replies and tombstones older than the retention, in short batches.

    The rule (docs/sync-protocol.md §4, retention): a tombstone older than the
    retention leaves the change order and only its bare id is kept
    (ForgottenRecord), so its create is never applied again; the user's
    `pruned_seq` moves to its position, so a cursor before it answers 410
    reset_required. A stored reply older than the retention is deleted; a
    resent mutation is then decided by the version rules, which never apply
    a change twice. Each batch is its own transaction and locks only the
    SyncState rows of the users in it, as a push does, so devices keep syncing.
    """
    days = settings.SYNC_RETENTION_DAYS if retention_days is None else retention_days
    if days < 1:
        raise ValueError("retention_days must be at least 1")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    result = PruneResult(cutoff=cutoff)
    users: set[int] = set()
    while batch := _prune_tombstones(cutoff=cutoff, batch_size=batch_size):
        result.tombstones += len(batch)
        users.update(batch)
    result.users = len(users)
    result.replies = _prune_replies(cutoff=cutoff, batch_size=batch_size)
    return result


def _prune_tombstones(*, cutoff: datetime.datetime, batch_size: int) -> list[int]:
    """One batch: the user ids of the tombstones compacted (empty when none were left)."""
    with transaction.atomic():
        # Through the partial index of tombstones, oldest first.
        batch = list(
            Record.objects.filter(deleted=True, updated_at__lt=cutoff)
            .order_by("updated_at")
            .values_list("id", "user_id", "change_seq")[:batch_size]
        )
        if not batch:
            return []
        user_ids = sorted({user_id for _, user_id, _ in batch})
        # Every user with records has a SyncState; a row made outside the API may not.
        SyncState.objects.bulk_create(
            [SyncState(user_id=u) for u in user_ids], ignore_conflicts=True
        )
        # The same lock a push takes first, in one order, so neither waits long
        # and no deadlock can form; a tombstone never changes (changing one is a
        # conflict), so the batch read before the lock is still true.
        states = {
            s.user_id: s
            for s in SyncState.objects.select_for_update()
            .filter(user_id__in=user_ids)
            .order_by("user_id")
        }
        for _, user_id, seq in batch:
            state = states[user_id]
            state.pruned_seq = max(state.pruned_seq, seq)
        ForgottenRecord.objects.bulk_create(
            [ForgottenRecord(id=record_id, user_id=user_id) for record_id, user_id, _ in batch],
            ignore_conflicts=True,
        )
        Record.objects.filter(id__in=[record_id for record_id, _, _ in batch]).delete()
        SyncState.objects.bulk_update(list(states.values()), ["pruned_seq"])
    return [user_id for _, user_id, _ in batch]


def _prune_replies(
    *, cutoff: datetime.datetime, batch_size: int, max_batches: int | None = None
) -> int:
    """Deletes stored replies older than `cutoff`, walking the primary key from the oldest.

    Rows are written in the order they are applied, so the old ones are at the
    low end of the key: no index on applied_at is needed on a table this big.
    The walk stops at the first batch that holds none older than the cutoff
    (or after `max_batches`, for bench/scaling.py).
    """
    deleted = 0
    after = 0
    batches = 0
    while max_batches is None or batches < max_batches:
        batches += 1
        rows = list(
            AppliedMutation.objects.filter(pk__gt=after)
            .order_by("pk")
            .values_list("pk", "applied_at")[:batch_size]
        )
        old = [pk for pk, applied_at in rows if applied_at < cutoff]
        if not old:
            return deleted
        deleted += AppliedMutation.objects.filter(pk__in=old).delete()[0]
        after = rows[-1][0]
    return deleted
