"""Inspections and surveys: staff's pages, the deputies' on-site page, and the photos."""

from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("mine/", views.my_inspections, name="mine"),
    path("<int:pk>/on-site/", views.on_site, name="on_site"),
    path("<int:pk>/findings/", views.record, name="record"),
    path("<int:pk>/report/", views.write_report, name="report"),
    path("findings/<int:pk>/suggestion/", views.suggest, name="suggest"),
    path("photos/<int:pk>/", views.photo, name="photo"),
]
