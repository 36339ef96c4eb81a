from django.urls import path

from education import views

app_name = "education"
urlpatterns = [
    path("", views.home, name="home"),
    path("learn/", views.topic_list, name="topics"),
    path("learn/<slug:slug>/", views.topic_detail, name="topic"),
    path("medicines/", views.drug_list, name="drugs"),
    path("medicines/<slug:slug>/", views.drug_detail, name="drug"),
    path("questions/", views.question_list, name="questions"),
    path("search/", views.search, name="search"),
]
