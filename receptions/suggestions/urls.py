from django.urls import path

from . import views

# Included in receptions/urls.py, under the app's namespace ("receptions:suggestion...").
urlpatterns = [
    path("suggestions/", views.mine, name="suggestions"),
    path("suggestions/new/", views.add, name="suggestion_add"),
    path("suggestions/from-draft/<int:draft_pk>/", views.from_draft, name="suggestion_from_draft"),
    path("suggestions/<int:pk>/", views.detail, name="suggestion"),
    path("suggestions/<int:pk>/edit/", views.edit, name="suggestion_edit"),
    path("suggestions/<int:pk>/delete/", views.delete, name="suggestion_delete"),
    path("suggestions/<int:pk>/reply/", views.reply, name="suggestion_reply"),
    path("suggestions/<int:pk>/satisfaction/", views.satisfaction, name="suggestion_satisfaction"),
    path("suggestions/<int:pk>/second-reply/", views.second_reply, name="suggestion_second_reply"),
    path("staff/suggestions/", views.staff_list, name="suggestion_staff_list"),
    path("staff/suggestions/new/", views.staff_add, name="suggestion_staff_add"),
]
