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
from django.utils.translation import gettext_lazy as _


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
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_records"
    )
    collection = models.CharField(max_length=20, choices=Collection.choices)
    # 1 on creation, +1 on every accepted change (deletion included).
    version = models.PositiveIntegerField(default=1)
    deleted = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)
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

    def __str__(self) -> str:
        return f"sync state of user {self.user_id} at {self.last_seq}"


class AppliedMutation(models.Model):
    """The stored answer to an applied mutation, repeated when a client resends it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applied_mutations"
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
