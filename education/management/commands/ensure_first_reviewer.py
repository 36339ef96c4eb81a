"""Gives a fresh install a way in: one administrator, only if there is none yet."""

from __future__ import annotations

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from education.services import REVIEWERS_GROUP

DEFAULT_EMAIL = "reviewer@example.org"


class Command(BaseCommand):
    help = (
        "Creates the first reviewer account (a superuser) when no superuser exists. Reads "
        "DJANGO_FIRST_REVIEWER_EMAIL and DJANGO_FIRST_REVIEWER_PASSWORD; without a password, "
        "prints a random one once. Does nothing when a superuser already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=os.getenv("DJANGO_SITE_URL", "http://127.0.0.1:8000"),
            help="Where the site is served, for the sign-in address printed at the end.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(_("A superuser already exists; no account was created."))
            return
        email = os.getenv("DJANGO_FIRST_REVIEWER_EMAIL", "").strip() or DEFAULT_EMAIL
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(
                _("DJANGO_FIRST_REVIEWER_EMAIL is not an email address: %(email)s")
                % {"email": email}
            ) from exc
        password = os.getenv("DJANGO_FIRST_REVIEWER_PASSWORD", "")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(18)
        user = User(username=email, email=email, is_staff=True, is_superuser=True)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(
                _("DJANGO_FIRST_REVIEWER_PASSWORD is too weak: %(reasons)s")
                % {"reasons": " ".join(exc.messages)}
            ) from exc
        if User.objects.filter(username=email).exists():
            raise CommandError(
                _(
                    "An account %(email)s exists but is not a superuser; choose another email, "
                    "or make it one with 'manage.py shell'."
                )
                % {"email": email}
            )
        user.set_password(password)
        user.save()
        call_command("setup_roles", stdout=self.stdout)
        user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
        login_url = options["site_url"].rstrip("/") + "/admin/"
        self.stdout.write(
            self.style.SUCCESS(
                _("Created the first reviewer account: %(email)s") % {"email": email}
            )
        )
        if generated:
            self.stdout.write(
                _(
                    "Its password, shown only this once: %(password)s\n"
                    "Sign in and change it (top right: 'Change password')."
                )
                % {"password": password}
            )
        self.stdout.write(_("Sign in at %(url)s") % {"url": login_url})
