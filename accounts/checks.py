"""System checks of how accounts are protected in production."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security)
def client_address_header_check(app_configs, **kwargs):
    """Warns when DEBUG is off and no header names the client's address.

    Behind a proxy every request comes from the proxy's address, so sign-in
    records and the per-address part of the lockout would lump every patient
    together.
    """
    if settings.DEBUG or getattr(settings, "CLIENT_IP_HEADERS", None):
        return []
    return [
        Warning(
            "DJANGO_CLIENT_IP_HEADER is not set, so every request is taken to come from the "
            "socket's address; behind a proxy that is the proxy's.",
            hint="Set DJANGO_CLIENT_IP_HEADER to the header your proxy sets with the client "
            "address (e.g. HTTP_X_FORWARDED_FOR), or to REMOTE_ADDR when no proxy stands "
            "in front of the server.",
            id="accounts.W001",
        )
    ]
