from django.urls import path

from . import export_views as views

app_name = "exports"

urlpatterns = [
    path("", views.export_list, name="list"),
    path("<int:pk>/download/", views.download, name="download"),
    path(
        "register/<str:level>/<int:pk>/",
        views.register,
        name="register",
    ),
    path("register/<str:level>/<int:pk>/print/", views.register_print, name="register_print"),
]
