"""Creates the "Medical reviewers" group with rights on medical content and nothing else."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from education.models import (
    Drug,
    MedicalReview,
    Question,
    RegulatoryFact,
    Section,
    SideEffectTerm,
    Source,
    Topic,
)
from education.services import REVIEWERS_GROUP

# What a medical reviewer may do, per model. Content items are never deleted
# here: "Withdraw from patients" hides them and keeps their history. Sources
# and regulatory facts can be removed from their section or drug, since the
# published snapshot keeps the old list until a second reviewer publishes.
REVIEWER_PERMISSIONS: dict[type, tuple[str, ...]] = {
    Topic: ("view", "add", "change"),
    Section: ("view", "add", "change"),
    Drug: ("view", "add", "change"),
    SideEffectTerm: ("view", "add", "change"),
    Question: ("view", "add", "change"),
    Source: ("view", "add", "change", "delete"),
    RegulatoryFact: ("view", "add", "change", "delete"),
    MedicalReview: ("view",),
}


def reviewer_permissions() -> list[Permission]:
    """The exact permissions the reviewers' group holds."""
    wanted = []
    for model, actions in REVIEWER_PERMISSIONS.items():
        content_type = ContentType.objects.get_for_model(model)
        for action in actions:
            wanted.append(
                Permission.objects.get(
                    content_type=content_type, codename=f"{action}_{model._meta.model_name}"
                )
            )
    return wanted


class Command(BaseCommand):
    help = "Creates or repairs the 'Medical reviewers' group. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        group, created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
        # set(), not add(): anything granted by hand outside content is removed.
        group.permissions.set(reviewer_permissions())
        text = (
            _("Created the group '%(group)s' with %(count)d permissions on medical content only.")
            if created
            else _(
                "Updated the group '%(group)s' with %(count)d permissions on medical content only."
            )
        )
        self.stdout.write(text % {"group": REVIEWERS_GROUP, "count": group.permissions.count()})
