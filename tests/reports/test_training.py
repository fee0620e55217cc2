"""The initial-training pages (初任培训): completion per township, station and deputy, who is
overdue with what they miss, the overdue list's spreadsheet, scope and queries."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import Action, AuditEntry
from deputies.factories import DeputyFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role

from .scenarios import PAST_DUE, assign


def url(level, pk, export=False):
    suffix = "_overdue" if export else ""
    return reverse(f"dashboard:{level}_training{suffix}", args=[pk])


def figures(report):
    return {
        row.label: (
            row.figures.to_do,
            row.figures.refresher,
            row.figures.exempted,
            row.figures.completed,
            row.figures.overdue,
            row.figures.completion,
        )
        for row in report.rows
    }


def test_the_county_sees_each_township(client, county_officer, county, training):
    client.force_login(county_officer)
    response = client.get(url("county", county.pk))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.programme == training["programme"]
    assert report.term == training["terms"]["county_new"]
    assert figures(report) == {"递铺街道": (4, 1, 1, 1, 3, 25), "孝丰镇": (2, 0, 0, 1, 0, 50)}
    assert report.least_advanced.label == "递铺街道"
    # By township, station (古城 before 递铺) and name.
    assert [row.deputy.user.name for row in report.overdue] == ["张丽华", "李建国", "钱英"]


def test_each_overdue_deputy_with_what_they_miss(english, county_officer, county, training):
    english.force_login(county_officer)
    report = english.get(url("county", county.pk)).context["report"]
    missing = {row.deputy.user.name: row.missing for row in report.overdue}
    assert missing == {
        "李建国": ["监督法要点", "group study: 0.0 of 2.0 credit hours", "final test not passed"],
        # A refresher is held to the refresher's parts.
        "钱英": ["履职提升课"],
        "张丽华": [
            "代表法入门",
            "监督法要点",
            "group study: 0.0 of 2.0 credit hours",
            "final test not passed",
        ],
    }


def test_a_township_sees_each_station_and_the_one_behind(
    client, township_staff, township, training
):
    client.force_login(township_staff)
    response = client.get(url("township", township.pk))
    report = response.context["report"]
    assert report.term == training["terms"]["new"]
    assert figures(report) == {
        "古城代表联络站": (1, 0, 0, 0, 1, 0),
        "递铺代表联络站": (3, 1, 1, 1, 2, 33),
    }
    assert report.least_advanced.label == "古城代表联络站"
    assert "is-lowest" in response.content.decode()


def test_a_station_sees_its_own_deputies(client, station_staff, station, training):
    client.force_login(station_staff)
    report = client.get(url("station", station.pk)).context["report"]
    assert sorted(row.label for row in report.rows) == ["孙兰", "李建国", "王秀英", "钱英"]
    assert [row.deputy.user.name for row in report.overdue] == ["李建国", "钱英"]


def test_a_past_term_counts_its_own_deputies(client, county_officer, county, training):
    client.force_login(county_officer)
    response = client.get(url("county", county.pk), {"term": training["terms"]["county_old"].pk})
    report = response.context["report"]
    assert report.day == date(2021, 12, 31)
    assert figures(report)["递铺街道"] == (1, 0, 0, 1, 0, 100)
    assert report.overdue == []


def test_a_programme_not_offered_is_refused(english, county_officer, county, training):
    english.force_login(county_officer)
    response = english.get(url("county", county.pk), {"programme": "999999"})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


def test_the_dashboard_links_to_the_page(client, county_officer, county, training):
    client.force_login(county_officer)
    page = client.get(reverse("dashboard:county", args=[county.pk])).content.decode()
    assert f'href="{url("county", county.pk)}"' in page


# Scope -----------------------------------------------------------------------------------------


@pytest.fixture
def other_county_officer(other_county):
    user = UserFactory(name="外县干部", mobile="13700000009")
    grant_role(user=user, kind=StaffRole.Kind.COUNTY, place=other_county)
    return user


@pytest.mark.parametrize("export", [False, True], ids=["page", "overdue"])
def test_outside_the_scope_the_place_does_not_exist(
    client,
    training,
    county,
    township,
    other_township,
    station,
    other_station,
    county_officer,
    township_staff,
    station_staff,
    other_county_officer,
    export,
):
    people = training["people"]
    deputy = people["王秀英"]
    cases = [
        (other_county_officer, "county", county.pk),
        (other_county_officer, "township", township.pk),
        (other_county_officer, "station", station.pk),
        (township_staff, "county", county.pk),
        (township_staff, "township", other_township.pk),
        (station_staff, "township", township.pk),
        (station_staff, "station", other_station.pk),
        (deputy.user, "station", station.pk),
    ]
    for user, level, pk in cases:
        client.force_login(user)
        assert client.get(url(level, pk, export)).status_code == 404, (user, level)
    for user, level, pk in [
        (county_officer, "county", county.pk),
        (township_staff, "township", township.pk),
        (station_staff, "station", station.pk),
    ]:
        client.force_login(user)
        assert client.get(url(level, pk, export)).status_code == 200, (user, level)


# The overdue list's spreadsheet ------------------------------------------------------------------


def test_the_overdue_list_downloads_and_is_audited(english, county_officer, county, training):
    english.force_login(county_officer)
    response = english.get(url("county", county.pk, export=True))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(
        (
            "Name",
            "Mobile number",
            "Township",
            "Liaison station",
            "Kind",
            "Due date",
            "Still to do",
        )
    )
    listed = rows[header + 1 :]
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in listed] == [
        ("张丽华", "13600000003", "递铺街道", "古城代表联络站", "Required"),
        ("李建国", "13600000002", "递铺街道", "递铺代表联络站", "Required"),
        ("钱英", "13600000011", "递铺街道", "递铺代表联络站", "Refresher"),
    ]
    assert listed[0][5].date() == PAST_DUE  # a date cell (openpyxl reads it as a datetime)
    assert listed[2][6] == "履职提升课"
    entry = AuditEntry.objects.get(action=Action.ROSTER_EXPORTED)
    assert (entry.actor, entry.county, entry.detail["count"]) == (county_officer, county, 3)
    assert entry.detail["place"] == "安吉县 · 初任培训"


def test_the_overdue_list_neutralises_formulas(client, county_officer, county, training):
    name = '=HYPERLINK("http://x","y")'
    deputy = training["people"]["张丽华"]
    deputy.user.name = name
    deputy.user.save()
    client.force_login(county_officer)
    response = client.get(url("county", county.pk, export=True))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert [(c.value, c.data_type) for c in cells] == [(f"'{name}", "s")]


def test_township_staff_download_only_their_township(
    client, township_staff, township, other_township, training
):
    client.force_login(township_staff)
    response = client.get(url("township", township.pk, export=True))
    names = {r[0] for r in load_workbook(io.BytesIO(response.content)).worksheets[0].values}
    assert {"李建国", "钱英", "张丽华"} <= names
    assert "吴明" not in names and "赵志强" not in names


# Queries -----------------------------------------------------------------------------------------


def _more_deputies(training, station, other_station, n):
    programme, term = training["programme"], training["terms"]["new"]
    for i in range(n):
        where = station if i % 2 else other_station
        deputy = DeputyFactory(station=where, user__mobile=f"1352000{i:04d}")
        assign(deputy, programme, term, completed=None if i % 3 else timezone.now())


@pytest.mark.parametrize("export", [False, True], ids=["page", "overdue"])
@pytest.mark.parametrize("level", ["county", "township", "station"])
def test_the_queries_do_not_grow_with_the_deputies(
    client, county_officer, county, township, station, other_station, training, level, export
):
    place = {"county": county, "township": township, "station": station}[level]
    address = url(level, place.pk, export)
    client.force_login(county_officer)
    client.get(address)  # warm the caches a running site has
    counts = []
    for grow in (0, 27):  # 3 deputies overdue at first, 30 after
        _more_deputies(training, station, other_station, grow)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # Session, user, scope, place, programmes, terms, the aggregate, the rows, the overdue
    # list and its four reads of what is missing; then the menu's two, its sections being in
    # the cache (the page), or the audit entry (the spreadsheet).
    assert counts[0] == {False: 15, True: 14}[export]


def test_the_page_in_chinese(client, county_officer, county, training):
    client.force_login(county_officer)
    page = client.get(url("county", county.pk)).content.decode()
    for text in (
        "安吉县初任培训",
        "第十九届（2022-01-01 起，本届）",
        "<dt>应训</dt><dd>6",
        "其中复训 1",
        "下载逾期名单（Excel，含手机号码）",
        "集中学习：应学 2.0 学时，已学 0.0 学时",
        "结业测验未通过",
        "进度最慢",
    ):
        assert text in page, text
