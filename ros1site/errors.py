"""The domain's errors: what a service or selector refuses, and why, with no HTTP in it.

`ros1site/api_errors.py` alone decides the answer each one gets: a JSON error
body and status on the API, the site's error page on a page.
"""

from __future__ import annotations


class DomainError(Exception):
    """A refusal with a machine code (e.g. invalid_cursor), a sentence, and the fields at fault."""

    def __init__(self, code: str, detail: str, *, fields: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.code = code
        self.detail = str(detail)
        self.fields = fields


class InvalidInput(DomainError):
    """The request, or a field in it, breaks the contract."""


class NotAllowed(DomainError):
    """The caller may not do this."""


class NotFound(DomainError):
    """There is no such thing for this caller; another person's counts as none."""


class SchemaMismatch(DomainError):
    """Client and server speak record schemas the other cannot read (§3)."""


class ResetRequired(DomainError):
    """The server no longer knows the client's point in the change order (§4)."""


class TooLarge(DomainError):
    """The request body is over the limit."""


class UnsupportedMediaType(DomainError):
    """The body is in a format this endpoint does not read."""


class TooManyAttempts(DomainError):
    """Too many failed sign-ins in a row; wait, then try again."""
