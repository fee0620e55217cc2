"""Deliberation practice: the deputies' pages and the station's."""

from django.urls import path

from . import views_budgets
from .reports.urls import urlpatterns as report_urls

app_name = "deliberation"
urlpatterns = [
    *report_urls,
    path("budgets/", views_budgets.budget_list, name="budgets"),
    path("budgets/<int:pk>/", views_budgets.budget_detail, name="budget"),
]
