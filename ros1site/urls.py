from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("tracker.urls")),
    path("api/v1/", include("education.api_urls")),
    path("", include("tracker.page_urls")),
    path("", include("education.urls")),
    # django-pwa's manifest.json and offline page; it must sit at the root.
    path("", include("pwa.urls")),
]

handler404 = "education.views.page_not_found"
handler500 = "education.views.server_error"
