"""Middleware that a bearer-token API call provably does not need, skipped for it alone.

A call counts as one when its path is under /api/ and it sends
`Authorization: Token <key>` (or `Bearer`): BearerTokenAuthentication then
either authenticates it or refuses it with 401, so no session ever
authenticates it and no page is rendered. For such a call each wrapped
middleware is passed by; every other request goes through it as before:

- Locale: the site has one language (checked when the server starts: with
  more than one, Locale runs for every request again).
- Messages: the API never adds or shows a message.
- Staff idle limit and second factor: both are about staff sessions (staff
  cannot use the patient API, accounts/permissions.py), and the second factor
  guards /admin/, /clinic/ and ?preview=1 pages only, never /api/.
- simple_history: it records who changed the medical content, which only the
  admin writes.

The security headers, body limits, CSRF (Django's deploy check asks for the
middleware by name; DRF's views are exempt from it anyway), sessions (a token call may still end a
session: account erasure logs out), authentication and axes run for every
request. Passing one by costs a prefix and a header test.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

_SCHEMES = ("token ", "bearer ")


def is_token_api_call(request) -> bool:
    """True for an /api/ call that names a bearer token (whether or not it is valid)."""
    if not request.path_info.startswith("/api/"):
        return False
    return request.META.get("HTTP_AUTHORIZATION", "")[:7].lower().startswith(_SCHEMES)


def _skipped_for_token_api(path: str, *, only_if=lambda: True):
    """A middleware class that runs `path`'s middleware except for bearer-token API calls."""
    inner_class = import_string(path)
    if not isinstance(inner_class, type):  # a function middleware (simple_history's)

        def factory(get_response):
            inner = inner_class(get_response)
            skip = only_if()

            def middleware(request):
                if skip and is_token_api_call(request):
                    return get_response(request)
                return inner(request)

            return middleware

        return factory

    # A subclass, so that Django's checks (the admin needs the messages
    # middleware) still find the middleware they look for.
    class Skipped(inner_class):
        def __init__(self, get_response):
            super().__init__(get_response)
            self._skip = only_if()

        def __call__(self, request):
            if self._skip and is_token_api_call(request):
                return self.get_response(request)
            return super().__call__(request)

    if hasattr(inner_class, "process_view"):

        def process_view(self, request, view_func, view_args, view_kwargs):
            if self._skip and is_token_api_call(request):
                return None
            return inner_class.process_view(self, request, view_func, view_args, view_kwargs)

        Skipped.process_view = process_view

    Skipped.__name__ = Skipped.__qualname__ = f"{inner_class.__name__}SkippedForTokenApi"
    Skipped.__doc__ = f"{path}, except for bearer-token API calls."
    return Skipped


LocaleMiddleware = _skipped_for_token_api(
    "django.middleware.locale.LocaleMiddleware", only_if=lambda: len(settings.LANGUAGES) == 1
)
StaffSessionTimeoutMiddleware = _skipped_for_token_api(
    "accounts.middleware.StaffSessionTimeoutMiddleware"
)
SecondFactorMiddleware = _skipped_for_token_api("accounts.middleware.SecondFactorMiddleware")
MessageMiddleware = _skipped_for_token_api("django.contrib.messages.middleware.MessageMiddleware")
HistoryRequestMiddleware = _skipped_for_token_api(
    "simple_history.middleware.HistoryRequestMiddleware"
)
