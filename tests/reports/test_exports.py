import io
from datetime import date, timedelta
from urllib.parse import quote

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from deputies.models import StaffRole
from notifications.models import Notification
from reports import exports
from reports.exports import (
    ascii_filename,
    content_disposition,
    purge_old_exports,
    respond,
    run_export,
    safe_filename,
    start_export,
)
from reports.models import Export
from reports.tables import Table

from . import test_register
from .test_register import H1, at, session

# The register tests' record and people, as fixtures here too.
other_county_officer = test_register.other_county_officer
register_data = test_register.register_data

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
PERIOD = {"from": "2025-01-01", "to": "2025-06-30"}


def register_url(level, pk):
    return reverse("exports:register", args=[level, pk])


def workbook(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(data))


@pytest.fixture
def big(settings):
    """Every export goes to the background, even an empty one."""
    settings.REPORTS_INLINE_EXPORT_ROWS = -1
    return settings


def register_params(place_pk, level="station"):
    return {"level": level, "pk": place_pk, **H1}


# The register's page ------------------------------------------------------------------------


def test_the_form_offers_this_year_so_far(english, station_staff, station):
    english.force_login(station_staff)
    response = english.get(register_url("station", station.pk))
    assert response.status_code == 200
    html = response.content.decode()
    today = timezone.localdate()
    assert f'value="{today.year}-01-01"' in html
    assert f'value="{today.isoformat()}"' in html
    assert "递铺代表联络站" in html
    assert not Export.objects.exists()


def test_a_small_register_downloads_at_once(english, station_staff, station, register_data):
    english.force_login(station_staff)
    response = english.get(register_url("station", station.pk), PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    name = "Activity register 递铺代表联络站 2025-01-01 to 2025-06-30.xlsx"
    assert response["Content-Disposition"] == (
        'attachment; filename="Activity-register-2025-01-01-to-2025-06-30.xlsx"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )
    assert "no-store" in response["Cache-Control"]
    book = workbook(response)
    assert book.sheetnames == [
        "Summary",
        "Group study",
        "Study attendance",
        "Group deliberation",
        "Voter reception",
        "Voters' matters",
        "Inspections and surveys",
    ]
    assert book["Group study"].max_row == 5 + 4  # 3 notes, a blank line, the header, 4 sessions
    assert not Export.objects.exists()


def test_a_topic_written_as_a_formula_arrives_as_text(english, station_staff, station):
    session(station, '=HYPERLINK("http://evil.example","点击")', at(2025, 3, 1))
    english.force_login(station_staff)
    response = english.get(register_url("station", station.pk), PERIOD)
    cell = workbook(response)["Group study"]["E6"]
    assert cell.value == '\'=HYPERLINK("http://evil.example","点击")'
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2025-07-01", "to": "2025-06-30"}, "The first day must not be after the last"),
        ({"from": "2020-01-01", "to": "2025-01-01"}, "at most 5 years"),
        ({"from": "2025-02-30", "to": "2025-06-30"}, "Enter a date such as 2026-01-31."),
        ({"from": "yesterday", "to": "2025-06-30"}, "Enter a date such as 2026-01-31."),
        ({"from": "2025-01-01"}, "Enter a date."),
        ({"from": "", "to": ""}, "Enter a date."),
        ({"from": "1900-01-01", "to": "1900-02-01"}, "between 2000 and 2100"),
    ],
)
def test_a_bad_period_is_refused_and_changes_nothing(
    english, station_staff, station, register_data, big, query, message
):
    english.force_login(station_staff)
    response = english.get(register_url("station", station.pk), query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Export.objects.exists()
    assert not Notification.objects.filter(user=station_staff).exists()


def test_five_years_exactly_less_a_day_is_allowed(english, county_officer, county):
    english.force_login(county_officer)
    query = {"from": "2021-01-01", "to": "2025-12-31"}
    assert english.get(register_url("county", county.pk), query).status_code == 200


# Scope --------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [{}, PERIOD])
def test_a_station_clerk_cannot_export_another_stations_register(
    client, station_staff, other_station, register_data, query
):
    client.force_login(station_staff)
    assert client.get(register_url("station", other_station.pk), query).status_code == 404


@pytest.mark.parametrize("level", ["county", "township", "station"])
def test_an_officer_of_another_county_gets_404(
    client, other_county_officer, county, township, station, level
):
    client.force_login(other_county_officer)
    pk = {"county": county.pk, "township": township.pk, "station": station.pk}[level]
    assert client.get(register_url(level, pk), PERIOD).status_code == 404


@pytest.mark.parametrize("page", ["list", "register"])
def test_deputies_have_no_exports(client, deputy, station, page):
    client.force_login(deputy.user)
    url = reverse("exports:list") if page == "list" else register_url("station", station.pk)
    assert client.get(url).status_code == 404


def test_an_unknown_level_is_404(client, county_officer, county):
    client.force_login(county_officer)
    assert client.get(register_url("province", county.pk)).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, station):
    response = client.get(register_url("station", station.pk))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# In the background --------------------------------------------------------------------------


