"""Staff protection: a second factor for /admin/, /clinic/ and draft previews.

The idle limit for staff, clinic staff included, is ros1site's
StaffSessionTimeoutMiddleware, which runs before this one.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

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
            and needs_second_factor(user)
        ):
            target = reverse("clinic:two-factor")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
