from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses import routing
from courses import views as learning
from deputies.views import auth, places, roster, signin_sheets, staff, terms
from notifications.views import send_notice

from . import offline, search, views

account_patterns = [
    path("login/", auth.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("link/<str:token>/", auth.SignInLinkView.as_view(), name="signin_link"),
]

staff_patterns = [
    path("deputies/", staff.DeputyListView.as_view(), name="deputy_list"),
    path("deputies/<int:pk>/", staff.DeputyDetailView.as_view(), name="deputy_detail"),
    path(
        "deputies/<int:pk>/reset-password/",
        staff.ResetPasswordView.as_view(),
        name="deputy_reset_password",
    ),
    path(
        "deputies/<int:pk>/signin-link/",
        staff.SignInLinkCreateView.as_view(),
        name="deputy_signin_link",
    ),
    path("signin-sheets/", signin_sheets.SignInSheetView.as_view(), name="signin_sheet"),
    path("courses/", learning.course_overview, name="course_overview"),
    path("courses/<int:pk>/assign/", learning.assign, name="course_assign"),
    path("courses/<int:pk>/deputies/", learning.course_enrolments, name="course_enrolments"),
    path(
        "courses/<int:pk>/deputies/<int:deputy_pk>/withdraw/",
        learning.withdraw,
        name="course_withdraw",
    ),
    path("notices/", send_notice, name="send_notice"),
    path("roster/", roster.RosterUploadView.as_view(), name="roster_upload"),
    path("roster/template.xlsx", roster.RosterTemplateView.as_view(), name="roster_template"),
    path("roster/export.xlsx", roster.RosterExportView.as_view(), name="roster_export"),
    path("roster/<int:pk>/confirm/", roster.RosterConfirmView.as_view(), name="roster_confirm"),
    path("roster/<int:pk>/check.xlsx", roster.RosterProblemsView.as_view(), name="roster_problems"),
    path("deputies/<int:pk>/leave/", terms.LeaveOfficeView.as_view(), name="deputy_leave"),
    path("terms/", terms.TermsView.as_view(), name="terms"),
    path("terms/<int:pk>/dates/", terms.TermDatesView.as_view(), name="term_dates"),
    path("terms/change/", terms.TermChangeStartView.as_view(), name="term_change_start"),
    path("terms/change/<int:pk>/", terms.TermChangeView.as_view(), name="term_change"),
    path(
        "terms/change/<int:pk>/confirm/",
        terms.TermChangeConfirmView.as_view(),
        name="term_change_confirm",
    ),
]

place_patterns = [
    path("", places.IndexView.as_view(), name="index"),
    path("counties/new/", places.CountyCreateView.as_view(), name="county_create"),
    path("counties/<int:pk>/", places.CountyView.as_view(), name="county"),
    path("counties/<int:pk>/edit/", places.CountyEditView.as_view(), name="county_edit"),
    path(
        "counties/<int:pk>/delete/",
        places.PlaceDeleteView.as_view(kind="county"),
        name="county_delete",
    ),
    path(
        "counties/<int:pk>/townships/new/",
        places.TownshipCreateView.as_view(),
        name="township_create",
    ),
    path(
        "counties/<int:pk>/stations/new/", places.StationCreateView.as_view(), name="station_create"
    ),
    path("counties/<int:pk>/appoint/", places.AppointView.as_view(), name="appoint"),
    path("townships/<int:pk>/edit/", places.TownshipEditView.as_view(), name="township_edit"),
    path(
        "townships/<int:pk>/delete/",
        places.PlaceDeleteView.as_view(kind="township"),
        name="township_delete",
    ),
    path("stations/<int:pk>/edit/", places.StationEditView.as_view(), name="station_edit"),
    path(
        "stations/<int:pk>/delete/",
        places.PlaceDeleteView.as_view(kind="station"),
        name="station_delete",
    ),
    path("editors/appoint/", places.EditorAppointView.as_view(), name="editor_appoint"),
    path("roles/<int:pk>/remove/", places.RoleRemoveView.as_view(), name="role_remove"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.me, name="me"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("offline/", offline.offline, name="offline"),
    path("offline/kept/", offline.kept, name="offline_kept"),
    path("search/", search.search, name="search"),
    path("learn/lessons/<int:pk>/read/", learning.report_reading, name="report_reading"),
    path("learn/courses/<int:pk>/enrol/", learning.enrol_elective, name="enrol_elective"),
    path("accounts/", include(account_patterns)),
    path("staff/", include(staff_patterns)),
    path("quizzes/", include("quizzes.urls")),
    path("proposals/", include("proposals.urls")),
    path("notifications/", include("notifications.urls")),
    path("study/", include("studysessions.urls")),
    path("deliberation/", include("deliberation.urls")),
    path("receptions/", include("receptions.urls")),
    path("inspections/", include("inspections.urls")),
    path("archive/", include("reports.urls")),
    path("dashboard/", include("reports.dashboard.urls")),
    path("exports/", include("reports.export_urls")),
    path("staff/audit/", include("audit.urls")),
    path("staff/places/", include((place_patterns, "places"))),
    path("", include("certificates.urls")),
    path("", include("courses.programme_urls")),
    path("practice/", include("quizzes.practice.urls")),
    path("staff/quizzes/", include("quizzes.staff.urls")),
    path("display/large-font/", views.toggle_large_font, name="toggle_large_font"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the CMS page tree for every path not matched above, found by its path in one
# query (courses.routing) rather than level by level; Wagtail's own `_util/` views go past it.
urlpatterns.append(re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", routing.serve, name="page"))
urlpatterns.append(path("", include(wagtail_urls)))
