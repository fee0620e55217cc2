"""The mock vote's addresses, included in `deliberation.urls` (namespace `deliberation`)."""

from django.urls import path

from . import staff_views, views

urlpatterns = [
    path("votes/<int:pk>/", views.ballot, name="vote_ballot"),
    path("staff/sessions/<int:session_pk>/votes/new/", staff_views.create, name="vote_create"),
    path("staff/votes/<int:pk>/", staff_views.manage, name="vote_manage"),
    path("staff/votes/<int:pk>/edit/", staff_views.edit, name="vote_edit"),
    path("staff/votes/<int:pk>/projects/new/", staff_views.project_add, name="vote_project_add"),
    path(
        "staff/votes/<int:pk>/projects/<int:project_pk>/",
        staff_views.project_edit,
        name="vote_project_edit",
    ),
    path(
        "staff/votes/<int:pk>/projects/<int:project_pk>/remove/",
        staff_views.project_remove,
        name="vote_project_remove",
    ),
    path("staff/votes/<int:pk>/open/", staff_views.open_view, name="vote_open"),
    path("staff/votes/<int:pk>/close/", staff_views.close_view, name="vote_close"),
    path("staff/votes/<int:pk>/results/", staff_views.results, name="vote_results"),
    path(
        "staff/votes/<int:pk>/further-round/",
        staff_views.further_round_view,
        name="vote_further_round",
    ),
]
