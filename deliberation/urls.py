"""Deliberation practice: the deputies' pages and the station's."""

from django.urls import path

from . import views_budgets
from .groups.urls import urlpatterns as group_urls
from .reports.urls import urlpatterns as report_urls
from .speeches.urls import urlpatterns as speech_urls
from .votes.urls import urlpatterns as votes_urlpatterns

app_name = "deliberation"
urlpatterns = [
    *report_urls,
    *speech_urls,
    path("budgets/", views_budgets.budget_list, name="budgets"),
    path("budgets/<int:pk>/", views_budgets.budget_detail, name="budget"),
    *votes_urlpatterns,
    *group_urls,
]
