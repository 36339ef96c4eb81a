"""The one map from errors to answers.

On the API every error has one shape, {"error", "detail", "fields"?}, and the
status its kind of domain error names (`_STATUS`); on a page, a domain error
becomes the site's 404 or 403 page (`DomainErrorPagesMiddleware`).

A database that cannot answer (down, restarting, failing over, a connection
cut mid-request, PgBouncer gone) is never the client's fault: wherever it is
noticed, in a view under DRF or in a middleware outside it, the answer is 503
`service_unavailable` with `Retry-After` (`database_unavailable`,
`service_unavailable_response`), never 500.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.handlers.exception import response_for_exception
from django.db import DatabaseError, DataError, InterfaceError, connections
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponse, JsonResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ros1site import errors

_CODES = {
    exceptions.ParseError: "invalid_json",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "too_many_requests",
}


_STATUS: dict[type[errors.DomainError], int] = {
    errors.InvalidInput: status.HTTP_400_BAD_REQUEST,
    errors.NotAllowed: status.HTTP_403_FORBIDDEN,
    errors.NotFound: status.HTTP_404_NOT_FOUND,
    errors.SchemaMismatch: status.HTTP_409_CONFLICT,
    errors.ResetRequired: status.HTTP_410_GONE,
    errors.TooLarge: status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    errors.UnsupportedMediaType: status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
    errors.TooManyAttempts: status.HTTP_429_TOO_MANY_REQUESTS,
}


def status_for(exc: errors.DomainError) -> int:
    return next(code for cls, code in _STATUS.items() if isinstance(exc, cls))


def error_body(code: str, detail: str, fields: dict | None = None) -> dict:
    body: dict = {"error": code, "detail": str(detail)}
    if fields:
        body["fields"] = fields
    return body


# Seconds a client waits before it retries a 503: long enough for a failover
# (Patroni promotes the synchronous standby in a few seconds), short enough
# that a patient does not notice a single cut connection.
RETRY_AFTER_SECONDS = 2


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether exc says the database could not answer, which a retry may cure.

    Django's InterfaceError (a connection already closed under it) is not a
    DatabaseError, so both are named. A DataError is the request's own fault
    (a NUL, a number out of range): a retry would fail the same way. The
    shared cache (Redis, with REDIS_URL) counts as a database here: the
    password-reset throttle cannot count without it.
    """
    if isinstance(exc, (RedisConnectionError, RedisTimeoutError)):
        return True
    return isinstance(exc, (DatabaseError, InterfaceError)) and not isinstance(exc, DataError)


def close_broken_connections() -> None:
    """Drops each connection outside a transaction, so that the worker's next request reconnects.

    Django would keep a connection whose error it did not see (one raised
    outside its wrappers) for CONN_MAX_AGE; after a failover that connection
    may still lead to the old primary. Inside an atomic block the block's own
    exit rolls back or drops it.
    """
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close()


def _unavailable_body() -> dict:
    return error_body("service_unavailable", "The server is busy. Please try again shortly.")


def service_unavailable_response(request) -> HttpResponse:
    """The 503 for a database that could not answer: JSON on the API, a page elsewhere."""
    close_broken_connections()
    if request.path_info.startswith("/api/"):
        response: HttpResponse = JsonResponse(_unavailable_body(), status=503)
    else:
        from django.template import loader

        # No request context: it would ask the database for the user.
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def exception_handler(exc, context):
    """DRF's handler: every error the API raises, in the one shape."""
    if isinstance(exc, errors.DomainError):
        return Response(error_body(exc.code, exc.detail, exc.fields), status=status_for(exc))
    # Database errors that are the request's fault, not the server's: a retry
    # would fail the same way, so they must not answer 503.
    if isinstance(exc, DataError):
        return Response(
            error_body(
                "invalid",
                "The request holds a value that cannot be stored "
                "(for example a NUL character, or a number out of range).",
            ),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, (ProtectedError, RestrictedError)):
        return Response(
            error_body("protected", "This cannot be deleted while other records depend on it."),
            status=status.HTTP_409_CONFLICT,
        )
    if database_unavailable(exc):
        # The database is busy or down: not the client's fault, and safe to retry.
        close_broken_connections()
        return Response(
            _unavailable_body(),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if isinstance(exc, RequestDataTooBig):
        return Response(
            error_body("request_too_large", "The request body is too large."),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    # Django's own exceptions (e.g. DRF's Http404 for an unknown ?format=)
    # carry no `detail`; map them as DRF does before reading it.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body("invalid", "Some fields are not valid.", _flatten(fields))
        return response
    code = next((c for cls, c in _CODES.items() if isinstance(exc, cls)), "error")
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    response.data = error_body(code, detail)
    return response


def _flatten(fields) -> dict:
    out = {}
    for name, messages in fields.items():
        if isinstance(messages, dict):
            for sub, sub_messages in _flatten(messages).items():
                out[f"{name}.{sub}"] = sub_messages
        elif isinstance(messages, list):
            out[name] = [str(m) for m in messages]
        else:
            out[name] = [str(messages)]
    return out


class DomainErrorPagesMiddleware:
    """Answers a domain error raised under a page as the site's 404 or 403 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if isinstance(exc, errors.NotFound):
            return response_for_exception(request, Http404(exc.detail))
        if isinstance(exc, errors.NotAllowed):
            return response_for_exception(request, PermissionDenied(exc.detail))
        return None
