"""The activity register's new sections (group deliberation, voter reception, voters' matters,
inspections and surveys) and its summary, against a small record counted by hand at 递铺代表联络站
in the first half of 2025, with one of each at the other station of the township; and the
printable page."""

import uuid
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deliberation.groups.services import open_group
from deliberation.reports.factories import report_exercise
from deputies.factories import DeputyFactory, LiaisonStationFactory
from inspections.factories import make_inspection
from inspections.services import record_finding
from receptions.matters import services as matters
from receptions.matters.services import Voter
from receptions.models import Category
from reports.register import activity_register, register_tables
from studysessions.models import Attendance, Invitation

from . import test_register
from .test_register import H1, at, invite, present, session

other_county_officer = test_register.other_county_officer

VOTER_NAME, VOTER_MOBILE = "周大妈", "13912340001"
SUMMARY, DELIBERATIONS, RECEPTIONS, MATTERS, INSPECTIONS = 0, 3, 4, 5, 6


def record(station, by, raised, day, **voter):
    return matters.record_matter(
        station=station,
        recorded_by=by,
        category=Category.ROADS,
        raised=raised,
        voter=Voter(voter.get("name", ""), voter.get("mobile", ""), bool(voter.get("mobile"))),
        received_on=day,
        now=at(day.year, day.month, day.day, 10),
    )


@pytest.fixture
def activity(deputy, station, other_station, other_station_deputy, station_staff):
    """At 递铺代表联络站: a reception day on 2025-03-09 (王秀英 and 陈红梅 on duty) where three
    matters were recorded: one referred and overdue since 2025-04-01, one closed on 2025-04-20
    after the voter was told, one still registered; a fourth matter on 2025-05-06, no reception
    day, recorded with the voter's name and mobile; and one of 2024 (before the period). A
    group study on 2025-03-10 with the government report deliberated: two invited, one
    present. An inspection on 2025-06-12 (王秀英 and 陈红梅) with one finding, and a survey in
    July (after the period).
    At 古城代表联络站: a reception day, a matter and an inspection in the period."""
    chen = DeputyFactory(station=station, user__name="陈红梅", user__mobile="13600000004")
    matters.schedule_reception_day(
        station=station,
        created_by=station_staff,
        day=date(2025, 3, 9),
        place="联络站接待室",
        on_duty=[deputy, chen],
    )
    overdue = record(station, deputy.user, "村口桥面塌了", date(2025, 3, 9), name=VOTER_NAME)
    matters.refer(
        matter=overdue,
        by=station_staff,
        unit="镇交通办",
        due_on=date(2025, 4, 1),
        now=at(2025, 3, 11),
    )
    closed = record(station, deputy.user, "路灯不亮", date(2025, 3, 9))
    matters.refer(matter=closed, by=station_staff, unit="镇城建办", now=at(2025, 3, 11))
    matters.record_answer(matter=closed, by=station_staff, answer="已修", now=at(2025, 4, 10))
    matters.record_visit(
        matter=closed, by=station_staff, satisfaction="satisfied", now=at(2025, 4, 15)
    )
    matters.close(matter=closed, by=station_staff, closure="solved", now=at(2025, 4, 20))
    record(station, deputy.user, "垃圾清运不及时", date(2025, 3, 9))
    record(
        station,
        station_staff,
        "校门口缺少斑马线",
        date(2025, 5, 6),
        name=VOTER_NAME,
        mobile=VOTER_MOBILE,
    )
    record(station, station_staff, "去年的事", date(2024, 12, 30))

    law = session(station, "学习政府工作报告", at(2025, 3, 10))
    invite(law, deputy, Invitation.Reply.ATTEND)
    invite(law, chen)
    present(law, deputy)
    exercise = report_exercise(title="2025年镇政府工作报告", live=True)
    open_group(session=law, exercise=exercise, attributed=True, convener="王秀英")

    inspection = make_inspection(
        station=station,
        organiser=deputy,
        deputies=[chen],
        user=station_staff,
        starts_on=date(2025, 6, 12),
    )
    stop = inspection.stops.first()
    finding = {"stop_id": stop.pk, "text": "水池盖板破损", "uuid": uuid.uuid4()}
    record_finding(deputy=deputy, inspection=inspection, **finding)
    make_inspection(
        station=station,
        organiser=deputy,
        user=station_staff,
        kind="survey",
        title="七月调研",
        starts_on=date(2025, 7, 2),
    )

    matters.schedule_reception_day(
        station=other_station,
        created_by=station_staff,
        day=date(2025, 4, 9),
        place="古城接待室",
        on_duty=[other_station_deputy],
    )
    record(other_station, other_station_deputy.user, "古城的事", date(2025, 4, 9))
    make_inspection(
        station=other_station,
        organiser=other_station_deputy,
        user=station_staff,
        title="古城视察",
        starts_on=date(2025, 5, 5),
    )
    return {"chen": chen}


def cells(tables):
    return [str(value) for table in tables for value in [*table.notes, *table.columns]] + [
        str(value) for table in tables for row in table.rows for value in row
    ]


