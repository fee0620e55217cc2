from django.urls import path

from .. import training_views
from . import duties_views, views

app_name = "dashboard"


def _place(route: str, level: str, name: str):
    """A place's page and its spreadsheet."""
    return [
        path(route, views.place, {"level": level}, name=name),
        path(f"{route}export.xlsx", views.export, {"level": level}, name=f"{name}_export"),
    ]


def _training(route: str, level: str):
    """A place's initial-training page and its overdue list."""
    return [
        path(
            f"{route}initial-training/",
            training_views.place,
            {"level": level},
            name=f"{level}_training",
        ),
        path(
            f"{route}initial-training/overdue.xlsx",
            training_views.overdue_export,
            {"level": level},
            name=f"{level}_training_overdue",
        ),
    ]


def _duties(route: str, level: str):
    """A place's voters' matters and suggestions page and its overdue matters."""
    return [
        path(f"{route}voters/", duties_views.place, {"level": level}, name=f"{level}_duties"),
        path(
            f"{route}voters/overdue.xlsx",
            duties_views.overdue_export,
            {"level": level},
            name=f"{level}_duties_overdue",
        ),
    ]


urlpatterns = [
    path("", views.home, name="home"),
    *_place("all/", "all", "all"),
    *_place("counties/<int:pk>/", "county", "county"),
    *_place("townships/<int:pk>/", "township", "township"),
    *_place("townships/<int:pk>/no-station/", "unassigned", "unassigned"),
    *_place("stations/<int:pk>/", "station", "station"),
    *_training("counties/<int:pk>/", "county"),
    *_training("townships/<int:pk>/", "township"),
    *_training("stations/<int:pk>/", "station"),
    *_duties("counties/<int:pk>/", "county"),
    *_duties("townships/<int:pk>/", "township"),
    *_duties("stations/<int:pk>/", "station"),
]
