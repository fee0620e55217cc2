"""The deputy's pages of report exercises, included by deliberation/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/sections/<int:position>/", views.section_page, name="report_section"),
    path("reports/<int:pk>/paragraphs/<str:key>/remark/", views.remark_add, name="remark_add"),
    path("reports/<int:pk>/remarks/", views.my_remarks, name="my_remarks"),
    path("remarks/<int:pk>/", views.remark_page, name="remark"),
    path("remarks/<int:pk>/save/", views.remark_autosave, name="remark_autosave"),
    path("remarks/<int:pk>/delete/", views.remark_delete, name="remark_delete"),
]
