from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.my_archive, name="archive"),
    path("archive.pdf", views.my_archive_pdf, name="archive_pdf"),
    path("deputies/<int:pk>/", views.deputy_archive, name="deputy_archive"),
    path("deputies/<int:pk>/archive.pdf", views.deputy_archive_pdf, name="deputy_archive_pdf"),
]
