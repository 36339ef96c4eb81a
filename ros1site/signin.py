"""What django-axes records about a sign-in attempt."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

# No account has a longer username (Django's limit), and axes stores at most
# 255 characters: a longer one would fail to save and turn a typo into a 500.
USERNAME_MAX_LENGTH = 150


def client_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username an attempt names, as axes would read it, cut to a storable length."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    if value is None:
        return None
    return str(value)[:USERNAME_MAX_LENGTH]
