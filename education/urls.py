from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.cache import cache_control

from education import views
from education.sitemaps import SITEMAPS

app_name = "education"
urlpatterns = [
    path("", views.home, name="home"),
    path("learn/", views.topic_list, name="topics"),
    path("learn/<slug:slug>/", views.topic_detail, name="topic"),
    path("medicines/", views.drug_list, name="drugs"),
    path("medicines/<slug:slug>/", views.drug_detail, name="drug"),
    path("questions/", views.question_list, name="questions"),
    path("search/", views.search, name="search"),
    path(
        "sitemap.xml",
        cache_control(public=True, max_age=3600)(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]
