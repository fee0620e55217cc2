"""Deliberation practice in the content admin: each part registers its viewsets and menu items
here or in its own admin module."""

from wagtail import hooks

from .budgets import admin as budgets_admin  # noqa: F401
from .reports.admin import ReportExerciseViewSet


@hooks.register("register_admin_viewset")
def register_report_exercises():
    return ReportExerciseViewSet()
