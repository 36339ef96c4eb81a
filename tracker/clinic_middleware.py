"""Staff protections: a second factor for /admin/ and /clinic/, an idle limit for clinic staff."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from ros1site.middleware import LAST_SEEN_RESOLUTION_SECONDS, StaffSessionTimeoutMiddleware
from tracker.clinic_models import ClinicMembership
from tracker.clinic_selectors import needs_second_factor

# Pages that must open before the second factor: signing in and out, and
# accepting an invitation (which leads to setting the second factor up).
_PROTECTED = ("/admin/", "/clinic/")
_OPEN = (
    "/admin/login/",
    "/admin/logout/",
    "/clinic/login/",
    "/clinic/logout/",
    "/clinic/two-factor/",
    "/clinic/invite/",
)


class SecondFactorMiddleware:
    """Ends idle clinic-staff sessions, and sends staff to their second factor before
    /admin/ or /clinic/.

    Clinic staff are not `is_staff`, so ros1site's StaffSessionTimeoutMiddleware
    does not see them; the same rule, session key and notice apply to them here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            _clinic_staff_idle_timeout(request, user)
            user = request.user  # anonymous now, if the session just ended
        path = request.path_info
        if (
            path.startswith(_PROTECTED)
            and not path.startswith(_OPEN)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and needs_second_factor(user)
        ):
            target = reverse("clinic:two-factor")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _clinic_staff_idle_timeout(request, user) -> None:
    if user.is_staff or user.is_superuser:
        return  # StaffSessionTimeoutMiddleware has done it
    if not ClinicMembership.objects.filter(user_id=user.pk).exists():
        return
    key = StaffSessionTimeoutMiddleware.session_key
    now = int(time.time())
    last_seen = request.session.get(key)
    if last_seen is not None and now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS:
        logout(request)
        signed_out_key = getattr(StaffSessionTimeoutMiddleware, "signed_out_key", None)
        if signed_out_key:
            request.session[signed_out_key] = True
    elif last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
        request.session[key] = now
