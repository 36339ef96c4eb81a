"""Support staff's view of the journal: per-user counts and devices, never an entry.

Journal records are deliberately not registered: nobody, not even a
superuser, reviewers or clinic staff, can browse their contents here.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.models import Device, JournalAccount
from ros1site.admin import ReadOnlyAdmin
from tracker.selectors import journal_counts


class DeviceInline(admin.TabularInline):
    model = Device
    fields = ("client_id", "user_agent", "first_seen", "last_seen")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(JournalAccount)
class JournalAccountAdmin(ReadOnlyAdmin):
    list_display = ("email", "entries", "deleted_entries", "devices", "date_joined", "last_login")
    search_fields = ("email",)
    fields = ("email", "date_joined", "last_login", "counts")
    readonly_fields = fields
    inlines = [DeviceInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_live=Count(
                    "journal_records", filter=Q(journal_records__deleted=False), distinct=True
                ),
                n_deleted=Count(
                    "journal_records", filter=Q(journal_records__deleted=True), distinct=True
                ),
                n_devices=Count("sync_devices", distinct=True),
            )
        )

    @admin.display(description=_("entries"), ordering="n_live")
    def entries(self, obj) -> int:
        return obj.n_live

    @admin.display(description=_("deleted entries"), ordering="n_deleted")
    def deleted_entries(self, obj) -> int:
        return obj.n_deleted

    @admin.display(description=_("devices"), ordering="n_devices")
    def devices(self, obj) -> int:
        return obj.n_devices

    @admin.display(description=_("entries per collection"))
    def counts(self, obj):
        rows = sorted(journal_counts(user_id=obj.pk).items())
        return format_html_join("", "<div>{}: {}</div>", rows) or "—"
