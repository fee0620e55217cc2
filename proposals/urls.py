"""Proposal practice: the deputies' pages, staff review, and the example gallery."""

from django.urls import path

from . import staff_views, views

app_name = "proposals"
urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("exercises/<int:pk>/", views.exercise_detail, name="exercise"),
    path("exercises/<int:pk>/start/", views.start, name="start"),
    path("drafts/<int:pk>/", views.draft_page, name="draft"),
    path("drafts/<int:pk>/save/", views.autosave, name="autosave"),
    path("drafts/<int:pk>/paste/", views.paste, name="paste"),
    path("drafts/<int:pk>/consent/", views.consent, name="consent"),
    path("drafts/<int:pk>/revisions/<int:number>/", views.revision_page, name="revision"),
    path("review/", staff_views.review_queue, name="review_queue"),
    path("review/revisions/<int:pk>/", staff_views.review, name="review"),
    path("review/revisions/<int:pk>/publish/", staff_views.publish, name="publish"),
    path("examples/", staff_views.gallery, name="gallery"),
    path("examples/<int:pk>/", staff_views.example_page, name="example"),
    path("examples/<int:pk>/unpublish/", staff_views.unpublish, name="unpublish"),
]
