"""Staff protection: an idle limit, and a second factor for /admin/, /clinic/ and previews.

Both use the one rule of who is staff, `accounts.selectors.is_staff_member`.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from accounts.selectors import is_staff_member

# The last-seen time is rewritten at most this often, so that an active
# reviewer does not cost a session write on every request. A session may
# therefore end up to this many seconds before the idle limit.
LAST_SEEN_RESOLUTION_SECONDS = 60


class StaffSessionTimeoutMiddleware:
    """Ends a staff member's session after a period without requests.

    Staff can see unpublished content and, for clinics, shared journals, on
    shared computers; patients keep long sessions on their own phones. The
    next page sets `request.staff_idle_signed_out`, so that the sign-in page
    can say why the person has to sign in again.
    """

    session_key = "_staff_last_seen"
    signed_out_key = "_staff_idle_signed_out"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and is_staff_member(user):
            now = int(time.time())
            last_seen = request.session.get(self.session_key)
            if last_seen is not None and now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS:
                logout(request)
                request.session[self.signed_out_key] = True
            elif last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
                request.session[self.session_key] = now
        elif hasattr(request, "session") and request.session.get(self.signed_out_key):
            del request.session[self.signed_out_key]
            request.staff_idle_signed_out = True
        return self.get_response(request)


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
    """Sends staff to their second factor before /admin/, /clinic/ or a ?preview=1 page.

    A preview shows unpublished medical content, which is the admin's to show.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path_info
        # The API serves published content only, so its preview flag is not asked about.
        protected = (path.startswith(_PROTECTED) and not path.startswith(_OPEN)) or (
            request.GET.get("preview") == "1" and not path.startswith("/api/")
        )
        if (
            protected
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and is_staff_member(user)
        ):
            target = reverse("accounts:two-factor")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
