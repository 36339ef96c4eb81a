from django.urls import path

from clinics import apis as apis
from clinics import views as views

app_name = "clinic"
urlpatterns = [
    # Staff
    path("clinic/", views.clinic_home, name="home"),
    path("clinic/patients/<uuid:share_id>/", views.patient_detail, name="patient"),
    path("clinic/patients/<uuid:share_id>/print/", views.patient_print, name="patient-print"),
    path("clinic/patients/<uuid:share_id>/journal.csv", views.patient_csv, name="patient-csv"),
    path("clinic/patients/<uuid:share_id>/fhir.json", views.patient_fhir, name="patient-fhir"),
    path("clinic/staff/", views.staff_list, name="staff"),
    path("clinic/staff/<int:membership_id>/remove/", views.staff_remove, name="staff-remove"),
    path(
        "clinic/staff/invitations/<int:invite_id>/cancel/",
        views.invite_cancel,
        name="invite-cancel",
    ),
    path("clinic/invite/<str:token>/", views.invite_accept, name="invite-accept"),
    path("clinic/referral/", views.referral_page, name="referral"),
    path("clinic/referral.svg", views.referral_qr, {"fmt": "svg"}, name="referral-svg"),
    path("clinic/referral.png", views.referral_qr, {"fmt": "png"}, name="referral-png"),
    # Anyone: a clinic's referral link
    path("r/<str:code>/", views.referral_landing, name="referral-landing"),
    # Patients
    path("journal/sharing/", views.sharing_home, name="sharing"),
    path("journal/sharing/new/", views.sharing_new, name="sharing-new"),
    path("journal/sharing/<uuid:share_id>/stop/", views.sharing_revoke, name="sharing-revoke"),
    # The same for the app
    path("api/v1/sharing", apis.SharingApi.as_view(), name="api-sharing"),
    path(
        "api/v1/sharing/<uuid:share_id>/stop",
        apis.SharingStopApi.as_view(),
        name="api-sharing-stop",
    ),
]
