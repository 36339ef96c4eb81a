from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from tracker import apis, export_apis

urlpatterns = [
    path("sync/push", apis.SyncPushApi.as_view(), name="sync-push"),
    path("sync/pull", apis.SyncPullApi.as_view(), name="sync-pull"),
    path("export.json", export_apis.ExportJsonApi.as_view(), name="export-json"),
    path("export.fhir.json", export_apis.ExportFhirApi.as_view(), name="export-fhir"),
    path("export.csv", export_apis.ExportCsvApi.as_view(), name="export-csv"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
