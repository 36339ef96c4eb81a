"""The journal's API (sync-protocol.md §1, §3, §4): parse, call one service, answer."""

from __future__ import annotations

from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import RequestDataTooBig
from django.http.request import RawPostDataException
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ros1site.api_errors import ApiError
from tracker.authentication import BearerTokenAuthentication
from tracker.models import ApiToken
from tracker.parsers import AnyTypeJSONParser, StrictJSONParser, json_loads
from tracker.selectors import (
    PULL_LIMIT_DEFAULT,
    PULL_LIMIT_MAX,
    changes_since,
    devices_for_user,
    iso_utc,
    tokens_for_user,
)
from tracker.services import (
    MAX_PUSH_BYTES,
    ClientInfo,
    account_erase,
    account_register,
    device_revoke,
    safe_text,
    sync_push,
    token_create,
    token_revoke,
    user_agent_summary,
)

_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class _Api(APIView):
    parser_classes = [StrictJSONParser]


def _user_body(user) -> dict:
    return {"id": user.pk, "email": user.email}


def _body(request) -> dict:
    data = request.data
    if not isinstance(data, dict):
        raise ApiError(code="invalid_json", detail=_("The body must be a JSON object."))
    return data


def _sign_in(request, *, email, password):
    """The user these credentials name; each failure counts towards the lockout (django-axes)."""
    if not safe_text(email) or not safe_text(password) or len(password) > 4096:
        raise ApiError(code="invalid_credentials", detail=_("Wrong email address or password."))
    django_request = request._request
    user = authenticate(request=django_request, username=email.strip().lower(), password=password)
    if getattr(django_request, "axes_locked_out", False):
        raise ApiError(
            code="too_many_attempts",
            detail=_("Too many failed sign-ins. Wait a while and try again."),
            status_code=429,
        )
    if user is None:
        raise ApiError(code="invalid_credentials", detail=_("Wrong email address or password."))
    return user


_ACCOUNT = OpenApiResponse(description="The signed-in account: {id, email}")


class RegisterApi(_Api):
    """Creates a patient account and signs this session in."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_register", request=OpenApiTypes.OBJECT, responses={201: _ACCOUNT}
    )
    def post(self, request):
        body = _body(request)
        user = account_register(email=body.get("email"), password=body.get("password"))
        login(request._request, user, backend=_MODEL_BACKEND)
        return Response(_user_body(user), status=status.HTTP_201_CREATED)


class LoginApi(_Api):
    """Signs a browser session in with email and password."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_login", request=OpenApiTypes.OBJECT, responses={200: _ACCOUNT}
    )
    def post(self, request):
        body = _body(request)
        user = _sign_in(request, email=body.get("email"), password=body.get("password"))
        login(request._request, user, backend=_MODEL_BACKEND)
        return Response(_user_body(user))


