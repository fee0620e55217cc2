"""Deliberation practice: the deputies' pages and the station's."""

from django.urls import path

from . import views_budgets

app_name = "deliberation"
urlpatterns = [
    path("budgets/", views_budgets.budget_list, name="budgets"),
    path("budgets/<int:pk>/", views_budgets.budget_detail, name="budget"),
]
