"""Forgets sync history older than the retention (docs/sync-protocol.md §4, retention)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tracker.services import PRUNE_BATCH_SIZE, sync_history_prune


class Command(BaseCommand):
    help = (
        "Deletes stored replies to applied mutations and compacts tombstones older than "
        "SYNC_RETENTION_DAYS, in short batches; safe to run while devices sync (e.g. daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="retention in days (default: the SYNC_RETENTION_DAYS setting, "
            f"now {settings.SYNC_RETENTION_DAYS})",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=PRUNE_BATCH_SIZE,
            help="rows per transaction (default %(default)s)",
        )

    def handle(self, *args, days, batch_size, **options):
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        result = sync_history_prune(retention_days=days, batch_size=batch_size)
        self.stdout.write(
            f"Pruned sync history older than {result.cutoff.isoformat()}: "
            f"{result.replies} stored replies, {result.tombstones} tombstones "
            f"of {result.users} users."
        )
