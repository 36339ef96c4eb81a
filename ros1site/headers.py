"""Headers every answer carries, and the methods every address accepts.

- `Cache-Control: no-store` on what holds or manages a patient's journal or
  account (the sync, account and export API, and /journal/csrf/), so that no
  shared cache or browser cache keeps it. The journal's two shells
  (/journal/, /journal/summary/) are left out on purpose: they hold no patient
  data (journal.js renders it from IndexedDB), and the service worker must
  keep them to open the journal offline; it refuses to keep any page sent
  no-store or private (static/js/sw-src.js: isKeepable).
- `Permissions-Policy` denying every powerful feature: the app uses none (no
  camera, microphone, location, payment, USB ...), so a script injected despite
  the CSP still cannot ask for one.
- Only the methods the site's views know; TRACE, CONNECT and anything unknown
  answer 405 on every address, before any view (a function view would otherwise
  answer TRACE as if it were GET).
"""

from __future__ import annotations

import functools

import csp.constants
import csp.middleware
import csp.utils
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from ros1site.api_errors import error_body

ALLOWED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
PRIVATE_PREFIXES = (
    "/api/v1/sync/",
    "/api/v1/auth/",
    "/api/v1/export",
    "/api/v1/reminders/",
    "/journal/csrf/",
)
# Features Chromium, Firefox and Safari recognise (unknown ones only add console noise).
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "bluetooth",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


def is_private(path: str) -> bool:
    """Whether answers at this path hold a patient's journal or account."""
    return path.startswith(PRIVATE_PREFIXES)


class SecurityHeadersMiddleware:
    """Refuses unknown methods with 405; adds no-store to private answers and Permissions-Policy.

    First in MIDDLEWARE, so that every answer gets them, static files and
    413s included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            response = self._not_allowed(request)
        else:
            response = self.get_response(request)
        if is_private(request.path_info):
            patch_cache_control(response, no_store=True, private=True)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    @staticmethod
    def _not_allowed(request):
        if request.path_info.startswith("/api/"):
            response = JsonResponse(
                error_body(
                    "method_not_allowed",
                    _('Method "%(method)s" not allowed.') % {"method": request.method[:20]},
                ),
                status=405,
            )
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        return HttpResponseNotAllowed(ALLOWED_METHODS)


_POLICY_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


@functools.cache
def _site_policies() -> tuple[str, str]:
    """The site's policy and report-only policy as header values, built once."""
    return csp.utils.build_policy(), csp.utils.build_policy(report_only=True)


@receiver(setting_changed)
def _forget_site_policies(*, setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _site_policies.cache_clear()


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with the site's policy built once instead of per answer.

    No view sets a nonce or a policy of its own, so every answer carries the
    same text; building it took about 0.1 ms of each request's CPU, a few per
    cent of a sync request. An answer that does set its own (a nonce, the
    decorators' attributes) goes through django-csp's own path.
    """

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _POLICY_ATTRIBUTES
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (500, 404):
            return response  # as django-csp: Django's debug pages need inline scripts
        enforced, report_only = _site_policies()
        for header, value, exempt, setting in (
            (csp.constants.HEADER, enforced, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (
                csp.constants.HEADER_REPORT_ONLY,
                report_only,
                "_csp_exempt_ro",
                "CONTENT_SECURITY_POLICY_REPORT_ONLY",
            ),
        ):
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (
                value
                and header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(tuple(excluded))
            ):
                response[header] = value
        request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response
