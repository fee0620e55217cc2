"""Staff: quiz results in their scope, grading short answers."""


app_name = "quiz_staff"
urlpatterns = []
