"""Deliberation practice in the content admin: each part registers its own viewsets here."""

from wagtail import hooks

from .reports.admin import ReportExerciseViewSet


@hooks.register("register_admin_viewset")
def register_report_exercises():
    return ReportExerciseViewSet()
