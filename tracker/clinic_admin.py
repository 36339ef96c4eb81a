"""Site admins create clinics and name their first admin; consents and access log are read-only.

Nothing here shows journal entries. The access log cannot be changed or
deleted by anyone: it is what patients rely on to know who looked.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tracker.clinic_models import AccessLog, Clinic, ClinicInvite, ClinicMembership, Consent


class ClinicMembershipInline(admin.TabularInline):
    model = ClinicMembership
    fields = ("user", "is_clinic_admin", "joined_at")
    raw_id_fields = ("user",)
    extra = 0


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ("name", "share_code", "phone", "email", "staff_count")
    search_fields = ("name", "share_code", "email")
    fields = ("name", "phone", "email", "address", "website", "share_code", "referral_code")
    readonly_fields = ("referral_code",)
    inlines = [ClinicMembershipInline]

    @admin.display(description=_("staff"))
    def staff_count(self, obj) -> int:
        return obj.memberships.count()


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClinicInvite)
class ClinicInviteAdmin(_ReadOnly):
    list_display = ("email", "clinic", "created_at", "expires_at", "accepted_at")
    list_filter = ("clinic",)
    fields = ("email", "clinic", "invited_by", "created_at", "expires_at", "accepted_at")
    readonly_fields = fields


@admin.register(Consent)
class ConsentAdmin(_ReadOnly):
    list_display = ("public_id", "clinic", "granted_at", "expires_on", "revoked_at")
    list_filter = ("clinic",)
    fields = ("public_id", "clinic", "scopes", "granted_at", "expires_on", "revoked_at", "wording")
    readonly_fields = fields


@admin.register(AccessLog)
class AccessLogAdmin(_ReadOnly):
    list_display = ("at", "clinic_name", "staff_name", "action")
    list_filter = ("action",)
    fields = ("at", "clinic_name", "staff_name", "action", "scopes", "consent")
    readonly_fields = fields
