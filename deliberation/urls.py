"""Deliberation practice: the deputies' pages and the station's."""

app_name = "deliberation"
urlpatterns = []
