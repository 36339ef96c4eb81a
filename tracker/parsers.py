"""JSON bodies read strictly and safely: no NaN, no stack overflow on deep nesting."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def json_loads(raw: bytes | str) -> Any:
    """The decoded body, or ParseError (400 invalid_json) for anything that is not strict JSON."""
    try:
        return json.loads(raw, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        raise ParseError(_("The body is not valid JSON.")) from None


class StrictJSONParser(JSONParser):
    """DRF's JSON parser, refusing NaN/Infinity and nesting too deep to decode."""

    def parse(self, stream, media_type=None, parser_context=None):
        return json_loads(stream.read())


class AnyTypeJSONParser(StrictJSONParser):
    """Reads any body as strict JSON, whatever its Content-Type (a push, docs §8).

    DRF parses a session's push during its CSRF check; without this, a JSON
    push labelled text/plain got 415 with a session and 200 with a token.
    """

    media_type = "*/*"
