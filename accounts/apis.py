"""Accounts' API (sync-protocol.md §1): sign-up, sign-in, tokens and devices."""

from __future__ import annotations

from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.signals import user_login_failed
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.models import ApiToken
from accounts.permissions import refuse_staff
from accounts.selectors import session_is_stored, sign_ins_for_user, tokens_for_user
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
        raise _too_many_attempts()
    if user is None:
        raise InvalidInput("invalid_credentials", _("Wrong email address or password."))
    return user


def _too_many_attempts() -> TooManyAttempts:
    return TooManyAttempts(
        "too_many_attempts", _("Too many failed sign-ins. Wait a while and try again.")
    )


def _failed(request, *, username: str) -> None:
    """Counts a failure towards the account's lockout as a wrong password would (django-axes)."""
    django_request = request._request
    user_login_failed.send(
        sender=__name__, credentials={"username": username}, request=django_request
    )
    if getattr(django_request, "axes_locked_out", False):
        raise _too_many_attempts()


def _sign_in_fully(request, body: dict):
    """As _sign_in, then the authenticator's code when the account has turned one on."""
    user = _sign_in(request, email=body.get("email"), password=body.get("password"))
    refuse_staff(user)
    if not services.totp_enabled(user=user):
        return user
    code = body.get("otp")
    if code is None or code == "":
        raise InvalidInput(
            "otp_required",
            _("Enter the 6-digit code from your authenticator app."),
            fields={"otp": [_("Enter the code your authenticator app shows.")]},
        )
    if not isinstance(code, str) or services.totp_verify(user=user, token=code) is None:
        _failed(request, username=user.get_username())
        raise InvalidInput(
            "invalid_otp",
            _("That code is not right, or it has expired. Try the next one."),
            fields={"otp": [_("Wrong or expired code.")]},
        )
    return user


def _check_password(request, *, password, field: str, message: str) -> None:
    """The caller's own password, counted towards the lockout; a 400 naming `field` if wrong."""
    try:
        _sign_in(request, email=request.user.get_username(), password=password)
    except InvalidInput as exc:
        if exc.code == "invalid_credentials":
            raise InvalidInput(
                "invalid_credentials", message, fields={field: [_("Wrong password.")]}
            ) from None
        raise


def _user_agent(request) -> str:
    return services.user_agent_summary(request.META.get("HTTP_USER_AGENT", ""))


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
        user = _sign_in_fully(request, body)
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
        refuse_staff(user)
        _check_password(
            request,
            password=body.get("password"),
            field="password",
            message=_("Enter your password to erase your account."),
        )
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
        user = _sign_in_fully(request, body)
        _, key = token_create(user=user, label=body.get("label"), user_agent=_user_agent(request))
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


def _current_sign_in(request) -> tuple[str, int | None]:
    """The session key or token id this call was made with (the other one empty)."""
    if isinstance(request.auth, ApiToken):
        return "", request.auth.pk
    return request._request.session.session_key or "", None


class DeviceListApi(_Api):
    """Every working sign-in of the caller: cookie sessions and tokens."""

    def get(self, request):
        session_key, token_id = _current_sign_in(request)
        devices = [
            {
                "id": s.public_id,
                "kind": s.kind,
                "label": s.token.label if s.token_id else "",
                "user_agent": s.user_agent,
                "client_id": s.client_id or None,
                "first_seen": iso_utc(s.created_at),
                "last_seen": iso_utc(s.last_seen),
                "current": (
                    s.token_id == token_id
                    if token_id is not None
                    else s.kind == "session" and s.session_key == session_key
                ),
            }
            for s in sign_ins_for_user(user_id=request.user.pk).select_related("token")
        ]
        return Response({"devices": devices})


class DeviceDetailApi(_Api):
    """Ends one of the caller's sign-ins at once (or, by client_id, forgets an install)."""

    def delete(self, request, device_id: str):
        ended = services.sign_in_end(user=request.user, public_id=device_id) or device_revoke(
            user=request.user, client_id=device_id
        )
        if not ended:
            raise NotFound("not_found", _("No such sign-in or device."))
        session = request._request.session
        if not isinstance(request.auth, ApiToken) and not session_is_stored(session):
            # This session has just ended itself: its cookie goes too.
            session.flush()
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordApi(_Api):
    """Changes the password, ending every other sign-in of the account."""

    def post(self, request):
        body = _body(request)
        _check_password(
            request,
            password=body.get("current_password"),
            field="current_password",
            message=_("Your current password is not right."),
        )
        user = request.user
        services.password_change(user=user, new_password=body.get("new_password"))
        # The key before the rotation below: the sign-in row still names it
        # (SignInMiddleware records the new one after the view).
        session_key, token_id = _current_sign_in(request)
        if token_id is None:
            # Keeps this session working under the new password (and rotates its key).
            update_session_auth_hash(request._request, user)
        services.sign_ins_end_all(user=user, keep_session_key=session_key, keep_token_id=token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


# The same answer whether or not the address has an account.
_RESET_ANSWER = {
    "detail": "If an account uses this address, we have sent it a link to choose a new "
    "password. The link works once, for one hour."
}


class PasswordResetApi(_Api):
    """Emails a link to set a new password, answering alike for every address."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def post(self, request):
        body = _body(request)
        services.password_reset_request(
            email=body.get("email"), request=request._request, client=_client_address(request)
        )
        return Response(_RESET_ANSWER, status=status.HTTP_202_ACCEPTED)


def _client_address(request) -> str:
    from accounts.authentication import client_ip_address

    return client_ip_address(request._request) or ""


class TwoFactorApi(_Api):
    """GET says whether it is on; POST begins setting up an app; DELETE turns it off."""

    def get(self, request):
        return Response({"enabled": services.totp_enabled(user=request.user)})

    def post(self, request):
        setup = services.totp_begin(user=request.user)
        return Response(setup, status=status.HTTP_201_CREATED)

    def delete(self, request):
        body = _body(request)
        _check_password(
            request,
            password=body.get("password"),
            field="password",
            message=_("Enter your password to turn off two-step sign-in."),
        )
        services.totp_disable(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TwoFactorConfirmApi(_Api):
    """Turns the authenticator being set up on, once it shows a right code."""

    def post(self, request):
        body = _body(request)
        code = body.get("code")
        if services.totp_wait_seconds(user=request.user, confirmed=False):
            raise TooManyAttempts(
                "too_many_attempts", _("Too many wrong codes in a row. Wait a minute.")
            )
        if (
            not isinstance(code, str)
            or services.totp_confirm(user=request.user, token=code) is None
        ):
            raise InvalidInput(
                "invalid_otp",
                _("That code is not right. Check the app's clock and try again."),
                fields={"code": [_("Wrong or expired code.")]},
            )
        return Response({"enabled": True})
