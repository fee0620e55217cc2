"""Deliberation practice: the deputies' pages and the station's."""

from .votes.urls import urlpatterns as votes_urlpatterns

app_name = "deliberation"
urlpatterns = [
    *votes_urlpatterns,
]
