"""How large a request body each address accepts, enforced before anything reads one.

A push may carry 2 MiB (sync-protocol.md §3); every other API call is a small
JSON object (a sign-in, a share), and a page's form is at most a reviewer's
article. Anything over its limit answers 413 without the body being read: from
`Content-Length` when it is declared, and, for a chunked body, after at most
limit + 1 bytes.
"""

from __future__ import annotations

import io

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from ros1site.api_errors import error_body

KIB = 1024
MIB = 1024 * KIB
PUSH_PATH = "/api/v1/sync/push"
# The contract's limit for one push (sync-protocol.md §3).
PUSH_BODY_MAX_BYTES = 2 * MIB
# Sign-in, sign-up, erasure, sharing: a few short strings. 64 KiB leaves room
# for any legitimate body (a password is at most 4096 characters) and keeps a
# worker from holding megabytes for a request that can only be refused.
API_BODY_MAX_BYTES = 64 * KIB
# Pages' forms: the reviewers' admin edits articles of a few KiB each.
PAGE_BODY_MAX_BYTES = 1 * MIB
_READ_CHUNK = 64 * KIB


def body_limit_for(path: str) -> int:
    """The most bytes a request body to this path may carry."""
    if path == PUSH_PATH:
        return PUSH_BODY_MAX_BYTES
    if path.startswith("/api/"):
        return API_BODY_MAX_BYTES
    return PAGE_BODY_MAX_BYTES


def _limit_text(limit: int) -> str:
    return f"{limit // MIB} MiB" if limit % MIB == 0 else f"{limit // KIB} KiB"


def too_large_response(path: str, limit: int) -> HttpResponse:
    """The 413 answer: the API's error shape on the API, a short text on a page."""
    if path == PUSH_PATH:
        detail = _("A push may carry at most 2 MiB. Send fewer changes per request.")
    else:
        detail = _("The request body is too large: this address accepts at most %(limit)s.") % {
            "limit": _limit_text(limit)
        }
    if path.startswith("/api/"):
        return JsonResponse(error_body("request_too_large", detail), status=413)
    return HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")


class CappedStream:
    """Reads at most limit + 1 bytes of the stream beneath, and remembers going over."""

    def __init__(self, stream, limit: int):
        self.stream = stream
        self.remaining = limit + 1
        self.exceeded = False

    def _take(self, data: bytes) -> bytes:
        self.remaining -= len(data)
        if self.remaining <= 0:
            self.exceeded = True
        return data

    def read(self, size: int | None = None) -> bytes:
        if self.remaining <= 0:
            return b""
        if size is None or size < 0 or size > self.remaining:
            size = self.remaining
        return self._take(self.stream.read(size))

    def readline(self, size: int | None = None) -> bytes:
        if self.remaining <= 0:
            return b""
        if size is None or size < 0 or size > self.remaining:
            size = self.remaining
        return self._take(self.stream.readline(size))

    def close(self) -> None:
        close = getattr(self.stream, "close", None)
        if close is not None:
            close()


def read_capped(stream, limit: int) -> bytes:
    """At most limit + 1 bytes of a stream of unknown length, in chunks."""
    parts: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        chunk = stream.read(min(_READ_CHUNK, remaining))
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


class BodyLimitMiddleware:
    """Answers 413 to a body over its address's limit (`body_limit_for`) before it is read.

    Second in MIDDLEWARE, after the headers, so that nothing (CSRF's form
    parsing, DRF's parsers) has read a byte yet. A declared `Content-Length`
    over the limit is refused at once. A chunked body (no `Content-Length`; gunicorn passes it on
    de-chunked) is read here, at most limit + 1 bytes, and handed on as a
    body of known length. Any other body is read through `CappedStream`, so
    that a server which does not cap the stream at `Content-Length` (ASGI)
    still never reads more than limit + 1 bytes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        limit = body_limit_for(path)
        declared = request.META.get("CONTENT_LENGTH") or ""
        try:
            length = int(declared) if declared else None
        except ValueError:
            length = None
        if length is not None and length > limit:
            return too_large_response(path, limit)
        environ = getattr(request, "environ", None) or {}
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if length is None and chunked and "wsgi.input" in environ:
            body = read_capped(environ["wsgi.input"], limit)
            if len(body) > limit:
                return too_large_response(path, limit)
            request.META["CONTENT_LENGTH"] = str(len(body))
            request._stream = io.BytesIO(body)
            return self.get_response(request)
        capped = CappedStream(request._stream, limit)
        request._stream = capped
        response = self.get_response(request)
        if capped.exceeded:
            return too_large_response(path, limit)
        return response
