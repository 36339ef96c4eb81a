"""Accounts' API (sync-protocol.md §1): sign-up, sign-in, tokens and devices."""

from __future__ import annotations

from django.contrib.auth import authenticate, login, logout
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiToken
from accounts.selectors import devices_for_user, tokens_for_user
from accounts.services import (
    account_erase,
    account_register,
    device_revoke,
    token_create,
    token_revoke,
)
from clinics.referral import referral_forget
from ros1site.errors import InvalidInput, NotFound, TooManyAttempts
from tracker.parsers import StrictJSONParser
from tracker.selectors import iso_utc
from tracker.validation import safe_text

_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class _Api(APIView):
    parser_classes = [StrictJSONParser]


def _user_body(user) -> dict:
    return {"id": user.pk, "email": user.email}


def _body(request) -> dict:
    data = request.data
    if not isinstance(data, dict):
        raise InvalidInput("invalid_json", _("The body must be a JSON object."))
    return data


def _sign_in(request, *, email, password):
    """The user these credentials name; each failure counts towards the lockout (django-axes)."""
    if not safe_text(email) or not safe_text(password) or len(password) > 4096:
        raise InvalidInput("invalid_credentials", _("Wrong email address or password."))
    django_request = request._request
    user = authenticate(request=django_request, username=email.strip().lower(), password=password)
    if getattr(django_request, "axes_locked_out", False):
        raise TooManyAttempts(
            "too_many_attempts", _("Too many failed sign-ins. Wait a while and try again.")
        )
    if user is None:
        raise InvalidInput("invalid_credentials", _("Wrong email address or password."))
    return user


class RegisterApi(_Api):
    """Creates a patient account and signs this session in."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def post(self, request):
        body = _body(request)
        user = account_register(email=body.get("email"), password=body.get("password"))
        login(request._request, user, backend=_MODEL_BACKEND)
        return Response(_user_body(user), status=status.HTTP_201_CREATED)


class LoginApi(_Api):
    """Signs a browser session in with email and password."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def post(self, request):
        body = _body(request)
        user = _sign_in(request, email=body.get("email"), password=body.get("password"))
        login(request._request, user, backend=_MODEL_BACKEND)
        return Response(_user_body(user))


class LogoutApi(_Api):
    """Ends the browser session, and forgets which clinic referred this browser."""

    permission_classes = [AllowAny]

    def post(self, request):
        logout(request._request)
        # The journal leaves the device at a sign-out; so does the referral memory.
        response = Response(status=status.HTTP_204_NO_CONTENT)
        referral_forget(response)
        return response


class MeApi(_Api):
    """The signed-in account; DELETE erases it with everything it holds."""

    def get(self, request):
        # Sets the CSRF cookie a browser needs for its next unsafe call.
        get_token(request._request)
        return Response(_user_body(request.user))

    def delete(self, request):
        body = _body(request)
        user = request.user
        password = body.get("password")
        try:
            _sign_in(request, email=user.get_username(), password=password)
        except InvalidInput as exc:
            if exc.code == "invalid_credentials":
                raise InvalidInput(
                    "invalid_credentials",
                    _("Enter your password to erase your account."),
                    fields={"password": [_("Wrong password.")]},
                ) from None
            raise
        logout(request._request)
        account_erase(user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenApi(_Api):
    """POST makes a bearer token from email and password; DELETE revokes the token used."""

    def get_authenticators(self):
        # drf-spectacular builds this view without a request to read its schema.
        if getattr(self.request, "method", None) == "POST":
            return []
        return super().get_authenticators()

    def get_permissions(self):
        if self.request.method == "POST":
            return [AllowAny()]
        return super().get_permissions()

    def post(self, request):
        body = _body(request)
        user = _sign_in(request, email=body.get("email"), password=body.get("password"))
        _, key = token_create(user=user, label=body.get("label"))
        return Response({"token": key}, status=status.HTTP_201_CREATED)

    def delete(self, request):
        if not isinstance(request.auth, ApiToken):
            raise InvalidInput(
                "not_token_authenticated",
                _("This call was not made with a token, so there is none to revoke."),
            )
        token_revoke(user=request.user, token_id=request.auth.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenListApi(_Api):
    """The caller's working tokens (never their keys)."""

    def get(self, request):
        current = request.auth.pk if isinstance(request.auth, ApiToken) else None
        tokens = [
            {
                "id": t.pk,
                "label": t.label,
                "created_at": iso_utc(t.created_at),
                "last_used_at": iso_utc(t.last_used_at) if t.last_used_at else None,
                "current": t.pk == current,
            }
            for t in tokens_for_user(user_id=request.user.pk)
        ]
        return Response({"tokens": tokens})


class TokenDetailApi(_Api):
    """Revokes one of the caller's tokens."""

    def delete(self, request, token_id: int):
        if not token_revoke(user=request.user, token_id=token_id):
            raise NotFound("not_found", _("No such token."))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeviceListApi(_Api):
    """The installs that have synced the caller's journal."""

    def get(self, request):
        devices = [
            {
                "client_id": d.client_id,
                "first_seen": iso_utc(d.first_seen),
                "last_seen": iso_utc(d.last_seen),
                "user_agent": d.user_agent,
            }
            for d in devices_for_user(user_id=request.user.pk)
        ]
        return Response({"devices": devices})


class DeviceDetailApi(_Api):
    """Forgets one of the caller's devices and signs it out."""

    def delete(self, request, client_id: str):
        if not device_revoke(user=request.user, client_id=client_id):
            raise NotFound("not_found", _("No such device."))
        return Response(status=status.HTTP_204_NO_CONTENT)