def test_a_big_register_is_prepared_in_the_background_and_notified(
    english, county_officer, county, register_data, big
):
    english.force_login(county_officer)
    response = english.get(register_url("county", county.pk), PERIOD, follow=True)
    assert response.redirect_chain == [(reverse("exports:list"), 302)]
    export = Export.objects.get()
    assert export.status == Export.Status.DONE
    assert (export.kind, export.requested_by) == ("register", county_officer)
    assert export.params == {
        "level": "county",
        "pk": county.pk,
        "date_from": "2025-01-01",
        "date_to": "2025-06-30",
    }
    assert export.rows == 5 + 6 + 4  # the summary's kinds of activity, sessions, attendances
    assert export.size == default_storage.size(export.file.name)
    assert export.file.name.startswith("reports/exports/")
    assert export.file.name.endswith("Activity-register-2025-01-01-to-2025-06-30.xlsx")
    html = response.content.decode()
    assert "is ready" in html
    download = reverse("exports:download", args=[export.pk])
    assert download in html
    note = Notification.objects.get(user=county_officer)
    assert note.url == download
    assert note.title == f"Your export is ready: {export.filename}"

    response = english.get(download)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == content_disposition(export.filename)
    book = workbook(response)
    assert len(list(book["Study attendance"].iter_rows())) == 4 + 4
    # Headings in the language of the page the export was asked from.
    assert book["Group study"]["A1"].value.startswith("Activity register: 安吉县")


def test_the_worker_writes_in_the_requesters_language(client, county_officer, county, big):
    client.cookies["django_language"] = "zh-hans"
    client.force_login(county_officer)
    client.get(register_url("county", county.pk), PERIOD)
    assert Export.objects.get().language == "zh-hans"


def test_while_it_is_being_prepared_asking_again_returns_it(
    english, county_officer, county, register_data, big, settings
):
    settings.TASKS = DUMMY
    english.force_login(county_officer)
    response = english.get(register_url("county", county.pk), PERIOD, follow=True)
    first = Export.objects.get()
    assert first.status == Export.Status.QUEUED
    assert "being prepared in the background" in response.content.decode()
    assert "This page updates itself" in response.content.decode()
    Export.objects.filter(pk=first.pk).update(status="running", started_at=timezone.now())
    response = english.get(register_url("county", county.pk), PERIOD, follow=True)
    assert "is already being prepared" in response.content.decode()
    assert Export.objects.get() == first
    # Another period is another export.
    english.get(register_url("county", county.pk), {"from": "2025-01-01", "to": "2025-03-31"})
    assert Export.objects.count() == 2


def test_an_export_whose_worker_died_is_started_again(county_officer, county, settings):
    settings.TASKS = DUMMY
    params = register_params(county.pk, "county")
    first, created = start_export(
        by=county_officer, kind="register", params=params, filename="x", rows=9
    )
    assert created
    long_ago = timezone.now() - timedelta(hours=1)
    Export.objects.filter(pk=first.pk).update(status="running", started_at=long_ago)
    again, created = start_export(
        by=county_officer, kind="register", params=params, filename="x", rows=9
    )
    assert created and again != first
    first.refresh_from_db()
    assert first.status == Export.Status.FAILED
    # The old task, should it wake up, leaves the failed export alone.
    assert run_export(first.pk).status == Export.Status.FAILED


def test_the_worker_reads_the_scope_again(county_officer, county, register_data, settings):
    settings.TASKS = DUMMY
    export, _ = start_export(
        by=county_officer,
        kind="register",
        params=register_params(county.pk, "county"),
        filename="台账",
        rows=9,
        language="en",
    )
    # The officer moves to other work before the worker gets to it.
    StaffRole.objects.filter(user=county_officer).delete()
    export = run_export(export.pk)
    assert export.status == Export.Status.FAILED
    assert "no longer among those you look after" in export.error
    assert not export.file
    note = Notification.objects.get(user=county_officer)
    assert note.url == reverse("exports:list")
    assert "could not be prepared" in note.title


