"""The journal on the server (sync-protocol.md §2–§4).

One `Record` table holds every collection. A record's identity (a client
UUID) is unique across every collection and every user, a pull reads one
user's changes from all collections in a single ordered index scan, and the
push path fetches every touched id in one query; the per-collection shape of
`data` is kept by `tracker.validation`, the one place that knows it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.fields.json import KeyTransform, KeyTransformFactory
from django.utils.translation import gettext_lazy as _


class JSONTextField(models.JSONField):
    """JSON kept by PostgreSQL as its text (`json`), not parsed into `jsonb`.

    Every device pulls every record, again after each reset, and turning
    jsonb back into text took most of PostgreSQL's time in a pull, the more
    the bigger the entry (bench/checkin_pull.py); `json` hands back the text
    it was given, and still checks that it is JSON on the way in. Queries
    inside the data (`data__key=...`, rare: reminders read one key) see it
    as jsonb, cast on the fly. Other databases keep JSONField's own column.
    """

    def db_type(self, connection):
        if connection.vendor == "postgresql":
            return "json"
        return super().db_type(connection)

    def from_db_value(self, value, expression, connection):
        # psycopg decodes `json` itself (Django asks it for jsonb as text only).
        if value is not None and not isinstance(value, str):
            return value
        return super().from_db_value(value, expression, connection)

    def get_transform(self, name):
        transform = super().get_transform(name)
        if isinstance(transform, KeyTransformFactory):
            return _JsonbKeyTransformFactory(name)
        return transform

    def get_lookup(self, lookup_name):
        lookup = super().get_lookup(lookup_name)
        return None if lookup is None else _jsonb_lhs_lookup(lookup)


def _as_jsonb(sql: str, connection) -> str:
    return f"({sql})::jsonb" if connection.vendor == "postgresql" else sql


class _JsonbKeyTransform(KeyTransform):
    def preprocess_lhs(self, compiler, connection):
        lhs, params, keys = super().preprocess_lhs(compiler, connection)
        return _as_jsonb(lhs, connection), params, keys


class _JsonbKeyTransformFactory(KeyTransformFactory):
    def __call__(self, *args, **kwargs):
        return _JsonbKeyTransform(self.key_name, *args, **kwargs)


_JSONB_LOOKUPS: dict[type, type] = {}


def _jsonb_lhs_lookup(lookup: type) -> type:
    """The lookup, comparing the column as jsonb (`json` has no = nor @>)."""
    if lookup not in _JSONB_LOOKUPS:

        def process_lhs(self, compiler, connection, lhs=None):
            sql, params = super(cast_lookup, self).process_lhs(compiler, connection, lhs)
            return _as_jsonb(sql, connection), params

        cast_lookup = type(lookup.__name__, (lookup,), {"process_lhs": process_lhs})
        _JSONB_LOOKUPS[lookup] = cast_lookup
    return _JSONB_LOOKUPS[lookup]


class Collection(models.TextChoices):
    COURSES = "courses", _("Treatment courses")
    SCANS = "scans", _("Scans")
    SIDE_EFFECTS = "side_effects", _("Side effects")
    QUESTIONS = "questions", _("Questions")
    # Sync schema 2 (sync-protocol.md §7).
    CHECKINS = "checkins", _("Weekly check-ins")


class Record(models.Model):
    """One journal entry, or the tombstone of a deleted one (`data` is then `{}`)."""

    # Made by the client; globally unique so that an id can never belong to
    # two users (another user's id is answered `id_unavailable`).
    id = models.UUIDField(primary_key=True)
    # No index of its own: record_user_change_seq starts with the user and
    # serves every look-up by user; a separate one only cost space (its size
    # at scale is in docs/scaling.md).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="journal_records",
        db_index=False,
    )
    collection = models.CharField(max_length=20, choices=Collection.choices)
    # 1 on creation, +1 on every accepted change (deletion included).
    version = models.PositiveIntegerField(default=1)
    deleted = models.BooleanField(default=False)
    data = JSONTextField(default=dict, blank=True)
    created_at = models.DateTimeField()
    # The server's clock at the last accepted change; for display only.
    updated_at = models.DateTimeField()
    # The user's SyncState.last_seq when this change was accepted: the pull
    # order. Assigned under the user's row lock, so it commits in order.
    change_seq = models.BigIntegerField()

    class Meta:
        constraints = [
            # Also the index a pull scans: (user_id, change_seq).
            models.UniqueConstraint(fields=["user", "change_seq"], name="record_user_change_seq"),
        ]
        indexes = [
            # Only tombstones, so it stays small: how sync_history_prune finds
            # the ones past retention without scanning every record.
            models.Index(
                fields=["updated_at"],
                condition=models.Q(deleted=True),
                name="record_tombstone_updated_at",
            ),
        ]
        verbose_name = _("journal record")
        verbose_name_plural = _("journal records")

    def __str__(self) -> str:
        # Never the contents: this string can end up in logs and the admin.
        return f"{self.collection} {self.id} v{self.version}"


class SyncState(models.Model):
    """A user's position in their own change order; its row lock serialises their pushes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="sync_state",
    )
    last_seq = models.BigIntegerField(default=0)
    # The highest position whose tombstone retention has compacted away: a
    # pull from a cursor before it could miss a deletion, so it answers 410
    # reset_required (sync-protocol.md §4, retention).
    pruned_seq = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"sync state of user {self.user_id} at {self.last_seq}"


class AppliedMutation(models.Model):
    """The stored answer to an applied mutation, repeated when a client resends it."""

    # No index of its own: the unique (user, mutation_id) starts with the user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="applied_mutations",
        db_index=False,
    )
    mutation_id = models.UUIDField()
    # {"status": "applied", "version": N, "id": "..."}: never any journal content.
    result = models.JSONField()
    applied_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "mutation_id"], name="applied_mutation_user_mutation_id"
            ),
        ]

    def __str__(self) -> str:
        return f"mutation {self.mutation_id}"


class ForgottenRecord(models.Model):
    """The bare id of a tombstone compacted by retention: that id is never created again.

    A device offline for longer than retention may resend the create of an
    entry that was applied, then deleted on another device and compacted; its
    stored reply is gone too. Without this row the create would apply a second
    time and bring the deleted entry back. The row holds no journal content.
    """

    id = models.UUIDField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forgotten_records"
    )

    def __str__(self) -> str:
        return f"forgotten record {self.id}"
