"""Staff: quiz results in their scope, grading short answers."""

from django.urls import path

from . import views

app_name = "quiz_staff"
urlpatterns = [
    path("", views.results, name="results"),
    path("<int:pk>/attempts/", views.quiz_attempts, name="quiz_attempts"),
    path("grading/", views.grading, name="grading"),
    path("attempts/<int:pk>/", views.attempt_detail, name="attempt"),
    path("answers/<int:pk>/grade/", views.grade, name="grade"),
]