def test_the_station_register_counted_by_hand(in_english, station_staff, station, activity):
    tables = register_tables(station_staff, level="station", pk=station.pk, **H1)
    assert tables[RECEPTIONS].rows == [
        [date(2025, 3, 9), "", "递铺街道", "递铺代表联络站", "联络站接待室",
         "王秀英、陈红梅", 2, 3, 1, 2, 1],
    ]  # fmt: skip
    rows = tables[MATTERS].rows
    assert [(row[0], row[1], row[5], row[6], row[9]) for row in rows] == [
        ("2025-001", date(2025, 3, 9), "村口桥面塌了", "镇交通办", "Referred"),
        ("2025-002", date(2025, 3, 9), "路灯不亮", "镇城建办", "Closed"),
        ("2025-003", date(2025, 3, 9), "垃圾清运不及时", "", "Registered"),
        ("2025-004", date(2025, 5, 6), "校门口缺少斑马线", "", "Registered"),
    ]
    overdue, closed = rows[0], rows[1]
    assert overdue[4] == "Roads and transport"
    assert (overdue[7], overdue[8], overdue[10]) == (date(2025, 3, 11), date(2025, 4, 1), None)
    assert overdue[13] == (timezone.localdate() - date(2025, 4, 1)).days
    assert closed[10:] == [date(2025, 4, 20), "Solved", "Satisfied", None]
    assert "No voter's name or mobile" in tables[MATTERS].notes[-1]

    assert tables[DELIBERATIONS].rows == [
        [date(2025, 3, 10), "递铺街道", "递铺代表联络站", "学习政府工作报告",
         "2025年镇政府工作报告", "王秀英", "Open", 2, 1, 0],
    ]  # fmt: skip
    assert tables[INSPECTIONS].rows == [
        [date(2025, 6, 12), None, "Inspection", "递铺街道", "递铺代表联络站", "农村饮水安全工程",
         "河东村蓄水池 → 三组供水点", "王秀英、陈红梅", 2, 1, "Not written yet"],
    ]  # fmt: skip


def test_the_summary_counts_each_kind_of_activity(in_english, station_staff, station, activity):
    summary = register_tables(station_staff, level="station", pk=station.pk, **H1)[SUMMARY]
    assert summary.title == "Summary"
    assert summary.rows == [
        ["Group study", 1, 2, 1, "Cancelled: 0; credit hours: 1.0"],
        ["Group deliberation", 1, 2, 1, ""],
        ["Voter reception", 1, 2, None, "Matters recorded on those days: 3"],
        ["Voters' matters", 4, None, None, "Closed: 1; open: 3, of which overdue: 1"],
        ["Inspections and surveys", 1, 2, None,
         "Inspections: 1; surveys: 0; findings: 1"],
    ]  # fmt: skip


def test_nothing_of_a_voter_in_any_sheet(county_officer, county, activity):
    tables = register_tables(county_officer, level="county", pk=county.pk, **H1)
    text = " ".join(cells(tables))
    assert VOTER_NAME not in text
    assert VOTER_MOBILE not in text
    assert "5678" not in text  # not even masked


def test_the_township_register_has_both_stations(in_english, township_staff, township, activity):
    tables = register_tables(township_staff, level="township", pk=township.pk, **H1)
    assert [row[3] for row in tables[RECEPTIONS].rows] == ["递铺代表联络站", "古城代表联络站"]
    assert len(tables[MATTERS].rows) == 5
    assert [row[5] for row in tables[INSPECTIONS].rows] == ["古城视察", "农村饮水安全工程"]


def test_a_station_clerk_sees_nothing_of_another_station(
    station_staff, station, other_station, activity
):
    tables = register_tables(station_staff, level="station", pk=station.pk, **H1)
    assert "古城" not in " ".join(cells(tables))


def test_a_deputy_the_user_may_not_see_is_counted_not_named(
    in_english, station_staff, station, other_station_deputy, activity
):
    """A deputy of another station taking part in the station's inspection."""
    inspection = activity_register(
        station_staff, level="station", pk=station.pk, **H1
    )  # before: two named
    assert inspection.sections[INSPECTIONS].rows[0][7:9] == ["王秀英、陈红梅", 2]
    from inspections.models import Inspection

    Inspection.objects.get(title="农村饮水安全工程").deputies.add(other_station_deputy)
    register = activity_register(station_staff, level="station", pk=station.pk, **H1)
    assert register.sections[INSPECTIONS].rows[0][7:9] == ["王秀英、陈红梅", 3]


