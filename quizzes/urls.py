"""Taking quizzes (deputies)."""

from django.urls import path

from . import views

app_name = "quizzes"
urlpatterns = [
    path("<int:pk>/", views.quiz_detail, name="detail"),
    path("<int:pk>/start/", views.start, name="start"),
    path("attempts/<int:pk>/", views.take, name="take"),
    path("attempts/<int:pk>/answer/", views.answer, name="answer"),
    path("attempts/<int:pk>/submit/", views.submit, name="submit"),
    path("attempts/<int:pk>/result/", views.result, name="result"),
]
