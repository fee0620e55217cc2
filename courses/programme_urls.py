from django.urls import path

from . import programme_views as views

app_name = "programmes"
urlpatterns = [
    path("learn/programmes/<int:pk>/", views.mine, name="mine"),
    path("staff/programmes/", views.staff_overview, name="staff_overview"),
    path("staff/programmes/<int:pk>/", views.staff_programme, name="staff_programme"),
    path(
        "staff/programmes/<int:pk>/deputies/<int:deputy_pk>/kind/",
        views.staff_change_kind,
        name="staff_change_kind",
    ),
]
