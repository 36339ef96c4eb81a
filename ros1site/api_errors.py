"""One error shape for the whole API: {"error", "detail", "fields"?}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import DatabaseError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

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


class ApiError(exceptions.APIException):
    """An error with a machine code of our own, e.g. invalid_cursor."""

    def __init__(self, *, code: str, detail: str, status_code: int = 400, fields=None):
        super().__init__(detail=detail, code=code)
        self.status_code = status_code
        self.error_code = code
        self.fields = fields


def error_body(code: str, detail: str, fields: dict | None = None) -> dict:
    body: dict = {"error": code, "detail": str(detail)}
    if fields:
        body["fields"] = fields
    return body


def exception_handler(exc, context):
    if isinstance(exc, (OperationalError, DatabaseError)):
        # The database is busy or down: not the client's fault, and safe to retry.
        return Response(
            error_body("service_unavailable", "The server is busy. Please try again shortly."),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "2"},
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
    if isinstance(exc, ApiError):
        response.data = error_body(exc.error_code, exc.detail, exc.fields)
        return response
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
