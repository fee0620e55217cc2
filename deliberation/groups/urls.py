"""The group deliberation's addresses, included in `deliberation.urls` (namespace
`deliberation`). All are the station's: a deputy writes remarks on the report's own pages."""

from django.urls import path

from . import staff_views

urlpatterns = [
    path(
        "staff/sessions/<int:session_pk>/group-deliberations/new/",
        staff_views.create,
        name="group_create",
    ),
    path("staff/group-deliberations/<int:pk>/", staff_views.manage, name="group_manage"),
    path("staff/group-deliberations/<int:pk>/close/", staff_views.close_view, name="group_close"),
    path("staff/group-deliberations/<int:pk>/screen/", staff_views.screen, name="group_screen"),
    path(
        "staff/group-deliberations/<int:pk>/summary.docx",
        staff_views.summary,
        {"fmt": "docx"},
        name="group_summary_docx",
    ),
    path(
        "staff/group-deliberations/<int:pk>/summary.pdf",
        staff_views.summary,
        {"fmt": "pdf"},
        name="group_summary_pdf",
    ),
]
