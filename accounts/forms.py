"""Sign-in forms: the email address by its name, and the authenticator's code."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


def _label_username_as_email(form) -> None:
    field = form.fields["username"]
    field.label = _("Email")
    field.widget.attrs.update({"autocomplete": "email", "inputmode": "email"})


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in with the account's email address, called so (accounts use it as the username)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_username_as_email(self)


class EmailAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in, asking for the email address by its name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_username_as_email(self)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )
