from django.urls import path

from reminders import apis

urlpatterns = [
    path("reminders/schedule", apis.ScheduleApi.as_view(), name="reminders-schedule"),
    path("reminders/calendar.ics", apis.CalendarApi.as_view(), name="reminders-calendar"),
    path("reminders/push/key", apis.PushKeyApi.as_view(), name="reminders-push-key"),
    path(
        "reminders/push/subscriptions",
        apis.PushSubscriptionApi.as_view(),
        name="reminders-push-subscriptions",
    ),
]
