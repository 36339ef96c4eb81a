"""Site admins create clinics and name their first admin; consents and access log are read-only.

Nothing here shows journal entries. The access log cannot be changed or
deleted by anyone: it is what patients rely on to know who looked.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from clinics.models import AccessLog, Clinic, ClinicInvite, ClinicMembership, Consent
from clinics.services import invite_create, invites_cancel_as_site_admin
from ros1site.admin import ReadOnlyAdmin
from ros1site.forms import URL_FIELD_OVERRIDES, https_formfield


class ClinicForm(forms.ModelForm):
    invite_admin = forms.EmailField(
        label=_("Invite the clinic's admin"),
        required=False,
        help_text=_(
            "We email this address a single-use link, valid for seven days, to become this "
            "clinic's admin: they choose a password and set up their authenticator app, then "
            "invite their own staff."
        ),
    )

    class Meta:
        model = Clinic
        fields = ("name", "phone", "email", "address", "website", "share_code")
        formfield_callback = https_formfield


class ClinicMembershipInline(admin.TabularInline):
    model = ClinicMembership
    fields = ("user", "is_clinic_admin", "joined_at")
    raw_id_fields = ("user",)
    extra = 0


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ("name", "share_code", "phone", "email", "staff_count")
    search_fields = ("name", "share_code", "email")
    form = ClinicForm
    formfield_overrides = URL_FIELD_OVERRIDES
    fields = (
        "name",
        "phone",
        "email",
        "address",
        "website",
        "share_code",
        "referral_code",
        "invite_admin",
    )
    readonly_fields = ("referral_code",)
    inlines = [ClinicMembershipInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        email = form.cleaned_data.get("invite_admin")
        if not email:
            return
        try:
            invite_create(
                clinic=form.instance,
                email=email,
                invited_by=request.user,
                as_clinic_admin=True,
                accept_url=lambda token: request.build_absolute_uri(
                    reverse("clinic:invite-accept", args=[token])
                ),
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                gettext("An invitation to be the clinic's admin was sent to %(email)s.")
                % {"email": email},
                messages.SUCCESS,
            )

    @admin.display(description=_("staff"))
    def staff_count(self, obj) -> int:
        return obj.memberships.count()


@admin.register(ClinicInvite)
class ClinicInviteAdmin(ReadOnlyAdmin):
    actions = ["cancel_invitations"]
    list_display = ("email", "clinic", "created_at", "expires_at", "accepted_at", "cancelled_at")
    list_filter = ("clinic",)
    fields = (
        "email",
        "clinic",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "cancelled_at",
    )
    readonly_fields = fields

    @admin.action(description=_("Cancel the selected invitations (their links stop working)"))
    def cancel_invitations(self, request, queryset):
        try:
            count = invites_cancel_as_site_admin(by=request.user, invites=queryset)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation was cancelled.",
                "%(count)d invitations were cancelled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ("public_id", "clinic", "granted_at", "expires_on", "revoked_at")
    list_filter = ("clinic",)
    fields = ("public_id", "clinic", "scopes", "granted_at", "expires_on", "revoked_at", "wording")
    readonly_fields = fields


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "clinic_name", "staff_name", "action")
    list_filter = ("action",)
    fields = ("at", "clinic_name", "staff_name", "action", "scopes", "consent")
    readonly_fields = fields
