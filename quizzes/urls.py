"""Taking quizzes (deputies)."""


app_name = "quizzes"
urlpatterns = []
