from django.contrib import admin
from django.urls import include, path

from ros1site import serviceworker

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("tracker.urls")),
    path("api/v1/", include("education.api_urls")),
    path("", include("tracker.clinic_urls")),
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
