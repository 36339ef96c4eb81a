"""Sends the weekly check-in reminder to every patient whose check-in is due. Run it hourly."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from reminders.services import reminders_send


class Command(BaseCommand):
    help = "Send the Web Push check-in reminders that are due (run it every hour, e.g. from cron)."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} check-in reminder(s) sent.")
