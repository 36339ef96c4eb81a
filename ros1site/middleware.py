from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

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
        if user is not None and user.is_authenticated and _is_staff_like(user):
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


def _is_staff_like(user) -> bool:
    if user.is_staff or user.is_superuser:
        return True
    # Clinic staff are not `is_staff` (they never use the Django admin), but
    # they see shared journals, so the same idle limit applies to them.
    from tracker.clinic_models import ClinicMembership

    return ClinicMembership.objects.filter(user_id=user.pk).exists()
