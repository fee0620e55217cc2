"""The wrong-answer book and daily practice (deputies)."""


app_name = "practice"
urlpatterns = []
