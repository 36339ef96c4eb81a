"""JSON bodies read strictly and safely: bounded in size, no NaN, no stack overflow on nesting."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from ros1site.errors import TooLarge
from ros1site.limits import API_BODY_MAX_BYTES


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def json_loads(raw: bytes | str) -> Any:
    """The decoded body, or ParseError (400 invalid_json) for anything that is not strict JSON."""
    try:
        return json.loads(raw, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        raise ParseError(_("The body is not valid JSON.")) from None


class StrictJSONParser(JSONParser):
    """DRF's JSON parser, reading at most the view's limit + 1 bytes and refusing NaN/Infinity.

    The view's `max_body_bytes` (else API_BODY_MAX_BYTES) is the limit;
    ros1site.limits.BodyLimitMiddleware refuses most bodies over it before
    any parser runs, and this keeps the parser bounded wherever it is used.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        view = (parser_context or {}).get("view")
        limit = getattr(view, "max_body_bytes", API_BODY_MAX_BYTES)
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise TooLarge("request_too_large", _("The request body is too large."))
        return json_loads(raw)


class AnyTypeJSONParser(StrictJSONParser):
    """Reads any body as strict JSON, whatever its Content-Type (a push, docs §8).

    DRF parses a session's push during its CSRF check; without this, a JSON
    push labelled text/plain got 415 with a session and 200 with a token.
    """

    media_type = "*/*"
