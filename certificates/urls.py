from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("certificates/", views.my_certificates, name="mine"),
    path("certificates/<int:pk>/download/", views.download, name="download"),
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("staff/certificates/", views.staff_list, name="staff_list"),
    path("staff/certificates/deputies/<int:pk>/", views.staff_deputy, name="staff_deputy"),
    path("staff/certificates/deputies/<int:pk>/issue/", views.staff_issue, name="staff_issue"),
    path("staff/certificates/<int:pk>/revoke/", views.staff_revoke, name="staff_revoke"),
    path("staff/certificates/<int:pk>/reissue/", views.staff_reissue, name="staff_reissue"),
    path(
        "staff/certificates/courses/<int:course_pk>/batch/",
        views.staff_start_batch,
        name="staff_start_batch",
    ),
    path("staff/certificates/batches/<int:pk>/", views.staff_batch, name="staff_batch"),
    path(
        "staff/certificates/batches/<int:pk>/download/",
        views.staff_batch_download,
        name="staff_batch_download",
    ),
]
