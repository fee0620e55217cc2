"""The deputy's speech on a report, included by deliberation/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("reports/<int:pk>/speech/", views.compose, name="report_speech"),
]
