"""Deliberation practice: the deputies' pages and the station's."""

from .reports.urls import urlpatterns as report_urls

app_name = "deliberation"
urlpatterns = [
    *report_urls,
]