def test_queries_do_not_grow_with_the_register(
    county_officer, county, station, activity, django_assert_num_queries
):
    register_tables(county_officer, level="county", pk=county.pk, **H1)  # reads the scope
    with django_assert_num_queries(13):
        register_tables(county_officer, level="county", pk=county.pk, **H1)
    for n in range(3):
        more = LiaisonStationFactory(township=station.township, name=f"梅溪{n}站")
        someone = DeputyFactory(station=more, user__mobile=f"1360100{n}000")
        matters.schedule_reception_day(
            station=more, created_by=None, day=date(2025, 2, 9), place="站", on_duty=[someone]
        )
        record(more, someone.user, f"事{n}", date(2025, 2, 9))
        make_inspection(station=more, organiser=someone, starts_on=date(2025, 3, n + 1))
        held = session(more, f"学习{n}", at(2025, 2, 10 + n))
        open_group(session=held, exercise=report_exercise(live=True), attributed=False)
    with django_assert_num_queries(13):
        tables = register_tables(county_officer, level="county", pk=county.pk, **H1)
    assert [len(tables[k].rows) for k in (DELIBERATIONS, RECEPTIONS, MATTERS, INSPECTIONS)] == [
        1 + 3,
        2 + 3,
        5 + 3,
        2 + 3,
    ]


# The printed page -----------------------------------------------------------------------------

PERIOD = {"from": "2025-01-01", "to": "2025-06-30"}


def print_url(level, pk):
    return reverse("exports:register_print", args=[level, pk])


def test_the_printed_register(english, station_staff, station, activity):
    english.force_login(station_staff)
    response = english.get(print_url("station", station.pk), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "递铺代表联络站 activity register" in html
    assert "Period: 2025-01-01 to 2025-06-30" in html
    for heading in (
        "1. Summary",
        "2. Group study",
        "3. Study attendance",
        "4. Group deliberation",
        "5. Voter reception",
        "6. Voters&#x27; matters",
        "7. Inspections and surveys",
    ):
        assert heading in html
    assert "村口桥面塌了" in html and "河东村蓄水池 → 三组供水点" in html
    assert "Filled in by" in html and "Checked by" in html
    assert VOTER_NAME not in html and VOTER_MOBILE not in html
    assert "css/register.css" in html and "data-print" in html
    export = reverse("exports:register", args=["station", station.pk])
    assert f"{export}?from=2025-01-01&amp;to=2025-06-30" in html
    assert "no-store" in response["Cache-Control"]


def test_the_printed_register_in_chinese(client, station_staff, station, activity):
    client.force_login(station_staff)
    html = client.get(print_url("station", station.pk), PERIOD).content.decode()
    assert "递铺代表联络站活动台账" in html
    for heading in ("一、汇总", "二、集中学习", "四、集中审议", "五、接待选民", "七、视察调研"):
        assert heading in html
    for words in ("填表人", "审核人", "应到", "实到"):
        assert words in html


def test_the_export_page_offers_the_printed_register(english, station_staff, station):
    english.force_login(station_staff)
    html = english.get(reverse("exports:register", args=["station", station.pk])).content
    assert f'formaction="{print_url("station", station.pk)}"'.encode() in html


def test_without_a_period_the_page_asks_for_one(english, station_staff, station):
    english.force_login(station_staff)
    response = english.get(print_url("station", station.pk))
    assert response.status_code == 200
    assert b'name="from"' in response.content


def test_a_wrong_period_is_400(english, station_staff, station):
    english.force_login(station_staff)
    response = english.get(print_url("station", station.pk), {"from": "2025-07-01", "to": "x"})
    assert response.status_code == 400
    assert b"Enter a date such as 2026-01-31." in response.content


@pytest.mark.parametrize("who", ["station_staff", "deputy", "other_county_officer"])
def test_outside_the_scope_is_404(client, request, other_station, county, who):
    user = request.getfixturevalue(who)
    client.force_login(getattr(user, "user", user))
    level, pk = ("county", county.pk) if who == "other_county_officer" else ("station", 0)
    if who == "station_staff":
        pk = other_station.pk
    elif who == "deputy":
        pk = user.station_id
    assert client.get(print_url(level, pk), PERIOD).status_code == 404


def test_the_printed_page_queries_do_not_grow(
    client, county_officer, county, station, activity, django_assert_num_queries
):
    client.force_login(county_officer)
    client.get(print_url("county", county.pk), PERIOD)
    with django_assert_num_queries(PRINT_QUERIES):
        client.get(print_url("county", county.pk), PERIOD)
    for n in range(3):
        more = LiaisonStationFactory(township=station.township, name=f"梅溪{n}站")
        someone = DeputyFactory(station=more, user__mobile=f"1360100{n}000")
        record(more, someone.user, f"事{n}", date(2025, 2, 9))
        make_inspection(station=more, organiser=someone, starts_on=date(2025, 3, n + 1))
        held = session(more, f"学习{n}", at(2025, 2, 10 + n))
        Attendance.objects.create(
            session=held, deputy=someone, checked_in_at=held.starts_at + timedelta(minutes=1)
        )
    with django_assert_num_queries(PRINT_QUERIES):
        response = client.get(print_url("county", county.pk), PERIOD)
    assert "梅溪2站" in response.content.decode()


# session, user, scope, the register's 13, and the chrome of the page (menus, notifications)
PRINT_QUERIES = 19
