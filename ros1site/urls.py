from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from ros1site import serviceworker
from ros1site.legacy import old_admin_address

urlpatterns = [
    # Bookmarks from before accounts and clinics were apps of their own.
    re_path(r"^admin/tracker/(?P<rest>.*)$", old_admin_address),
    # Its name makes the admin's login page offer "Forgotten your password?".
    path(
        "admin/password-reset/",
        RedirectView.as_view(pattern_name="accounts:password-reset"),
        name="admin_password_reset",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("tracker.urls")),
    path("api/v1/", include("education.api_urls")),
    path("api/v1/", include("reminders.urls")),
    path("", include("accounts.urls")),
    path("", include("clinics.urls")),
    path("", include("tracker.page_urls")),
    path("", include("education.urls")),
    # Our worker and manifest, before pwa.urls so that django-pwa's never answer.
    path("serviceworker.js", serviceworker.service_worker, name="serviceworker"),
    path("manifest.json", serviceworker.manifest, name="webmanifest"),
    # django-pwa's manifest.json and offline page; it must sit at the root.
    path("", include("pwa.urls")),
]

handler404 = "education.views.page_not_found"
handler500 = "education.views.server_error"
