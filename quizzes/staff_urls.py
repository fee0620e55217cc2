"""Staff: quiz results in their scope, grading short answers."""

from django.urls import path

from . import staff_views

app_name = "quiz_staff"
urlpatterns = [
    path("", staff_views.results, name="results"),
    path("<int:pk>/attempts/", staff_views.quiz_attempts, name="quiz_attempts"),
    path("grading/", staff_views.grading, name="grading"),
    path("attempts/<int:pk>/", staff_views.attempt_detail, name="attempt"),
    path("answers/<int:pk>/grade/", staff_views.grade, name="grade"),
]