def test_a_failure_is_recorded_and_told(county_officer, county, settings, monkeypatch):
    settings.TASKS = DUMMY
    export, _ = start_export(
        by=county_officer,
        kind="dashboard",
        params={"level": "county", "pk": county.pk, "course_id": None, "as_of": None},
        filename="dashboard",
        rows=9,
        language="en",
    )

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("reports.dashboard.tables.dashboard_tables", broken)
    with pytest.raises(RuntimeError):
        run_export(export.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    assert "Something went wrong" in export.error
    assert Notification.objects.filter(user=county_officer).count() == 1
    # Run again (the worker retrying): nothing changes.
    assert run_export(export.pk).status == Export.Status.FAILED


# The dashboard's exports (the dashboard itself builds the tables) ---------------------------


@pytest.fixture
def fake_dashboard(monkeypatch):
    calls = []

    def dashboard_tables(user, level, pk=None, *, course_id=None, as_of=None, term_id=None):
        calls.append((user, level, pk, course_id, as_of, term_id))
        return [
            Table("Overview", ["Township", "Completion"], [["递铺街道", 50]], notes=["安吉县"]),
            Table("Deputies", ["Name", "Hours"], [["王秀英", -1], ["=cmd", 2]]),
        ]

    monkeypatch.setattr("reports.dashboard.tables.dashboard_tables", dashboard_tables)
    return calls


def dashboard_request(user, language="en"):
    request = RequestFactory().get("/dashboard/counties/1/export.xlsx")
    request.user = user
    request.LANGUAGE_CODE = language
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_small_dashboard_export_is_sent_at_once(county_officer, county, fake_dashboard):
    params = {
        "level": "county",
        "pk": county.pk,
        "course_id": 3,
        "as_of": "2026-06-30",
        "term_id": "7",
    }
    response = respond(
        dashboard_request(county_officer),
        kind="dashboard",
        params=params,
        filename="dashboard-county-2026-06-30.xlsx",
        rows=2,
    )
    assert response.status_code == 200
    assert fake_dashboard == [(county_officer, "county", county.pk, 3, date(2026, 6, 30), 7)]
    book = workbook(response)
    assert book.sheetnames == ["Overview", "Deputies"]
    assert [c.value for c in book["Deputies"]["B"]] == ["Hours", -1, 2]
    assert book["Deputies"]["A3"].value == "'=cmd"
    assert not Export.objects.exists()


def test_a_big_dashboard_export_goes_to_the_background(county_officer, county, fake_dashboard, big):
    params = {"level": "county", "pk": county.pk, "course_id": None, "as_of": None}
    response = respond(
        dashboard_request(county_officer),
        kind="dashboard",
        params=params,
        filename="dashboard-county.xlsx",
        rows=2500,
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:list")
    export = Export.objects.get()
    assert (export.status, export.rows, export.filename) == ("done", 3, "dashboard-county.xlsx")
    assert fake_dashboard == [(county_officer, "county", county.pk, None, None, None)]
    assert Notification.objects.get(user=county_officer).url == reverse(
        "exports:download", args=[export.pk]
    )


# Downloads and the list ---------------------------------------------------------------------


@pytest.fixture
def done_export(county_officer, county, fake_dashboard, big):
    export, _ = start_export(
        by=county_officer,
        kind="dashboard",
        params={"level": "county", "pk": county.pk, "course_id": None, "as_of": None},
        filename="看板.xlsx",
        rows=5000,
    )
    assert export.status == Export.Status.DONE
    return export


def test_only_the_owner_downloads(client, done_export, township_staff, superuser):
    url = reverse("exports:download", args=[done_export.pk])
    for someone in (township_staff, superuser):
        client.force_login(someone)
        assert client.get(url).status_code == 404
    client.force_login(done_export.requested_by)
    assert client.get(url).status_code == 200


def test_an_export_not_ready_is_not_downloaded(client, done_export):
    Export.objects.filter(pk=done_export.pk).update(status="running")
    client.force_login(done_export.requested_by)
    assert client.get(reverse("exports:download", args=[done_export.pk])).status_code == 404


def test_the_list_shows_ones_own_exports(
    english, done_export, county_officer, township_staff, django_assert_max_num_queries
):
    Export.objects.create(
        requested_by=township_staff, kind="register", fingerprint="x", filename="别人的.xlsx"
    )
    Export.objects.create(
        requested_by=county_officer,
        kind="register",
        fingerprint="y",
        filename="坏了.xlsx",
        status=Export.Status.FAILED,
        error="This place is no longer among those you look after, so it was not exported.",
    )
    english.force_login(county_officer)
    # Session, user, scope, exports; the menu's content types, course index, deputy record
    # and unread badge.
    with django_assert_max_num_queries(8):
        response = english.get(reverse("exports:list"))
    html = response.content.decode()
    assert "看板.xlsx" in html
    assert reverse("exports:download", args=[done_export.pk]) in html
    assert "坏了.xlsx" in html and "no longer among those you look after" in html
    assert "Ready" in html and 'badge--late">Failed' in html
    assert "别人的.xlsx" not in html
    # Nothing in progress: the page does not reload itself.
    assert 'http-equiv="refresh"' not in html
    Export.objects.bulk_create(
        Export(requested_by=county_officer, kind="register", fingerprint=f"{n}", filename=f"{n}")
        for n in range(20)
    )
    with django_assert_max_num_queries(8):
        assert english.get(reverse("exports:list")).status_code == 200


# Purging ------------------------------------------------------------------------------------


def test_old_exports_are_purged(done_export, county_officer, settings):
    settings.REPORTS_EXPORT_KEEP_DAYS = 7
    name = done_export.file.name
    assert default_storage.exists(name)
    recent = Export.objects.create(
        requested_by=county_officer,
        kind="register",
        fingerprint="recent",
        filename="recent.xlsx",
        status=Export.Status.DONE,
        finished_at=timezone.now() - timedelta(days=6),
    )
    recent.file.save("recent.xlsx", ContentFile(b"x"))
    queued = Export.objects.create(
        requested_by=county_officer, kind="register", fingerprint="q", filename="q.xlsx"
    )
    Export.objects.filter(pk=done_export.pk).update(finished_at=timezone.now() - timedelta(days=8))
    assert purge_old_exports() == 1
    assert not default_storage.exists(name)
    assert set(Export.objects.all()) == {recent, queued}
    assert default_storage.exists(recent.file.name)
    # Ten days later, the other one goes too (the command's way).
    out = io.StringIO()
    later = timezone.now() + timedelta(days=10)
    assert purge_old_exports(now=later) == 1
    call_command("purge_exports", stdout=out)
    assert out.getvalue().strip() == "Deleted 0 export(s)."


def test_a_new_background_export_purges_old_ones(done_export, county_officer, county, big):
    Export.objects.filter(pk=done_export.pk).update(finished_at=timezone.now() - timedelta(days=30))
    start_export(
        by=county_officer,
        kind="register",
        params=register_params(county.pk, "county"),
        filename="x",
        rows=10,
    )
    assert not Export.objects.filter(pk=done_export.pk).exists()


def test_the_purge_command(done_export, county_officer):
    Export.objects.filter(pk=done_export.pk).update(finished_at=timezone.now() - timedelta(days=30))
    out = io.StringIO()
    call_command("purge_exports", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 export(s)."


# File names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "safe", "ascii"),
    [
        ("台账 递铺 2025.xlsx", "台账 递铺 2025.xlsx", "2025.xlsx"),
        ("../../etc/passwd", "etc_passwd.xlsx", "etc_passwd.xlsx"),
        ('a:b*c?"d"<e>|f', "a_b_c_d_e_f.xlsx", "a_b_c_d_e_f.xlsx"),
        ("看板", "看板.xlsx", "export.xlsx"),
        ("", "export.xlsx", "export.xlsx"),
        ("Café report", "Café report.xlsx", "Cafe-report.xlsx"),
    ],
)
def test_file_names_are_safe(given, safe, ascii):
    assert safe_filename(given) == safe
    assert ascii_filename(safe_filename(given)) == ascii


def test_the_header_carries_both_names():
    header = content_disposition("台账.xlsx")
    assert header == (
        "attachment; filename=\"export.xlsx\"; filename*=UTF-8''%E5%8F%B0%E8%B4%A6.xlsx"
    )
    assert header.isascii()


def test_an_unknown_kind_is_refused(county_officer):
    with pytest.raises(ValueError):
        start_export(by=county_officer, kind="everything", params={}, filename="x", rows=1)
    with pytest.raises(Http404):
        exports.tables_for(
            county_officer, "register", exports.clean_params("register", register_params(999999))
        )
