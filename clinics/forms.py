"""Forms of the clinic and sharing pages; they parse input, the services keep the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clinics.models import ShareScope
from clinics.services import DISPLAY_NAME_MAX


class ShareCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Clinic code"),
        max_length=20,
        help_text=_("The code your clinic gave you, for example ABCD-2345."),
    )


class ConsentForm(forms.Form):
    UNTIL_REVOKED = "revoked"
    UNTIL_DATE = "date"

    code = forms.CharField(widget=forms.HiddenInput, max_length=20)
    scopes = forms.MultipleChoiceField(
        label=_("What the clinic may see"),
        choices=ShareScope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    until = forms.ChoiceField(
        label=_("For how long"),
        choices=[
            (UNTIL_REVOKED, _("Until I stop sharing")),
            (UNTIL_DATE, _("Until a date I choose")),
        ],
        widget=forms.RadioSelect,
        initial=UNTIL_REVOKED,
    )
    expires_on = forms.DateField(
        label=_("Last day of sharing"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    display_name = forms.CharField(
        label=_("How the clinic will know you"),
        max_length=DISPLAY_NAME_MAX,
        help_text=_(
            "The clinic's staff see only this name, not your email address. "
            "For example your full name and date of birth, as your clinic knows you."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("until") == self.UNTIL_DATE and not data.get("expires_on"):
            self.add_error("expires_on", _("Choose the last day of sharing."))
        if data.get("until") != self.UNTIL_DATE:
            data["expires_on"] = None
        return data


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the new staff member"))


class AcceptInviteForm(forms.Form):
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data
