"""Staff protection (an idle limit, a second factor), and the row of each signed-in session.

Both use the one rule of who is staff, `accounts.selectors.is_staff_member`.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import reverse

from accounts import services
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


class SignInMiddleware:
    """Keeps a row for every signed-in session, so that the patient can see and end it.

    Before the view it makes the row of a session that has none (sessions from
    before the table, the admin's own login) and notes its use at most once a
    minute; after the view it follows what the view did: a new sign-in gets
    its row, a rotated session key is recorded, a sign-out drops the row.
    """

    sign_in_key = "_sign_in"
    session_key_key = "_sign_in_key"
    seen_key = "_sign_in_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is None:
            return self.get_response(request)
        if session.get(SESSION_KEY):
            self._keep(request)
        before = session.get(self.sign_in_key)
        response = self.get_response(request)
        # logout() and a sign-in as someone else replace request.session's contents.
        session = request.session
        if session.get(SESSION_KEY):
            self._keep(request)
        if before and session.get(self.sign_in_key) != before:
            services.sign_in_forget(public_id=before)
        return response

    def _keep(self, request) -> None:
        session = request.session
        now = int(time.time())
        key = session.session_key or ""
        if (
            session.get(self.sign_in_key)
            and session.get(self.session_key_key) == key
            and now - session.get(self.seen_key, 0) < services.SIGN_IN_SEEN_RESOLUTION_SECONDS
        ):
            return
        if not key:
            return
        sign_in = services.session_sign_in_seen(
            user_id=int(session[SESSION_KEY]),
            public_id=session.get(self.sign_in_key),
            session_key=key,
            user_agent=services.user_agent_summary(request.headers.get("User-Agent", "")),
        )
        session[self.sign_in_key] = sign_in.public_id
        session[self.session_key_key] = key
        session[self.seen_key] = now
