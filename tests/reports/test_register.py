"""The group-study register against a small record counted by hand: sessions of two stations
of one township, one of another township and one of another county, around the edges of the
first half of 2025 (Beijing time)."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.http import Http404
from django.utils import timezone

from courses.factories import CoursePageFactory, LessonPageFactory
from deputies.factories import DeputyFactory, LiaisonStationFactory, TownshipFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from reports.register import register_place, register_size, register_tables
from studysessions.models import Attendance, Invitation, StudySession

SHANGHAI = ZoneInfo("Asia/Shanghai")
H1 = {"date_from": date(2025, 1, 1), "date_to": date(2025, 6, 30)}


def at(year, month, day, hour=9, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def session(station, topic, starts, *, hours=1, credit="1.0", **fields):
    return StudySession.objects.create(
        station=station,
        topic=topic,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        place=fields.pop("place", "联络站会议室"),
        credit_hours=Decimal(credit),
        **fields,
    )


def invite(session, deputy, reply=Invitation.Reply.NONE):
    return Invitation.objects.create(session=session, deputy=deputy, reply=reply)


def present(session, deputy, method=Attendance.Method.QR, by=None, when=None):
    return Attendance.objects.create(
        session=session,
        deputy=deputy,
        method=method,
        recorded_by=by,
        checked_in_at=when or session.starts_at + timedelta(minutes=5),
    )


@pytest.fixture
def other_county_officer(other_county):
    user = UserFactory(name="外县干部", mobile="13700000009")
    grant_role(user=user, kind=StaffRole.Kind.COUNTY, place=other_county)
    return user


@pytest.fixture
def register_data(
    deputy,
    station,
    other_station,
    other_station_deputy,
    other_township_deputy,
    other_county_deputy,
    station_staff,
    course_index,
):
    """What the expectations below count. At 递铺代表联络站 (`station`):
    - 2024-12-31 23:30: before the period (it is still 2024 in Beijing);
    - 2025-01-01 00:30: the first session of the period (still 2024 in UTC); nobody invited;
    - 2025-03-10 09:00–11:00 学习代表法: two lessons; three invited (王秀英 accepts, 陈红梅
      declines, 李建国 of the other station has not answered); 王秀英 checked in by QR, 李建国
      marked present by the clerk: 2 of 3 = 67%;
    - 2025-05-05 cancelled for 暴雨, 王秀英 invited;
    - 2025-06-30 20:00: the last day of the period (in UTC already 12:00 that day);
    - 2025-07-01 07:00: after the period (though still 30 June in UTC).
    At 古城代表联络站 (`other_station`): 2025-04-01 14:00 学习监督法, 李建国 invited, accepts and
    signs the sheet: 1 of 1.
    At 孝丰代表联络站 (the other township): 2025-02-02 学习选举法, 张丽华 present uninvited.
    In the other county: 2025-03-10 德清学习, 赵志强 present.
    """
    chen = DeputyFactory(station=station, user__name="陈红梅", user__mobile="13600000004")
    course = CoursePageFactory(parent=course_index, title="代表法", slug="dbf", summary="…")
    first = LessonPageFactory(parent=course, slug="one")
    second = LessonPageFactory(parent=course, slug="two")

    session(station, "跨年前", at(2024, 12, 31, 23, 30))
    session(station, "元旦学习", at(2025, 1, 1, 0, 30))
    law = session(
        station,
        "学习代表法",
        at(2025, 3, 10),
        hours=2,
        credit="1.5",
        facilitator="刘老师",
        place="递铺街道办三楼",
    )
    law.lessons.set([second, first])
    invite(law, deputy, Invitation.Reply.ATTEND)
    invite(law, chen, Invitation.Reply.DECLINE)
    invite(law, other_station_deputy)
    present(law, deputy, when=at(2025, 3, 10, 8, 55))
    present(law, other_station_deputy, Attendance.Method.MANUAL, by=station_staff)
    rained = session(
        station,
        "学习监督法",
        at(2025, 5, 5, 14),
        hours=2,
        status=StudySession.Status.CANCELLED,
        cancel_reason="暴雨",
    )
    invite(rained, deputy)
    session(station, "夜学", at(2025, 6, 30, 20))
    session(station, "七月", at(2025, 7, 1, 7))

    other = session(other_station, "学习监督法", at(2025, 4, 1, 14), hours=2, credit="2.0")
    invite(other, other_station_deputy, Invitation.Reply.ATTEND)
    present(other, other_station_deputy, Attendance.Method.SHEET, by=station_staff)

    elsewhere = session(other_township_deputy.station, "学习选举法", at(2025, 2, 2))
    present(elsewhere, other_township_deputy)

    far = session(other_county_deputy.station, "德清学习", at(2025, 3, 10))
    present(far, other_county_deputy)
    return {"law": law, "lessons": (first, second)}


# The sheets: summary, group study, study attendance, group deliberation, voter reception,
# voters' matters, inspections and surveys.
SESSIONS, ATTENDANCE = 1, 2


def sessions_of(tables):
    return tables[SESSIONS].rows


def topics(tables):
    return [row[4] for row in sessions_of(tables)]


def test_the_station_register_counted_by_hand(in_english, station_staff, station, register_data):
    tables = register_tables(station_staff, level="station", pk=station.pk, **H1)
    assert [t.title for t in tables] == [
        "Summary",
        "Group study",
        "Study attendance",
        "Group deliberation",
        "Voter reception",
        "Voters' matters",
        "Inspections and surveys",
    ]
    held = ["Held", ""]
    assert sessions_of(tables) == [
        [date(2025, 1, 1), "00:30–01:30", "递铺街道", "递铺代表联络站", "元旦学习",
         "联络站会议室", "", "", Decimal("1.0"), *held, 0, 0, 0, None],
        [date(2025, 3, 10), "09:00–11:00", "递铺街道", "递铺代表联络站", "学习代表法",
         "递铺街道办三楼", "刘老师", "课 one; 课 two", Decimal("1.5"), *held, 3, 1, 2, 67],
        [date(2025, 5, 5), "14:00–16:00", "递铺街道", "递铺代表联络站", "学习监督法",
         "联络站会议室", "", "", Decimal("1.0"), "Cancelled", "暴雨", 1, 0, 0, None],
        [date(2025, 6, 30), "20:00–21:00", "递铺街道", "递铺代表联络站", "夜学",
         "联络站会议室", "", "", Decimal("1.0"), *held, 0, 0, 0, None],
    ]  # fmt: skip
    notes = tables[SESSIONS].notes
    assert notes[0] == "Activity register: 递铺代表联络站, 2025-01-01 to 2025-06-30"
    assert notes[1].startswith("Exported by 站务员 at ")
    assert notes[2] == (
        "3 sessions held, 1 cancelled; 3.5 credit hours; 2 attendances of 3 invited"
    )
    # 李建国 belongs to the other station: counted above, not named to this station's clerk.
    assert tables[ATTENDANCE].rows == [
        [date(2025, 3, 10), "递铺代表联络站", "学习代表法", "王秀英", "递铺街道",
         "递铺代表联络站", at(2025, 3, 10, 8, 55), "QR code", ""],
    ]  # fmt: skip
    assert "outside your scope" in tables[ATTENDANCE].notes[-1]


def test_the_county_register_lists_every_station_and_everyone(
    in_english, county_officer, county, register_data
):
    tables = register_tables(county_officer, level="county", pk=county.pk, **H1)
    assert topics(tables) == [
        "元旦学习", "学习选举法", "学习代表法", "学习监督法", "学习监督法", "夜学"
    ]  # fmt: skip
    assert [row[3] for row in sessions_of(tables)][1] == "孝丰代表联络站"
    assert [row[2] for row in sessions_of(tables)][1] == "孝丰镇"
    attendance = tables[ATTENDANCE].rows
    assert [(row[0], row[3], row[7], row[8]) for row in attendance] == [
        (date(2025, 2, 2), "张丽华", "QR code", ""),
        (date(2025, 3, 10), "李建国", "Marked by staff", "站务员"),
        (date(2025, 3, 10), "王秀英", "QR code", ""),
        (date(2025, 4, 1), "李建国", "Sign-in sheet", "站务员"),
    ]
    # The deputy's own township and station, not the session's.
    assert attendance[1][1] == "递铺代表联络站"
    assert attendance[1][4:6] == ["递铺街道", "古城代表联络站"]
    assert "outside your scope" not in " ".join(tables[ATTENDANCE].notes)
    other = next(row for row in sessions_of(tables) if row[3] == "古城代表联络站")
    assert other[-4:] == [1, 1, 1, 100]


def test_the_township_register_leaves_out_other_townships(
    in_english, township_staff, township, register_data
):
    tables = register_tables(township_staff, level="township", pk=township.pk, **H1)
    assert topics(tables) == ["元旦学习", "学习代表法", "学习监督法", "学习监督法", "夜学"]
    assert len(tables[ATTENDANCE].rows) == 3


def test_a_station_clerk_asking_for_their_township_sees_nothing_of_it(
    station_staff, township, register_data
):
    with pytest.raises(Http404):
        register_tables(station_staff, level="township", pk=township.pk, **H1)


def test_a_station_clerk_cannot_read_another_stations_register(
    station_staff, other_station, register_data
):
    with pytest.raises(Http404):
        register_tables(station_staff, level="station", pk=other_station.pk, **H1)


def test_an_officer_of_another_county_gets_404(other_county_officer, county, station, township):
    for level, pk in (("county", county.pk), ("township", township.pk), ("station", station.pk)):
        with pytest.raises(Http404):
            register_place(other_county_officer, level, pk)


def test_a_deputy_has_no_register(deputy, station):
    with pytest.raises(Http404):
        register_place(deputy.user, "station", station.pk)


def test_an_unknown_level_is_404(county_officer, county):
    with pytest.raises(Http404):
        register_place(county_officer, "province", county.pk)


def test_a_session_still_to_come_is_scheduled(in_english, station_staff, station):
    later = timezone.localtime() + timedelta(days=3)
    session(station, "下周学习", later)
    today = timezone.localdate()
    tables = register_tables(
        station_staff, level="station", pk=station.pk, date_from=today, date_to=later.date()
    )
    assert sessions_of(tables)[0][9] == "Scheduled"
    assert tables[SESSIONS].notes[2].startswith("0 sessions held, 0 cancelled")


def test_a_single_day(in_english, station_staff, station, register_data):
    day = date(2025, 3, 10)
    tables = register_tables(
        station_staff, level="station", pk=station.pk, date_from=day, date_to=day
    )
    assert topics(tables) == ["学习代表法"]


def test_the_size_counts_sessions_and_attendances(county_officer, county, register_data):
    place = register_place(county_officer, "county", county.pk)
    assert register_size(place, county_officer, **H1) == 6 + 4


def test_queries_do_not_grow_with_the_register(
    county_officer, county, station, register_data, django_assert_num_queries
):
    register_tables(county_officer, level="county", pk=county.pk, **H1)  # reads the scope
    # place, sessions, lessons, invitations, attendance counts, attendance rows, deliberations;
    # reception days, their deputies on duty, matters; inspections, their stops and deputies
    with django_assert_num_queries(13):
        register_tables(county_officer, level="county", pk=county.pk, **H1)
    township = TownshipFactory(county=county, name="梅溪镇")
    for n in range(3):
        more = LiaisonStationFactory(township=township, name=f"梅溪{n}站")
        held = session(more, f"学习{n}", at(2025, 2, 10 + n))
        held.lessons.set(register_data["lessons"])
        for m in range(3):
            someone = DeputyFactory(station=more, user__mobile=f"1360100{n}{m:03d}")
            invite(held, someone, Invitation.Reply.ATTEND)
            present(held, someone)
    with django_assert_num_queries(13):
        tables = register_tables(county_officer, level="county", pk=county.pk, **H1)
    assert len(tables[SESSIONS].rows) == 9
    assert len(tables[ATTENDANCE].rows) == 4 + 9