class LogoutApi(_Api):
    """Ends the browser session."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="auth_logout", request=None, responses={204: None})
    def post(self, request):
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(_Api):
    """The signed-in account; DELETE erases it with everything it holds."""

    @extend_schema(operation_id="auth_me", responses={200: _ACCOUNT})
    def get(self, request):
        # Sets the CSRF cookie a browser needs for its next unsafe call.
        get_token(request._request)
        return Response(_user_body(request.user))

    @extend_schema(operation_id="auth_erase", request=OpenApiTypes.OBJECT, responses={204: None})
    def delete(self, request):
        body = _body(request)
        user = request.user
        password = body.get("password")
        try:
            _sign_in(request, email=user.get_username(), password=password)
        except ApiError as exc:
            if exc.error_code == "invalid_credentials":
                raise ApiError(
                    code="invalid_credentials",
                    detail=_("Enter your password to erase your account."),
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

    @extend_schema(
        operation_id="auth_token_create",
        request=OpenApiTypes.OBJECT,
        responses={201: OpenApiResponse(description="{token}: shown once")},
    )
    def post(self, request):
        body = _body(request)
        user = _sign_in(request, email=body.get("email"), password=body.get("password"))
        _, key = token_create(user=user, label=body.get("label"))
        return Response({"token": key}, status=status.HTTP_201_CREATED)

    @extend_schema(operation_id="auth_token_revoke", request=None, responses={204: None})
    def delete(self, request):
        if not isinstance(request.auth, ApiToken):
            raise ApiError(
                code="not_token_authenticated",
                detail=_("This call was not made with a token, so there is none to revoke."),
            )
        token_revoke(user=request.user, token_id=request.auth.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenListApi(_Api):
    """The caller's working tokens (never their keys)."""

    @extend_schema(operation_id="auth_tokens", responses={200: OpenApiTypes.OBJECT})
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

    @extend_schema(operation_id="auth_token_revoke_one", request=None, responses={204: None})
    def delete(self, request, token_id: int):
        if not token_revoke(user=request.user, token_id=token_id):
            raise ApiError(code="not_found", detail=_("No such token."), status_code=404)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeviceListApi(_Api):
    """The installs that have synced the caller's journal."""

    @extend_schema(operation_id="auth_devices", responses={200: OpenApiTypes.OBJECT})
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

    @extend_schema(operation_id="auth_device_revoke", request=None, responses={204: None})
    def delete(self, request, client_id: str):
        if not device_revoke(user=request.user, client_id=client_id):
            raise ApiError(code="not_found", detail=_("No such device."), status_code=404)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _push_payload(request):
    """The decoded body of a push; 413 over 2 MiB (declared or actual), 400 when not JSON."""
    too_large = ApiError(
        code="request_too_large",
        detail=_("A push may carry at most 2 MiB. Send fewer changes per request."),
        status_code=413,
    )
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_PUSH_BYTES:
        raise too_large
    try:
        raw = request.body
    except RequestDataTooBig:
        raise too_large from None
    except RawPostDataException:
        # A form-encoded (multipart) body was already read as a form.
        raise ApiError(
            code="unsupported_media_type",
            detail=_("Send the push as application/json."),
            status_code=415,
        ) from None
    if len(raw) > MAX_PUSH_BYTES:
        raise too_large
    return json_loads(raw)


def _client_info(request) -> ClientInfo:
    token_id = request.auth.pk if isinstance(request.auth, ApiToken) else None
    session_key = ""
    if isinstance(request.successful_authenticator, SessionAuthentication):
        session_key = request._request.session.session_key or ""
    return ClientInfo(
        user_agent=user_agent_summary(request.META.get("HTTP_USER_AGENT", "")),
        token_id=token_id,
        session_key=session_key,
    )


class SyncPushApi(_Api):
    """Applies a batch of mutations (sync-protocol.md §3)."""

    authentication_classes = [BearerTokenAuthentication, SessionAuthentication]
    parser_classes = [AnyTypeJSONParser]

    def initial(self, request, *args, **kwargs):
        # SessionAuthentication's CSRF check reads request.POST on DRF's request,
        # which parses (and so consumes) the stream; read the raw body first so
        # that _push_payload can still measure it. Only a real browser session
        # sees this: the test client skips CSRF checks.
        try:
            request._request.body  # noqa: B018
        except RequestDataTooBig:
            pass
        super().initial(request, *args, **kwargs)

    @extend_schema(
        operation_id="sync_push",
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiResponse(description="{results, cursor}")},
    )
    def post(self, request):
        payload = _push_payload(request)
        return Response(sync_push(user=request.user, payload=payload, client=_client_info(request)))


def _limit(raw: str | None) -> int:
    if raw is None:
        return PULL_LIMIT_DEFAULT
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= PULL_LIMIT_MAX:
        raise ApiError(
            code="invalid",
            detail=_("Some fields are not valid."),
            fields={
                "limit": [_("Must be a whole number from 1 to %(max)d.") % {"max": PULL_LIMIT_MAX}]
            },
        )
    return int(raw)


class SyncPullApi(_Api):
    """The caller's changes after a cursor, in the order accepted (sync-protocol.md §4)."""

    authentication_classes = [BearerTokenAuthentication, SessionAuthentication]

    @extend_schema(
        operation_id="sync_pull",
        parameters=[
            OpenApiParameter("cursor", str, description="Opaque; omit to start from the beginning"),
            OpenApiParameter("limit", int, description="1 to 1000, default 200"),
        ],
        responses={200: OpenApiResponse(description="{changes, cursor, has_more}")},
    )
    def get(self, request):
        limit = _limit(request.query_params.get("limit"))
        cursor = request.query_params.get("cursor") or None
        page = changes_since(user_id=request.user.pk, cursor=cursor, limit=limit)
        return Response({"changes": page.changes, "cursor": page.cursor, "has_more": page.has_more})
