from django.urls import path

from education import apis

urlpatterns = [
    path("catalog", apis.CatalogApi.as_view(), name="catalog"),
]
