"""Voter reception: the deputies' pages and the station's."""

app_name = "receptions"
urlpatterns = []
