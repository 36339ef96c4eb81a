"""The journal's sync API (sync-protocol.md §3, §4): parse, call one service, answer."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import BearerTokenAuthentication
from accounts.models import ApiToken
from accounts.services import ClientInfo, user_agent_summary
from ros1site.errors import InvalidInput, SchemaMismatch, TooLarge, UnsupportedMediaType
from tracker.parsers import AnyTypeJSONParser, StrictJSONParser, json_loads
from tracker.selectors import (
    PULL_LIMIT_DEFAULT,
    PULL_LIMIT_MAX,
    changes_since,
)
from tracker.services import MAX_PUSH_BYTES, NEWEST_SCHEMA, OLDEST_SCHEMA, sync_push


class _Api(APIView):
    parser_classes = [StrictJSONParser]


def _push_payload(request):
    """The decoded body of a push; 413 over 2 MiB (declared or actual), 400 when not JSON."""
    too_large = TooLarge(
        "request_too_large", _("A push may carry at most 2 MiB. Send fewer changes per request.")
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
        raise UnsupportedMediaType(
            "unsupported_media_type", _("Send the push as application/json.")
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
    max_body_bytes = MAX_PUSH_BYTES

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

    def post(self, request):
        payload = _push_payload(request)
        return Response(sync_push(user=request.user, payload=payload, client=_client_info(request)))


def _limit(raw: str | None) -> int:
    if raw is None:
        return PULL_LIMIT_DEFAULT
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= PULL_LIMIT_MAX:
        raise InvalidInput(
            "invalid",
            _("Some fields are not valid."),
            fields={
                "limit": [_("Must be a whole number from 1 to %(max)d.") % {"max": PULL_LIMIT_MAX}]
            },
        )
    return int(raw)


def _schema(raw: str | None) -> int:
    """The sync schema a pull asks for (sync-protocol.md §7): 1 when it says none."""
    if raw is None:
        return 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > 3:
        raise InvalidInput(
            "invalid_schema",
            _("The schema must be a whole number."),
            fields={"schema": [_("Must be a whole number, e.g. 2.")]},
        )
    schema = int(raw)
    if schema < OLDEST_SCHEMA:
        raise SchemaMismatch(
            "schema_outdated",
            _("This app is out of date. Update it; your changes are kept meanwhile."),
        )
    if schema > NEWEST_SCHEMA:
        raise SchemaMismatch(
            "schema_unsupported",
            _("This server does not know this schema yet. Keep your changes and try later."),
        )
    return schema


class SyncPullApi(_Api):
    """The caller's changes after a cursor, in the order accepted (sync-protocol.md §4)."""

    authentication_classes = [BearerTokenAuthentication, SessionAuthentication]

    def get(self, request):
        limit = _limit(request.query_params.get("limit"))
        schema = _schema(request.query_params.get("schema"))
        cursor = request.query_params.get("cursor") or None
        page = changes_since(user_id=request.user.pk, cursor=cursor, limit=limit, schema=schema)
        return HttpResponse(page.as_json(), content_type="application/json")
