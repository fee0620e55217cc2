"""Voter reception: the deputies' pages and the station's."""

from django.urls import include, path

app_name = "receptions"
urlpatterns = [
    path("", include("receptions.matters.urls")),
    path("", include("receptions.suggestions.urls")),
]
