from django.urls import path

from accounts import apis, views

app_name = "accounts"
urlpatterns = [
    # Staff sign-in (clinic staff; the admin has its own login page)
    path("clinic/login/", views.staff_login, name="staff-login"),
    path("clinic/logout/", views.staff_logout, name="staff-logout"),
    path("clinic/two-factor/", views.two_factor, name="two-factor"),
    path("clinic/two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    # Forgotten passwords: patients ask through the API, staff on these pages;
    # the emailed link opens the same page for both.
    path("account/password-reset/", views.PasswordReset.as_view(), name="password-reset"),
    path(
        "account/password-reset/sent/",
        views.PasswordResetSent.as_view(),
        name="password-reset-sent",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        views.PasswordResetConfirm.as_view(),
        name="password-reset-confirm",
    ),
    path("account/reset/done/", views.PasswordResetDone.as_view(), name="password-reset-done"),
    # The app's accounts (sync-protocol.md §1)
    path("api/v1/auth/register", apis.RegisterApi.as_view(), name="auth-register"),
    path("api/v1/auth/login", apis.LoginApi.as_view(), name="auth-login"),
    path("api/v1/auth/logout", apis.LogoutApi.as_view(), name="auth-logout"),
    path("api/v1/auth/me", apis.MeApi.as_view(), name="auth-me"),
    path("api/v1/auth/token", apis.TokenApi.as_view(), name="auth-token"),
    path("api/v1/auth/tokens", apis.TokenListApi.as_view(), name="auth-tokens"),
    path(
        "api/v1/auth/tokens/<int:token_id>",
        apis.TokenDetailApi.as_view(),
        name="auth-token-detail",
    ),
    path("api/v1/auth/devices", apis.DeviceListApi.as_view(), name="auth-devices"),
    path("api/v1/auth/password", apis.PasswordApi.as_view(), name="auth-password"),
    path("api/v1/auth/password-reset", apis.PasswordResetApi.as_view(), name="auth-password-reset"),
    path("api/v1/auth/two-factor", apis.TwoFactorApi.as_view(), name="auth-two-factor"),
    path(
        "api/v1/auth/two-factor/confirm",
        apis.TwoFactorConfirmApi.as_view(),
        name="auth-two-factor-confirm",
    ),
    path(
        "api/v1/auth/devices/<str:device_id>",
        apis.DeviceDetailApi.as_view(),
        name="auth-device-detail",
    ),
]
