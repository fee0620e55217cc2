from django.urls import path

from . import dashboard_views as views

app_name = "dashboard"


def _place(route: str, level: str, name: str):
    """A place's page and its spreadsheet."""
    return [
        path(route, views.place, {"level": level}, name=name),
        path(f"{route}export.xlsx", views.export, {"level": level}, name=f"{name}_export"),
    ]


urlpatterns = [
    path("", views.home, name="home"),
    *_place("all/", "all", "all"),
    *_place("counties/<int:pk>/", "county", "county"),
    *_place("townships/<int:pk>/", "township", "township"),
    *_place("townships/<int:pk>/no-station/", "unassigned", "unassigned"),
    *_place("stations/<int:pk>/", "station", "station"),
]
