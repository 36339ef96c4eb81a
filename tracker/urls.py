from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from tracker import apis, export_apis

urlpatterns = [
    path("auth/register", apis.RegisterApi.as_view(), name="auth-register"),
    path("auth/login", apis.LoginApi.as_view(), name="auth-login"),
    path("auth/logout", apis.LogoutApi.as_view(), name="auth-logout"),
    path("auth/me", apis.MeApi.as_view(), name="auth-me"),
    path("auth/token", apis.TokenApi.as_view(), name="auth-token"),
    path("auth/tokens", apis.TokenListApi.as_view(), name="auth-tokens"),
    path("auth/tokens/<int:token_id>", apis.TokenDetailApi.as_view(), name="auth-token-detail"),
    path("auth/devices", apis.DeviceListApi.as_view(), name="auth-devices"),
    path("auth/devices/<str:client_id>", apis.DeviceDetailApi.as_view(), name="auth-device-detail"),
    path("sync/push", apis.SyncPushApi.as_view(), name="sync-push"),
    path("sync/pull", apis.SyncPullApi.as_view(), name="sync-pull"),
    path("export.json", export_apis.ExportJsonApi.as_view(), name="export-json"),
    path("export.fhir.json", export_apis.ExportFhirApi.as_view(), name="export-fhir"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
