"""The reception register's addresses, under /receptions/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.register, name="register"),
    path("record/", views.record_matter, name="record"),
    path("matters/<int:pk>/", views.matter_page, name="matter"),
    path("matters/<int:pk>/steps/<slug:kind>/", views.take_step, name="matter_step"),
    path("matters/<int:pk>/suggestion/", views.make_suggestion, name="matter_suggestion"),
    path("days/", views.reception_days, name="days"),
    path("days/new/", views.schedule_day, name="day_new"),
]
