"""The wrong-answer book and daily practice (deputies)."""

from django.urls import path

from . import views

app_name = "practice"
urlpatterns = [
    path("", views.book, name="book"),
    path("today/", views.today, name="today"),
    path("more/", views.more, name="more"),
    path("answers/<int:question_id>/", views.feedback, name="feedback"),
]
