"""Loads the seeded patient content; safe to run on every start."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from education.seeding import seed_content_load


class Command(BaseCommand):
    help = _(
        "Loads the seeded patient content. Running it again never duplicates anything and "
        "never overwrites what a medical reviewer has changed."
    )

    def handle(self, *args, **options) -> None:
        report = seed_content_load()
        if options["verbosity"] > 0:
            self.stdout.write(report.summary())
