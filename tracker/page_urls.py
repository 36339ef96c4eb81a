from django.urls import path

from tracker import pages

app_name = "tracker"
urlpatterns = [
    path("journal/", pages.journal, name="journal"),
    path("journal/summary/", pages.journal_summary, name="journal-summary"),
    path("journal/csrf/", pages.journal_csrf, name="journal-csrf"),
]
