"""How API calls prove who they are, and how failed sign-ins are throttled."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

_SCHEMES = (b"token", b"bearer")


class BearerTokenAuthentication(BaseAuthentication):
    """Authenticates `Authorization: Token <key>` against a working ApiToken; no CSRF needed."""

    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in _SCHEMES:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Token <your token>."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        # Imported here: DRF loads this module while rest_framework.views is
        # still importing, and the services module needs rest_framework.views.
        from accounts.services import token_lookup, token_touch

        token = token_lookup(key=key)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid or was revoked."))
        token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


def client_ip_address(request: HttpRequest) -> str | None:
    """The caller's address: from the one trusted proxy header when configured, else REMOTE_ADDR.

    A proxy appends the address it saw to X-Forwarded-For, so the right-most
    entry is the one our proxy wrote; anything to its left came from the client.
    """
    for header in settings.AXES_IPWARE_META_PRECEDENCE_ORDER:
        value = request.META.get(header, "")
        if value:
            return value.split(",")[-1].strip()[:45] or None
    return None


def lockout_response(request: HttpRequest, credentials: dict | None = None) -> HttpResponse:
    """429 once an account or an address has failed to sign in too often."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "error": "too_many_attempts",
                "detail": _("Too many failed sign-ins. Wait a while and try again."),
            },
            status=429,
        )
    return HttpResponse(_("Too many failed sign-ins. Wait a while and try again."), status=429)


def clear_account_failures(sender, request, user, **kwargs) -> None:
    """A successful sign-in clears the failures that named this account, and only those.

    Axes' own reset on success also clears every failure from the caller's
    address, so a guesser could sign in to an account of their own (or
    register one) between guesses and never be locked out.
    """
    from axes.models import AccessAttempt

    AccessAttempt.objects.filter(username=user.get_username()).delete()


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
