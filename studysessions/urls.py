from django.urls import path

from . import staff_views, views

app_name = "studysessions"
urlpatterns = [
    path("", views.my_sessions, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reply/", views.reply_view, name="reply"),
    path("<int:pk>/calendar.ics", views.session_ics, name="session_ics"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("calendar/new-address/", views.rotate_feed_view, name="rotate_feed"),
    path("checkin/<int:pk>/<str:code>/", views.checkin, name="checkin"),
    path("staff/", staff_views.session_list, name="staff_list"),
    path("staff/new/", staff_views.schedule, name="schedule"),
    path("staff/<int:pk>/", staff_views.session_page, name="staff_session"),
    path("staff/<int:pk>/edit/", staff_views.edit, name="edit"),
    path("staff/<int:pk>/cancel/", staff_views.cancel, name="cancel"),
    path("staff/<int:pk>/invite/", staff_views.invite, name="invite"),
    path("staff/<int:pk>/attendance/", staff_views.attendance, name="attendance"),
    path("staff/<int:pk>/screen/", staff_views.screen, name="screen"),
    path("staff/<int:pk>/screen/state.json", staff_views.screen_state, name="screen_state"),
    path("staff/<int:pk>/sign-in-sheet.pdf", staff_views.sign_in_sheet, name="sign_in_sheet"),
    path("staff/stations/<int:station_pk>/history/", staff_views.history, name="history"),
]
